package org.kohyo.redact;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kohyo.text.TextNormalizer;

/**
 * The leak verifier's decoding as it was first written, with regular expressions and
 * {@link TextNormalizer#fold(String)}: the specification that {@link LeakDecoder} and
 * {@link LeakVerifier#dataUrls} must match character for character.
 */
final class RegexDecoder {
    private static final Pattern ENTITY = Pattern.compile("&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7});?|&(amp|lt|gt|quot|apos|nbsp);");
    private static final Pattern OTHER_ENTITY = Pattern.compile("&[A-Za-z][A-Za-z0-9]{1,31};");
    private static final Pattern JS_HEX = Pattern.compile("\\\\x([0-9a-fA-F]{2})");
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/]{16,}={0,2}");
    private static final Pattern JSON_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern CSS_ESCAPE = Pattern.compile("\\\\([0-9a-fA-F]{1,6})[ \\t\\n]?");
    private static final Pattern JS_CODE_POINT = Pattern.compile("\\\\u\\{([0-9a-fA-F]{1,6})\\}");
    private static final Pattern DATA_URL = Pattern.compile("data:[^,\"'\\s]*;base64,([A-Za-z0-9+/=]+)");

    private RegexDecoder() {}

    static String decode(String text) {
        String t = text;
        if (t.indexOf("\\u") >= 0) {
            t = JSON_ESCAPE.matcher(t).replaceAll(m -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        if (t.indexOf('\\') >= 0) {
            String js = JS_CODE_POINT.matcher(t).replaceAll(m -> Matcher.quoteReplacement(codePoint(m.group(1))));
            js = JS_HEX.matcher(js).replaceAll(m -> Matcher.quoteReplacement(codePoint(m.group(1))));
            String css = CSS_ESCAPE.matcher(js).replaceAll(m -> Matcher.quoteReplacement(codePoint(m.group(1))));
            t = t.replace("\\n", "\n").replace("\\\"", "\"").replace("\\/", "/") + "\n" + css;
        }
        if (t.indexOf('&') >= 0) {
            t = ENTITY.matcher(t).replaceAll(m -> Matcher.quoteReplacement(entity(m.group(1) != null ? m.group(1) : m.group(2))));
            t = OTHER_ENTITY.matcher(t).replaceAll("");
        }
        t = t + base64Texts(t);
        if (t.indexOf('%') >= 0) {
            t = t + "\n" + percentDecode(t);
        }
        String folded = TextNormalizer.fold(t);
        if (t.indexOf('<') < 0) {
            return folded;
        }
        return folded + "\n" + TextNormalizer.fold(TAG.matcher(t).replaceAll(""));
    }

    /** The decoded contents of the base64 data: URLs of the bytes. */
    static List<byte[]> dataUrls(byte[] bytes) {
        List<byte[]> out = new ArrayList<>();
        Matcher data = DATA_URL.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        while (data.find()) {
            try {
                out.add(Base64.getDecoder().decode(data.group(1)));
            } catch (IllegalArgumentException ignored) {
                // not base64 after all
            }
        }
        return out;
    }

    private static String base64Texts(String t) {
        StringBuilder b = new StringBuilder();
        Matcher m = BASE64_RUN.matcher(t);
        while (m.find()) {
            String run = m.group();
            if (run.length() % 4 != 0) {
                continue;
            }
            try {
                byte[] bytes = Base64.getDecoder().decode(run);
                if (validUtf8(bytes)) {
                    b.append('\n').append(new String(bytes, StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException ignored) {
                // not base64
            }
        }
        return b.toString();
    }

    static boolean validUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static String codePoint(String hex) {
        int cp = Integer.parseInt(hex, 16);
        return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "";
    }

    private static String percentDecode(String t) {
        try {
            return URLDecoder.decode(t.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String entity(String e) {
        return switch (e) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> e.startsWith("#x") || e.startsWith("#X") ? codePoint(e.substring(2)) : codePoint(Integer.toHexString(Integer.parseInt(e.substring(1))));
        };
    }
}

package org.kohyo.redact;

import java.net.URLDecoder;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.kohyo.text.TextNormalizer;

/**
 * 漏えい検査の復号 — turns a text into the folded text that the leak verifier searches. In order:
 * JSON {@code \\u} escapes; when a backslash is left, a copy with the JSON string escapes
 * ({@code \\n}, {@code \\"}, {@code \\/}) undone and a copy with JavaScript ({@code \\u{…}},
 * {@code \\x..}) and CSS ({@code \\hex}) escapes decoded; HTML character references (unknown named
 * ones dropped); the text of long base64 runs that decode to UTF-8; a percent-decoded copy; then
 * everything folded (see {@link TextNormalizer#fold}), and folded again without tags when the text
 * has any. The copies are joined by line breaks, which folding removes.
 *
 * <p>Each step is one hand-written pass over the text that runs only when the text holds what it
 * decodes (a backslash, an ampersand…); its Javadoc quotes the regular expression whose
 * {@code replaceAll} it replaces, and gives exactly what that expression gives (the tests compare
 * the two on many texts).
 */
final class LeakDecoder {
    /** The shortest base64 run whose text is searched. */
    private static final int MIN_BASE64 = 16;

    private LeakDecoder() {}

    /** The decoded, folded form of {@code text}, as a string. */
    static String decode(String text) {
        Folded out = new Folded();
        decode(text, out);
        return new String(out.chars, 0, out.length);
    }

    /** Puts the decoded, folded form of {@code text} in {@code out}. */
    static void decode(String text, Folded out) {
        String t = text;
        if (t.indexOf("\\u") >= 0) {
            t = jsonEscapes(t);
        }
        if (t.indexOf('\\') >= 0) {
            String css = cssEscapes(jsHexEscapes(jsCodePoints(t)));
            t = t.replace("\\n", "\n").replace("\\\"", "\"").replace("\\/", "/") + "\n" + css;
        }
        if (t.indexOf('&') >= 0) {
            t = otherEntities(entities(t));
        }
        t = withBase64Texts(t);
        if (t.indexOf('%') >= 0) {
            t = t + "\n" + percentDecode(t);
        }
        fold(t, out);
    }

    /**
     * Folds the decoded text, and when it has a '&lt;', a line break and the text without tags
     * folded too: tags can split a sentence ({@code <u>}, {@code <br>},
     * {@code <span class="withheld">}). Usually the text is folded once, tag by tag and between
     * them, and the folded pieces between tags are copied; that is the same when every piece after
     * a tag starts with a character that folding cannot join to what comes before it (see
     * {@link TextNormalizer#foldsApart}); otherwise both are folded whole.
     */
    private static void fold(String t, Folded out) {
        char[] a = t.toCharArray();
        int n = a.length;
        CharBuffer b = out.buffer.clear();
        int lt = t.indexOf('<');
        if (lt < 0) {
            out.set(TextNormalizer.fold(a, 0, n, b));
            return;
        }
        int last = t.lastIndexOf('>');
        // the text between tags as start, end pairs; a '<' opens a tag only when some '>' follows it
        int[] texts = out.texts;
        int count = 0;
        boolean apart = true;
        int from = 0;
        for (int open = lt; open >= 0 && open < last; open = t.indexOf('<', from)) {
            if (count + 2 > texts.length) {
                texts = Arrays.copyOf(texts, 2 * texts.length);
            }
            texts[count++] = from;
            texts[count++] = open;
            from = t.indexOf('>', open + 1) + 1;
            apart &= from == n || TextNormalizer.foldsApart(a[from]);
        }
        if (count + 2 > texts.length) {
            texts = Arrays.copyOf(texts, 2 * texts.length);
        }
        texts[count++] = from;
        texts[count++] = n;
        out.texts = texts;
        if (!apart) {
            b = lineBreak(TextNormalizer.fold(a, 0, n, b));
            char[] tagless = withoutTags(t).toCharArray();
            out.set(TextNormalizer.fold(tagless, 0, tagless.length, b));
            return;
        }
        // fold text, tag, text, … noting where each folded text goes
        int[] folded = new int[count];
        for (int k = 0; k < count; k += 2) {
            folded[k] = b.position();
            b = TextNormalizer.fold(a, texts[k], texts[k + 1], b);
            folded[k + 1] = b.position();
            if (k + 2 < count) {
                b = TextNormalizer.fold(a, texts[k + 1], texts[k + 2], b);
            }
        }
        int whole = b.position();
        int length = whole + 1;
        for (int k = 0; k < count; k += 2) {
            length += folded[k + 1] - folded[k];
        }
        if (length > b.capacity()) {
            b = CharBuffer.allocate(Math.max(length, 2 * b.capacity())).put(b.flip());
        }
        char[] chars = b.array();
        chars[whole] = '\n';
        int at = whole + 1;
        for (int k = 0; k < count; k += 2) {
            System.arraycopy(chars, folded[k], chars, at, folded[k + 1] - folded[k]);
            at += folded[k + 1] - folded[k];
        }
        out.set(b.position(length));
    }

    /** Puts a line break into {@code b}, in a larger buffer if it is full. */
    private static CharBuffer lineBreak(CharBuffer b) {
        if (b.position() == b.capacity()) {
            b = CharBuffer.allocate(2 * b.capacity() + 1).put(b.flip());
        }
        return b.put('\n');
    }

    /** A folded text in buffers that are reused from text to text. */
    static final class Folded {
        /** The text: its first {@link #length} characters. */
        char[] chars;
        int length;
        private CharBuffer buffer = CharBuffer.allocate(1024);
        private int[] texts = new int[64];

        /** Takes the folded text from the start of {@code b} to its position. */
        private void set(CharBuffer b) {
            buffer = b;
            chars = b.array();
            length = b.position();
        }
    }

    /** One kind of escape, tried where its marker occurs. */
    private interface Escape {
        /**
         * When an escape starts at {@code i} of {@code t}, appends what it stands for to {@code b}
         * and returns where it ends; else appends nothing and returns -1.
         */
        int decode(String t, int i, StringBuilder b);
    }

    /**
     * Replaces every escape that starts with {@code marker}, left to right, as a regex replaceAll
     * would: after an escape the search resumes where it ended, after a non-escape one further on.
     */
    private static String replaceEscapes(String t, String marker, Escape escape) {
        int i = t.indexOf(marker);
        if (i < 0) {
            return t;
        }
        StringBuilder b = new StringBuilder(t.length());
        int copied = 0;
        while (i >= 0) {
            b.append(t, copied, i);
            copied = i;
            int end = escape.decode(t, i, b);
            if (end >= 0) {
                copied = end;
                i = t.indexOf(marker, end);
            } else {
                i = t.indexOf(marker, i + 1);
            }
        }
        return b.append(t, copied, t.length()).toString();
    }

    /** {@code \\u([0-9a-fA-F]{4})} → that UTF-16 unit. */
    static String jsonEscapes(String t) {
        return replaceEscapes(t, "\\u", (x, i, b) -> {
            int v = i + 6 <= x.length() ? hex(x, i + 2, 4) : -1;
            if (v < 0) {
                return -1;
            }
            b.append((char) v);
            return i + 6;
        });
    }

    /** {@code \\u\{([0-9a-fA-F]{1,6})\}} → that code point (nothing when it is not one). */
    static String jsCodePoints(String t) {
        return replaceEscapes(t, "\\u{", (x, i, b) -> {
            int digits = hexDigits(x, i + 3, 7);
            int close = i + 3 + digits;
            if (digits < 1 || digits > 6 || close >= x.length() || x.charAt(close) != '}') {
                return -1;
            }
            appendCodePoint(b, hex(x, i + 3, digits));
            return close + 1;
        });
    }

    /** {@code \\x([0-9a-fA-F]{2})} → that character. */
    static String jsHexEscapes(String t) {
        return replaceEscapes(t, "\\x", (x, i, b) -> {
            int v = i + 4 <= x.length() ? hex(x, i + 2, 2) : -1;
            if (v < 0) {
                return -1;
            }
            b.append((char) v);
            return i + 4;
        });
    }

    /** {@code \\([0-9a-fA-F]{1,6})[ \t\n]?} → that code point (nothing when it is not one). */
    static String cssEscapes(String t) {
        return replaceEscapes(t, "\\", (x, i, b) -> {
            int digits = hexDigits(x, i + 1, 6);
            if (digits == 0) {
                return -1;
            }
            appendCodePoint(b, hex(x, i + 1, digits));
            int end = i + 1 + digits;
            if (end < x.length() && (x.charAt(end) == ' ' || x.charAt(end) == '\t' || x.charAt(end) == '\n')) {
                end++;
            }
            return end;
        });
    }

    /**
     * {@code &(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7});?|&(amp|lt|gt|quot|apos|nbsp);} → the character:
     * numeric references (the semicolon is optional, as browsers read them) and the common named ones.
     */
    static String entities(String t) {
        return replaceEscapes(t, "&", LeakDecoder::reference);
    }

    /**
     * When a reference that {@link #entities} decodes starts at {@code i}, appends its character to
     * {@code b} and returns where it ends; else -1.
     */
    private static int reference(String t, int i, StringBuilder b) {
        int n = t.length();
        if (i + 1 < n && t.charAt(i + 1) == '#') {
            int end = -1;
            int cp = -1;
            if (i + 2 < n && (t.charAt(i + 2) == 'x' || t.charAt(i + 2) == 'X')) {
                int digits = hexDigits(t, i + 3, 6);
                if (digits > 0) {
                    cp = hex(t, i + 3, digits);
                    end = i + 3 + digits;
                }
            } else {
                int digits = decimalDigits(t, i + 2, 7);
                if (digits > 0) {
                    cp = Integer.parseInt(t, i + 2, i + 2 + digits, 10);
                    end = i + 2 + digits;
                }
            }
            if (end < 0) {
                return -1;
            }
            if (end < n && t.charAt(end) == ';') {
                end++;
            }
            appendCodePoint(b, cp);
            return end;
        }
        for (String[] e : NAMED) {
            if (t.startsWith(e[0], i + 1)) {
                b.append(e[1]);
                return i + 1 + e[0].length();
            }
        }
        return -1;
    }

    /** The named references that {@link #entities} decodes, with their characters. */
    private static final String[][] NAMED = {
        {"amp;", "&"}, {"lt;", "<"}, {"gt;", ">"}, {"quot;", "\""}, {"apos;", "'"}, {"nbsp;", " "}};

    /**
     * {@code &[A-Za-z][A-Za-z0-9]{1,31};} → nothing: any other named reference ({@code &shy;},
     * {@code &ZeroWidthSpace;}…) is dropped, so text split by it joins up.
     */
    static String otherEntities(String t) {
        return replaceEscapes(t, "&", (x, i, b) -> {
            int n = x.length();
            if (i + 1 >= n || !isAsciiLetter(x.charAt(i + 1))) {
                return -1;
            }
            int j = i + 2;
            while (j < n && j - (i + 2) < 32 && isAsciiLetterOrDigit(x.charAt(j))) {
                j++;
            }
            int run = j - (i + 2);
            return run >= 1 && run <= 31 && j < n && x.charAt(j) == ';' ? j + 1 : -1;
        });
    }

    /**
     * The text followed by the text of every long base64 run ({@code [A-Za-z0-9+/]{16,}={0,2}}, a
     * multiple of four long) that decodes to valid UTF-8 ({@code atob("…")} and the like), each
     * after a line break.
     */
    static String withBase64Texts(String t) {
        StringBuilder b = null;
        int n = t.length();
        // a run of 16 or more holds one of every 16th position: probe those, and read the runs found
        int from = 0;
        for (int probe = MIN_BASE64 - 1; probe < n; probe = from + MIN_BASE64 - 1) {
            if (!isBase64(t.charAt(probe))) {
                from = probe + 1;
                continue;
            }
            int start = probe;
            while (start > from && isBase64(t.charAt(start - 1))) {
                start--;
            }
            int end = probe + 1;
            while (end < n && isBase64(t.charAt(end))) {
                end++;
            }
            if (end - start >= MIN_BASE64) {
                for (int pad = 0; pad < 2 && end < n && t.charAt(end) == '='; pad++) {
                    end++;
                }
                String text = (end - start) % 4 == 0 ? base64Text(t, start, end) : null;
                if (text != null) {
                    b = (b == null ? new StringBuilder(t) : b).append('\n').append(text);
                }
            }
            from = end;
        }
        return b == null ? t : b.toString();
    }

    /** The text that {@code t[start, end)} encodes in base64, or null when it is not UTF-8 (or not base64). */
    private static String base64Text(String t, int start, int end) {
        try {
            return LeakVerifier.utf8OrNull(Base64.getDecoder().decode(t.substring(start, end)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code <[^>]*>} → nothing. */
    static String withoutTags(String t) {
        int last = t.lastIndexOf('>');
        StringBuilder b = new StringBuilder(t.length());
        int copied = 0;
        int i = t.indexOf('<');
        // a '<' opens a tag only when some '>' follows it
        while (i >= 0 && i < last) {
            b.append(t, copied, i);
            copied = t.indexOf('>', i + 1) + 1;
            i = t.indexOf('<', copied);
        }
        return b.append(t, copied, t.length()).toString();
    }

    /** The percent-decoded text, or "" when some '%' does not start an escape. */
    private static String percentDecode(String t) {
        if (!percentEscapesOnly(t)) {
            return "";
        }
        try {
            return URLDecoder.decode(t.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /**
     * Whether {@link URLDecoder#decode(String, java.nio.charset.Charset)} accepts {@code t} once each
     * '+' is written %2B: every '%' must be followed by two characters that
     * {@link Integer#parseInt(CharSequence, int, int, int)} reads in base 16 as a number that is not
     * negative ('+' can be neither: it has become "%2B").
     */
    private static boolean percentEscapesOnly(String t) {
        int n = t.length();
        for (int i = t.indexOf('%'); i >= 0; i = t.indexOf('%', i + 3)) {
            if (i + 2 >= n) {
                return false;
            }
            char first = t.charAt(i + 1);
            int second = Character.digit(t.charAt(i + 2), 16);
            if (first == '+' || second < 0 || Character.digit(first, 16) < 0 && !(first == '-' && second == 0)) {
                return false;
            }
        }
        return true;
    }

    private static void appendCodePoint(StringBuilder b, int cp) {
        if (Character.isValidCodePoint(cp)) {
            b.appendCodePoint(cp);
        }
    }

    /** How many of the (at most {@code max}) characters from {@code at} are hexadecimal digits in a row. */
    private static int hexDigits(String t, int at, int max) {
        int end = Math.min(t.length(), at + max);
        int i = at;
        while (i < end && Character.digit(t.charAt(i), 16) >= 0 && t.charAt(i) < 0x80) {
            i++;
        }
        return i - at;
    }

    private static int decimalDigits(String t, int at, int max) {
        int end = Math.min(t.length(), at + max);
        int i = at;
        while (i < end && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
        }
        return i - at;
    }

    /** The value of {@code length} ASCII hexadecimal digits from {@code at}, or -1 when they are not. */
    private static int hex(String t, int at, int length) {
        int v = 0;
        for (int i = at; i < at + length; i++) {
            char c = t.charAt(i);
            int d = c < 0x80 ? Character.digit(c, 16) : -1;
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || c >= '0' && c <= '9';
    }

    private static boolean isBase64(char c) {
        return c < 0x80 && BASE64[c];
    }

    /** The base64 alphabet, by ASCII code. */
    private static final boolean[] BASE64 = new boolean[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            BASE64[c] = isAsciiLetterOrDigit(c) || c == '+' || c == '/';
        }
    }
}

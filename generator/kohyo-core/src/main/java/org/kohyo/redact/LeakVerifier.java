package org.kohyo.redact;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.kohyo.text.TextNormalizer;

/**
 * 漏えい検査 — fails when any withheld text appears in a bundle (a folder or a zip). Before comparing
 * it folds width and spacing (NFKC, white space and invisible format characters removed), decodes
 * HTML entities, JSON, JavaScript, CSS and URL escapes, UTF-16 text and base64 data: URLs, and looks
 * inside gzip and zip files and Lucene indexes (stored fields and terms), file
 * names included. A finding names the file and
 * the withheld part by document and number, never the text itself, so the report cannot leak.
 *
 * <p>Each withheld part is cut into fragments (sentences, list lines; see {@link WithheldCatalog}).
 * A fragment that also appears in public text (for example a choice that the form prints anyway)
 * cannot be a sign of a leak and is counted as unverifiable; every other fragment is searched.
 */
public final class LeakVerifier {
    /** Numeric references (the semicolon is optional, as browsers read them) and the common named ones. */
    private static final Pattern ENTITY = Pattern.compile("&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7});?|&(amp|lt|gt|quot|apos|nbsp);");
    /** Any other named reference (&shy;, &ZeroWidthSpace;…): dropped, so text split by it joins up. */
    private static final Pattern OTHER_ENTITY = Pattern.compile("&[A-Za-z][A-Za-z0-9]{1,31};");
    private static final Pattern JS_HEX = Pattern.compile("\\\\x([0-9a-fA-F]{2})");
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/]{16,}={0,2}");
    private static final Pattern JSON_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern CSS_ESCAPE = Pattern.compile("\\\\([0-9a-fA-F]{1,6})[ \\t\\n]?");
    private static final Pattern JS_CODE_POINT = Pattern.compile("\\\\u\\{([0-9a-fA-F]{1,6})\\}");
    private static final Pattern DATA_URL = Pattern.compile("data:[^,\"'\\s]*;base64,([A-Za-z0-9+/=]+)");

    /** One leak: where, and which withheld part (never its text). */
    public record Finding(String file, String document, int number) {
        @Override
        public String toString() {
            return file + ": 評価書「" + document + "」の非公表箇所 " + number + " の内容が含まれています";
        }
    }

    /** The result of a check. */
    public record Report(List<Finding> findings, int parts, int fragments, int unverifiable, int filesScanned) {
        public boolean clean() {
            return findings.isEmpty();
        }
    }

    /** What one path of a folder yielded. */
    private record PathScan(List<Finding> found, int files) {}

    private final FragmentMatcher matcher;
    private final int parts;
    private final int searched;
    private final int unverifiable;

    /**
     * @param extraPublicText text that is public whatever the sources say (form labels, choice lists,
     *                        the notice); fragments found there are unverifiable
     */
    public LeakVerifier(WithheldCatalog catalog, String extraPublicText) {
        catalog.closeParts();
        catalog.addPublic(extraPublicText);
        List<FragmentMatcher.Fragment> search = new ArrayList<>();
        int skipped = 0;
        for (FragmentMatcher.Fragment f : catalog.fragments()) {
            if (catalog.isAlsoPublic(f)) {
                skipped++;
            } else {
                search.add(f);
            }
        }
        this.matcher = new FragmentMatcher(search);
        this.parts = catalog.size();
        this.searched = search.size();
        this.unverifiable = skipped + catalog.tooShort();
    }

    /** Checks a bundle: a directory or a .zip file. */
    public Report verify(Path bundle) {
        List<Finding> findings = new ArrayList<>();
        int[] scanned = {0};
        try {
            if (Files.isDirectory(bundle)) {
                List<Path> paths;
                try (Stream<Path> s = Files.walk(bundle)) {
                    paths = s.sorted().toList();
                }
                // files are independent: scan them on every core, and report in file order
                List<PathScan> perPath = paths.parallelStream().map(p -> {
                    List<Finding> found = new ArrayList<>();
                    int[] files = {0};
                    String name = bundle.relativize(p).toString().replace('\\', '/');
                    try {
                        if (Files.isRegularFile(p)) {
                            scan(name, matcher.isEmpty() ? null : Files.readAllBytes(p), found, files);
                        } else if (!matcher.isEmpty() && LuceneText.isIndex(p)) {
                            search(name + "/(Lucene の索引)", decode(LuceneText.dump(p)), found);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return new PathScan(found, files[0]);
                }).toList();
                for (PathScan r : perPath) {
                    findings.addAll(r.found());
                    scanned[0] += r.files();
                }
            } else {
                scan(bundle.getFileName().toString(), Files.readAllBytes(bundle), findings, scanned);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Report(List.copyOf(findings), parts, searched, unverifiable, scanned[0]);
    }

    private void scan(String name, byte[] bytes, List<Finding> findings, int[] scanned) throws IOException {
        scanned[0]++;
        if (matcher.isEmpty()) {
            return;
        }
        List<Finding> inName = new ArrayList<>();
        search(name, decode(name), inName);
        if (!inName.isEmpty()) {
            // never repeat the withheld text in the report: mask the parts of the name that carry it
            name = masked(name);
            for (Finding f : inName) {
                findings.add(new Finding(name, f.document(), f.number()));
            }
        }
        if (isZip(bytes)) {
            Path lucene = null;
            try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(bytes))) {
                ZipEntry e;
                while ((e = z.getNextEntry()) != null) {
                    if (e.isDirectory()) {
                        continue;
                    }
                    byte[] content = readAll(z);
                    scan(name + "!/" + e.getName(), content, findings, scanned);
                    if (e.getName().contains("search/lucene/") && !e.getName().endsWith("/")) {
                        // a Lucene index inside the zip: unpack it to read it (see LuceneText)
                        if (lucene == null) {
                            lucene = Files.createTempDirectory("kohyo-verify-lucene");
                        }
                        String file = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                        Files.write(lucene.resolve(file), content);
                    }
                }
            } finally {
                if (lucene != null) {
                    try {
                        if (LuceneText.isIndex(lucene)) {
                            search(name + "!/search/lucene/(Lucene の索引)", decode(LuceneText.dump(lucene)), findings);
                        }
                    } finally {
                        org.kohyo.bundle.StagingDirectory.deleteTree(lucene);
                    }
                }
            }
            return;
        }
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                scan(name + "!gunzip", in.readAllBytes(), findings, scanned);
            }
            return;
        }
        search(name, decode(text(bytes)), findings);
        // data: URLs carry files of their own
        Matcher data = DATA_URL.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        while (data.find()) {
            try {
                scan(name + "!data:", java.util.Base64.getDecoder().decode(data.group(1)), findings, scanned);
            } catch (IllegalArgumentException ignored) {
                // not base64 after all
            }
        }
    }

    /**
     * The bytes as text: UTF-8; UTF-16 when a BOM says so; and when the bytes are not valid UTF-8
     * (binary files, or UTF-16 without a BOM, which Japanese text has no zero bytes to betray), the
     * UTF-16 readings as well.
     */
    private static String text(byte[] b) {
        if (b.length >= 2 && ((b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff || (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe)) {
            return new String(b, StandardCharsets.UTF_16);
        }
        String utf8 = new String(b, StandardCharsets.UTF_8);
        if (b.length >= 2 && !validUtf8(b)) {
            return utf8 + "\n" + new String(b, StandardCharsets.UTF_16LE) + "\n" + new String(b, StandardCharsets.UTF_16BE)
                    + "\n" + new String(b, java.nio.charset.Charset.forName("windows-31j"))
                    + "\n" + new String(b, java.nio.charset.Charset.forName("EUC-JP"));
        }
        return utf8;
    }

    private static boolean validUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private static boolean isZip(byte[] b) {
        return b.length > 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    /** Decodes JSON \\u escapes, HTML entities and percent-encoding, then folds; also without tags. */
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
        // tags can split a sentence (<u>, <br>, <span class="withheld">): compare the text without them too
        return folded + "\n" + TextNormalizer.fold(TAG.matcher(t).replaceAll(""));
    }

    /** The name with every path segment that carries withheld text replaced by a mark. */
    private String masked(String name) {
        String[] parts = name.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            List<Finding> f = new ArrayList<>();
            search("", decode(parts[i]), f);
            if (!f.isEmpty()) {
                parts[i] = "［非公表の内容を含む名前］";
            }
        }
        String out = String.join("/", parts);
        List<Finding> still = new ArrayList<>();
        search("", decode(out), still);
        return still.isEmpty() ? out : "［非公表の内容を含む名前］";
    }

    /** The text of every long base64 run that decodes to valid UTF-8 (atob("…") and the like). */
    private static String base64Texts(String t) {
        StringBuilder b = new StringBuilder();
        Matcher m = BASE64_RUN.matcher(t);
        while (m.find()) {
            String run = m.group();
            if (run.length() % 4 != 0) {
                continue;
            }
            try {
                byte[] bytes = java.util.Base64.getDecoder().decode(run);
                if (validUtf8(bytes)) {
                    b.append('\n').append(new String(bytes, StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException ignored) {
                // not base64
            }
        }
        return b.toString();
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


    private void search(String file, String folded, List<Finding> findings) {
        Set<String> reported = new LinkedHashSet<>();
        matcher.scan(folded, f -> {
            if (reported.add(f.document() + "#" + f.number())) {
                findings.add(new Finding(file, f.document(), f.number()));
            }
        });
    }
}

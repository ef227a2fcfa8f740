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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * it folds width and spacing (NFKC, white space removed), decodes HTML entities, JSON and URL
 * escapes, and looks inside gzip and zip files, file names included. A finding names the file and
 * the withheld part by document and number, never the text itself, so the report cannot leak.
 *
 * <p>Each withheld part is cut into fragments (sentences, list lines). A fragment that also appears
 * in the public text of the sources (for example a choice that the form prints anyway) cannot be a
 * sign of a leak and is counted as unverifiable; a fragment shorter than {@link #MIN_FRAGMENT} is
 * searched only when it is absent from the public text.
 */
public final class LeakVerifier {
    /** Fragments shorter than this (after folding) are searched only when absent from public text. */
    public static final int MIN_FRAGMENT = 6;
    private static final Pattern SPLIT = Pattern.compile("[\\n。．！？!?]|<br\\s*/?>");
    private static final Pattern MARKUP = Pattern.compile("</?[a-zA-Z][^>]*>|[*_`#>|\\[\\]]|^\\s*(?:[-+]|\\d+[.)])\\s+");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);");
    private static final Pattern JSON_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

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

    private record Fragment(String text, String document, int number) {}

    private final List<Fragment> fragments = new ArrayList<>();
    private final Map<String, List<Fragment>> byPrefix = new HashMap<>();
    private final List<Fragment> shortOnes = new ArrayList<>();
    private final int parts;
    private int unverifiable;

    /**
     * @param extraPublicText text that is public whatever the sources say (form labels, choice lists,
     *                        the notice, theme text); fragments found there are unverifiable
     */
    public LeakVerifier(WithheldCatalog catalog, String extraPublicText) {
        String publicText = TextNormalizer.fold(strip(catalog.publicText() + "\n" + extraPublicText));
        this.parts = catalog.parts().size();
        for (WithheldCatalog.Part p : catalog.parts()) {
            Set<String> seen = new LinkedHashSet<>();
            for (String piece : SPLIT.split(p.text)) {
                String f = TextNormalizer.fold(strip(piece));
                if (f.length() < 2 || !seen.add(f)) {
                    continue;
                }
                if (publicText.contains(f)) {
                    unverifiable++;
                    continue;
                }
                Fragment fr = new Fragment(f, p.document, p.number);
                fragments.add(fr);
                if (f.length() >= MIN_FRAGMENT) {
                    byPrefix.computeIfAbsent(f.substring(0, MIN_FRAGMENT), k -> new ArrayList<>()).add(fr);
                } else {
                    shortOnes.add(fr);
                }
            }
        }
    }

    private static String strip(String s) {
        StringBuilder b = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            b.append(MARKUP.matcher(line).replaceAll("")).append('\n');
        }
        return b.toString();
    }

    /** Checks a bundle: a directory or a .zip file. */
    public Report verify(Path bundle) {
        List<Finding> findings = new ArrayList<>();
        int[] scanned = {0};
        try {
            if (Files.isDirectory(bundle)) {
                try (Stream<Path> s = Files.walk(bundle)) {
                    for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                        String name = bundle.relativize(p).toString().replace('\\', '/');
                        scan(name, Files.readAllBytes(p), findings, scanned);
                    }
                }
            } else {
                scan(bundle.getFileName().toString(), Files.readAllBytes(bundle), findings, scanned);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Report(List.copyOf(findings), parts, fragments.size(), unverifiable, scanned[0]);
    }

    private void scan(String name, byte[] bytes, List<Finding> findings, int[] scanned) throws IOException {
        scanned[0]++;
        search(name, decode(URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8)), findings);
        if (isZip(bytes)) {
            try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(bytes))) {
                ZipEntry e;
                while ((e = z.getNextEntry()) != null) {
                    if (!e.isDirectory()) {
                        scan(name + "!/" + e.getName(), readAll(z), findings, scanned);
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
        String text = new String(bytes, StandardCharsets.UTF_8);
        search(name, decode(text), findings);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private static boolean isZip(byte[] b) {
        return b.length > 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    /** Decodes HTML entities, JSON \\u escapes and percent-encoding, then folds. */
    static String decode(String text) {
        String t = JSON_ESCAPE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        t = t.replace("\\n", "\n").replace("\\\"", "\"").replace("\\/", "/");
        t = ENTITY.matcher(t).replaceAll(m -> Matcher.quoteReplacement(entity(m.group(1))));
        if (t.indexOf('%') >= 0) {
            t = t + "\n" + percentDecode(t);
        }
        // tags can split a sentence (<u>, <br>, <span class="withheld">): compare the text without them too
        String noTags = t.replaceAll("<[^>]*>", "");
        return TextNormalizer.fold(t) + "\n" + TextNormalizer.fold(noTags);
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
            default -> e.startsWith("#x") ? new String(Character.toChars(Integer.parseInt(e.substring(2), 16)))
                    : new String(Character.toChars(Integer.parseInt(e.substring(1))));
        };
    }

    private void search(String file, String folded, List<Finding> findings) {
        Set<String> reported = new LinkedHashSet<>();
        for (int i = 0; i + MIN_FRAGMENT <= folded.length(); i++) {
            List<Fragment> candidates = byPrefix.get(folded.substring(i, i + MIN_FRAGMENT));
            if (candidates == null) {
                continue;
            }
            for (Fragment f : candidates) {
                if (folded.startsWith(f.text, i) && reported.add(f.document + "#" + f.number)) {
                    findings.add(new Finding(file, f.document, f.number));
                }
            }
        }
        for (Fragment f : shortOnes) {
            if (folded.contains(f.text) && reported.add(f.document + "#" + f.number)) {
                findings.add(new Finding(file, f.document, f.number));
            }
        }
    }
}

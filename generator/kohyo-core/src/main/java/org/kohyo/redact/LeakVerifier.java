package org.kohyo.redact;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
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
 * names included (see {@link LeakDecoder}). A finding names the file and
 * the withheld part by document and number, never the text itself, so the report cannot leak.
 *
 * <p>Each withheld part is cut into fragments (sentences, list lines; see {@link WithheldCatalog}).
 * A fragment that also appears in public text (for example a choice that the form prints anyway)
 * cannot be a sign of a leak and is counted as unverifiable; every other fragment is searched.
 *
 * <p>Memory stays bounded whatever the size of the bundle: a text file is decoded as a whole, but
 * the readings of a binary file and the text of a Lucene index are decoded in pieces of at most
 * {@link #PIECE} characters, cut where possible so that no escape, reference, base64 run or tag
 * straddles the cut (see {@link #cut}), and searched as one stream, so that a fragment that runs
 * over a cut is still found.
 */
public final class LeakVerifier {
    /** The most characters decoded at once from a binary file or a Lucene index. */
    static final int PIECE = 1 << 20;
    private static final Charset[] OTHER_READINGS = {
        StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, Charset.forName("windows-31j"), Charset.forName("EUC-JP")};
    private static final String DATA = "data:";
    private static final String BASE64_MARK = ";base64";

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
        return verify(bundle, (List<Path>) null);
    }

    /**
     * Checks exactly these site-relative paths of a directory bundle: files, and Lucene index
     * directories (an incremental build names what it wrote, rather than having the whole tree walked;
     * see docs/incremental-build.md for why the files it kept need no new check).
     */
    public Report verify(Path bundle, java.util.Collection<String> paths) {
        return verify(bundle, paths.stream().sorted().map(bundle::resolve).toList());
    }

    /** Checks {@code only} (absolute paths inside the bundle), or the whole bundle when null. */
    private Report verify(Path bundle, List<Path> only) {
        List<Finding> findings = new ArrayList<>();
        int[] scanned = {0};
        // buffers for the threads that scan: taken per path, given back after it
        Queue<LeakDecoder.Folded> spare = new ConcurrentLinkedQueue<>();
        try {
            if (Files.isDirectory(bundle)) {
                List<Path> paths;
                if (only != null) {
                    paths = only;
                } else {
                    try (Stream<Path> s = Files.walk(bundle)) {
                        paths = s.sorted().toList();
                    }
                }
                // files are independent: scan them on every core, and report in file order
                List<PathScan> perPath = paths.parallelStream().map(p -> {
                    List<Finding> found = new ArrayList<>();
                    int[] files = {0};
                    String name = bundle.relativize(p).toString().replace('\\', '/');
                    LeakDecoder.Folded buffer = spare.poll();
                    if (buffer == null) {
                        buffer = new LeakDecoder.Folded();
                    }
                    try {
                        if (Files.isRegularFile(p)) {
                            scan(name, matcher.isEmpty() ? null : Files.readAllBytes(p), found, files, buffer);
                        } else if (!matcher.isEmpty() && LuceneText.isIndex(p)) {
                            lucene(name + "/(Lucene の索引)", p, found, buffer);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    spare.add(buffer);
                    return new PathScan(found, files[0]);
                }).toList();
                for (PathScan r : perPath) {
                    findings.addAll(r.found());
                    scanned[0] += r.files();
                }
            } else {
                scan(bundle.getFileName().toString(), Files.readAllBytes(bundle), findings, scanned, new LeakDecoder.Folded());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Report(List.copyOf(findings), parts, searched, unverifiable, scanned[0]);
    }

    private void scan(String name, byte[] bytes, List<Finding> findings, int[] scanned, LeakDecoder.Folded buffer) throws IOException {
        scanned[0]++;
        if (matcher.isEmpty()) {
            return;
        }
        List<Finding> inName = new ArrayList<>();
        search(name, LeakDecoder.decode(name), inName);
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
                    scan(name + "!/" + e.getName(), content, findings, scanned, buffer);
                    if (e.getName().contains("search/lucene/") && !e.getName().endsWith("/")) {
                        // a Lucene index inside the zip: unpack it to read it (see LuceneText)
                        if (lucene == null) {
                            lucene = Files.createTempDirectory("kohyo-verify-lucene");
                        }
                        // one index per partition (search/lucene/pNN/): keep the partition directories
                        String rest = e.getName().substring(e.getName().indexOf("search/lucene/") + "search/lucene/".length());
                        Path file = lucene.resolve(rest).normalize();
                        if (!file.startsWith(lucene)) {
                            throw new IOException("zip entry outside its directory: " + e.getName());
                        }
                        Files.createDirectories(file.getParent());
                        Files.write(file, content);
                    }
                }
            } finally {
                if (lucene != null) {
                    try {
                        List<Path> indexes;
                        try (Stream<Path> dirs = Files.walk(lucene)) {
                            indexes = dirs.filter(Files::isDirectory).sorted().toList();
                        }
                        for (Path dir : indexes) {
                            if (LuceneText.isIndex(dir)) {
                                String where = lucene.relativize(dir).toString().replace('\\', '/');
                                lucene(name + "!/search/lucene/" + (where.isEmpty() ? "" : where + "/") + "(Lucene の索引)", dir, findings, buffer);
                            }
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
                scan(name + "!gunzip", in.readAllBytes(), findings, scanned, buffer);
            }
            return;
        }
        searchText(name, bytes, findings, buffer);
        // data: URLs carry files of their own
        String inner = name + "!data:";
        dataUrls(bytes, content -> {
            try {
                scan(inner, content, findings, scanned, buffer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Searches the bytes as text: UTF-8; UTF-16 when a BOM says so; and when the bytes are not valid
     * UTF-8 (binary files, or UTF-16 without a BOM, which Japanese text has no zero bytes to betray),
     * the UTF-16, Shift_JIS and EUC-JP readings as well, one after the other.
     */
    private void searchText(String name, byte[] b, List<Finding> findings, LeakDecoder.Folded buffer) {
        Search s = new Search(name, findings, buffer);
        if (b.length >= 2 && ((b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff || (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe)) {
            s.whole(new String(b, StandardCharsets.UTF_16));
            return;
        }
        String utf8 = new String(b, StandardCharsets.UTF_8);
        if (b.length < 2 || isValidUtf8(utf8, b)) {
            s.whole(utf8);
            return;
        }
        s.inPieces(utf8);
        for (Charset c : OTHER_READINGS) {
            s.inPieces(new String(b, c));
        }
    }

    /** Searches the stored fields and terms of a Lucene index, in pieces. */
    private void lucene(String name, Path dir, List<Finding> findings, LeakDecoder.Folded buffer) throws IOException {
        Search s = new Search(name, findings, buffer);
        StringBuilder pending = new StringBuilder();
        LuceneText.forEachText(dir, text -> {
            pending.append(text).append('\n');
            if (pending.length() >= 2 * PIECE) {
                int end = cut(pending, 0, PIECE);
                s.piece(pending.substring(0, end));
                pending.delete(0, end);
            }
        });
        s.inPieces(pending.toString());
    }

    /**
     * Where to end a piece of {@code text} that starts at {@code from} and is at most {@code max}
     * long. Preferably right after a '&gt;' (no tag is open there, and none of the escapes,
     * references and base64 runs contains one); otherwise before an ASCII character that none of
     * them contains (space, line break, most punctuation) and that does not follow a backslash.
     * Either way folding cannot join the character after the cut to the one before it (see
     * {@link TextNormalizer#foldsApart}). In the last half of the allowed length; failing both, at
     * the limit.
     */
    static int cut(CharSequence text, int from, int max) {
        int n = text.length();
        if (n - from <= max) {
            return n;
        }
        int end = from + max;
        int low = from + max / 2;
        for (int i = end; i > low; i--) {
            if (text.charAt(i - 1) == '>' && TextNormalizer.foldsApart(text.charAt(i))) {
                return i;
            }
        }
        for (int i = end; i > low; i--) {
            char c = text.charAt(i);
            if (c < 0x80 && !Character.isLetterOrDigit(c) && "\\{}&#;%+/=<>".indexOf(c) < 0 && text.charAt(i - 1) != '\\') {
                return i;
            }
        }
        return end;
    }

    /**
     * The search of one file: findings reported once per withheld part. Its text is given whole, or
     * in consecutive pieces; then a match that runs over the boundary of two pieces is found in the
     * seam, the last characters of the one and the first of the next.
     */
    private final class Search {
        private final LeakDecoder.Folded buffer;
        private final Set<String> reported = new HashSet<>();
        private final Consumer<FragmentMatcher.Fragment> hit;
        /** The last characters of the folded text so far, fewer than the longest fragment. */
        private final StringBuilder tail = new StringBuilder();

        Search(String file, List<Finding> findings, LeakDecoder.Folded buffer) {
            this.buffer = buffer;
            this.hit = f -> {
                if (reported.add(f.document() + "#" + f.number())) {
                    findings.add(new Finding(file, f.document(), f.number()));
                }
            };
        }

        /** A whole text. */
        void whole(String text) {
            LeakDecoder.decode(text, buffer);
            matcher.scan(buffer.chars, buffer.length, hit);
        }

        /** A text that continues the one before, cut into pieces (see {@link #cut}). */
        void inPieces(String text) {
            for (int from = 0; from < text.length(); ) {
                int end = cut(text, from, PIECE);
                piece(text.substring(from, end));
                from = end;
            }
        }

        /** A piece that continues the text before. */
        void piece(String text) {
            LeakDecoder.decode(text, buffer);
            int length = buffer.length;
            char[] chars = buffer.chars;
            int keep = matcher.longest() - 1;
            if (keep > 0 && tail.length() > 0) {
                int head = Math.min(length, keep);
                char[] seam = new char[tail.length() + head];
                tail.getChars(0, tail.length(), seam, 0);
                System.arraycopy(chars, 0, seam, tail.length(), head);
                matcher.scan(seam, seam.length, hit);
            }
            matcher.scan(chars, length, hit);
            if (keep > 0) {
                if (length >= keep) {
                    tail.setLength(0);
                    tail.append(chars, length - keep, keep);
                } else {
                    tail.append(chars, 0, length);
                    if (tail.length() > keep) {
                        tail.delete(0, tail.length() - keep);
                    }
                }
            }
        }
    }

    /**
     * The content of every base64 data: URL in the bytes, read as ISO-8859-1:
     * {@code data:[^,"'\s]*;base64,([A-Za-z0-9+/=]+)} (what is not base64 after all is skipped).
     */
    static void dataUrls(byte[] b, Consumer<byte[]> content) {
        String latin1 = new String(b, StandardCharsets.ISO_8859_1);
        int i = latin1.indexOf(DATA);
        while (i >= 0) {
            int p = i + DATA.length();
            while (p < b.length && !endsMediaType(b[p])) {
                p++;
            }
            if (p < b.length && b[p] == ',' && latin1.startsWith(BASE64_MARK, p - BASE64_MARK.length())
                    && p - BASE64_MARK.length() >= i + DATA.length()) {
                int start = p + 1;
                int end = start;
                while (end < b.length && isBase64OrPad(b[end])) {
                    end++;
                }
                if (end > start) {
                    byte[] decoded = null;
                    try {
                        decoded = Base64.getDecoder().decode(Arrays.copyOfRange(b, start, end));
                    } catch (IllegalArgumentException ignored) {
                        // not base64 after all
                    }
                    if (decoded != null) {
                        content.accept(decoded);
                    }
                    i = latin1.indexOf(DATA, end);
                    continue;
                }
            }
            i = latin1.indexOf(DATA, i + 1);
        }
    }

    private static boolean endsMediaType(byte c) {
        return c == ',' || c == '"' || c == '\'' || c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    private static boolean isBase64OrPad(byte c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';
    }

    /** The bytes as UTF-8 text, or null when they are not valid UTF-8. */
    static String utf8OrNull(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        return isValidUtf8(s, b) ? s : null;
    }

    /**
     * Whether {@code b}, of which {@code utf8} is the UTF-8 decoding, is valid UTF-8: decoding puts
     * U+FFFD for every malformed sequence, so text without one was valid; only text with one is
     * checked strictly.
     */
    private static boolean isValidUtf8(String utf8, byte[] b) {
        if (utf8.indexOf('\uFFFD') < 0) {
            return true;
        }
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

    /** The name with every path segment that carries withheld text replaced by a mark. */
    private String masked(String name) {
        String[] parts = name.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            List<Finding> f = new ArrayList<>();
            search("", LeakDecoder.decode(parts[i]), f);
            if (!f.isEmpty()) {
                parts[i] = "［非公表の内容を含む名前］";
            }
        }
        String out = String.join("/", parts);
        List<Finding> still = new ArrayList<>();
        search("", LeakDecoder.decode(out), still);
        return still.isEmpty() ? out : "［非公表の内容を含む名前］";
    }

    private void search(String file, String folded, List<Finding> findings) {
        Set<String> reported = new HashSet<>();
        matcher.scan(folded, f -> {
            if (reported.add(f.document() + "#" + f.number())) {
                findings.add(new Finding(file, f.document(), f.number()));
            }
        });
    }
}

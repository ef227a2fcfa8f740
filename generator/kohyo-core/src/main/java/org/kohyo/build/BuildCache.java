package org.kohyo.build;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.kohyo.bundle.StagingDirectory;
import org.kohyo.bundle.ZipBundle;
import org.kohyo.model.Location;
import org.kohyo.model.Problem;
import org.kohyo.redact.WithheldCatalog;
import org.kohyo.render.DocumentFacts;

/**
 * ビルドキャッシュ — what the last successful build learned about each evaluation source, so that
 * the next build validates, renders and analyses only the sources that changed (issue 6, the
 * incremental build). One file, written only when a build has succeeded and its output is in place.
 *
 * <p>The cache is kept beside the sources ({@code .kohyo-cache/} next to site-config.yml), never in
 * or near the output: it holds the withheld parts' text (for the leak check), as the sources do.
 *
 * <p>It is trusted only when its {@link #siteKey} equals the current one (the generator's own code,
 * the site configuration, theme, synonyms and every content file other than the evaluation sources
 * all hash into it) and the previous output is exactly what the cache lists (every file's size and
 * modification time). Anything else makes the build a full one.
 */
final class BuildCache {
    static final String MAGIC = "kohyo-build-cache-6";

    /**
     * One evaluation as the last build saw it.
     *
     * @param path       source path relative to content/
     * @param digest     SHA-256 of the source file's bytes
     * @param facts      評価書の要点 as the checking pass computed them (public edition: partners, duplicates)
     * @param shown      評価書の要点 as the build's edition shows them (the list page), null until rendered
     * @param numberAt   where the 評価書番号 stands
     * @param problems   the source's warnings
     * @param withheld   withheld items, blocks and spans
     * @param parts      the withheld parts as recorded in the leak catalog
     * @param alsoPublic the fragment texts of withheld parts (any document's) that this document's
     *                   public text was the first to show (see {@link WithheldCatalog#alsoPublicByDocument})
     */
    record Entry(String path, String digest, DocumentFacts facts, DocumentFacts shown, Location numberAt, List<Problem> problems,
                 int[] withheld, List<WithheldCatalog.Part> parts, List<String> alsoPublic) {

        Entry withAlsoPublic(List<String> texts) {
            return new Entry(path, digest, facts, shown, numberAt, problems, withheld, parts, List.copyOf(texts));
        }
    }

    /** One file of the output: its path (site-relative, '/'), size and modification time. */
    record OutputFile(String path, long size, long modified) {}

    /**
     * The zip the build wrote: its absolute path, size and modification time, and the fingerprint of
     * the deflater that compressed it ({@link ZipBundle#deflaterFingerprint}: the JVM may use the
     * system's zlib, which an update of the system changes without changing the JVM).
     */
    record ZipRecord(String path, long size, long modified, String deflater) {
        static ZipRecord of(Path zip) {
            try {
                Path abs = zip.toAbsolutePath().normalize();
                return new ZipRecord(abs.toString(), Files.size(abs), Files.getLastModifiedTime(abs).toMillis(),
                        ZipBundle.deflaterFingerprint());
            } catch (IOException e) {
                return null;
            }
        }
    }

    final String siteKey;
    /** The output directory the cache describes (absolute). */
    final String outputDir;
    /** The static index generation of that output ("search/i-GEN/"), which the index state describes. */
    final String indexGeneration;
    final Map<String, Entry> entries;
    final List<OutputFile> output;
    /** The zip the build wrote, or null. */
    final ZipRecord zip;

    BuildCache(String siteKey, String outputDir, String indexGeneration, Map<String, Entry> entries, List<OutputFile> output,
            ZipRecord zip) {
        this.siteKey = siteKey;
        this.outputDir = outputDir;
        this.indexGeneration = indexGeneration;
        this.entries = entries;
        this.output = output;
        this.zip = zip;
    }

    /**
     * The zip at {@code target} when it is the one the cached build wrote (same path, size and
     * modification time) and this JVM deflates as that build's did, so that a 差分ビルド may copy
     * its unchanged entries; else null.
     */
    Path zipToReuse(Path target) {
        ZipRecord now = ZipRecord.of(target);
        return zip != null && zip.equals(now) ? Path.of(now.path()) : null;
    }

    /** The cache file, or null when it is missing, unreadable or of another version. */
    static BuildCache read(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16))) {
            if (!MAGIC.equals(str(in))) {
                return null;
            }
            String siteKey = str(in);
            String outputDir = str(in);
            String indexGeneration = str(in);
            int n = in.readInt();
            Map<String, Entry> entries = new LinkedHashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                Entry e = readEntry(in);
                entries.put(e.path(), e);
            }
            int files = in.readInt();
            List<OutputFile> output = new ArrayList<>(files);
            for (int i = 0; i < files; i++) {
                output.add(new OutputFile(str(in), in.readLong(), in.readLong()));
            }
            ZipRecord zip = in.readBoolean() ? new ZipRecord(str(in), in.readLong(), in.readLong(), str(in)) : null;
            if (!"end".equals(str(in))) {
                return null;
            }
            return new BuildCache(siteKey, outputDir, indexGeneration, entries, output, zip);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            // a damaged cache only costs a full build
            return null;
        }
    }

    /** Writes the cache atomically (a temporary file moved into place). */
    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + java.util.UUID.randomUUID());
        try (OutputStream raw = Files.newOutputStream(tmp);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(fastGzip(raw), 1 << 16))) {
            str(out, MAGIC);
            str(out, siteKey);
            str(out, outputDir);
            str(out, indexGeneration);
            out.writeInt(entries.size());
            for (Entry e : entries.values()) {
                writeEntry(out, e);
            }
            out.writeInt(output.size());
            for (OutputFile f : output) {
                str(out, f.path());
                out.writeLong(f.size());
                out.writeLong(f.modified());
            }
            out.writeBoolean(zip != null);
            if (zip != null) {
                str(out, zip.path());
                out.writeLong(zip.size());
                out.writeLong(zip.modified());
                str(out, zip.deflater());
            }
            str(out, "end");
        }
        StagingDirectory.moveReplacing(tmp, file);
    }

    private static void writeEntry(DataOutputStream out, Entry e) throws IOException {
        str(out, e.path());
        str(out, e.digest());
        facts(out, e.facts());
        facts(out, e.shown());
        location(out, e.numberAt());
        out.writeInt(e.problems().size());
        for (Problem p : e.problems()) {
            location(out, p.location());
            str(out, p.label());
            str(out, p.message());
            out.writeBoolean(p.warning());
        }
        for (int i = 0; i < 3; i++) {
            out.writeInt(e.withheld()[i]);
        }
        out.writeInt(e.parts().size());
        for (WithheldCatalog.Part p : e.parts()) {
            str(out, p.document());
            out.writeInt(p.number());
            str(out, p.before());
            str(out, p.text());
            str(out, p.after());
            out.writeBoolean(p.withContext());
        }
        out.writeInt(e.alsoPublic().size());
        for (String t : e.alsoPublic()) {
            str(out, t);
        }
    }

    private static Entry readEntry(DataInputStream in) throws IOException {
        String path = str(in);
        String digest = str(in);
        DocumentFacts facts = facts(in);
        DocumentFacts shown = facts(in);
        Location numberAt = location(in);
        int np = in.readInt();
        List<Problem> problems = new ArrayList<>(np);
        for (int i = 0; i < np; i++) {
            problems.add(new Problem(location(in), str(in), str(in), in.readBoolean()));
        }
        int[] withheld = {in.readInt(), in.readInt(), in.readInt()};
        int nparts = in.readInt();
        List<WithheldCatalog.Part> parts = new ArrayList<>(nparts);
        for (int i = 0; i < nparts; i++) {
            parts.add(new WithheldCatalog.Part(str(in), in.readInt(), str(in), str(in), str(in), in.readBoolean()));
        }
        int nPublic = in.readInt();
        List<String> alsoPublic = new ArrayList<>(nPublic);
        for (int i = 0; i < nPublic; i++) {
            alsoPublic.add(str(in));
        }
        return new Entry(path, digest, facts, shown, numberAt, List.copyOf(problems), withheld, List.copyOf(parts), List.copyOf(alsoPublic));
    }

    private static void facts(DataOutputStream out, DocumentFacts f) throws IOException {
        out.writeBoolean(f != null);
        if (f == null) {
            return;
        }
        str(out, f.slug());
        str(out, f.url());
        str(out, f.kind());
        str(out, f.formId());
        str(out, f.number());
        str(out, f.title());
        str(out, f.affair());
        str(out, f.organization());
        str(out, f.department());
        str(out, f.published() == null ? null : f.published().toString());
        str(out, f.publishedText());
        str(out, f.status());
        out.writeInt(f.files());
        str(out, f.outsourcing());
        str(out, f.provision());
        out.writeInt(f.withheld());
        str(out, f.related());
        out.writeBoolean(f.identified());
    }

    private static DocumentFacts facts(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String slug = str(in);
        String url = str(in);
        String kind = str(in);
        String formId = str(in);
        String number = str(in);
        String title = str(in);
        String affair = str(in);
        String org = str(in);
        String dept = str(in);
        String date = str(in);
        String dateText = str(in);
        String status = str(in);
        int files = in.readInt();
        String outsourcing = str(in);
        String provision = str(in);
        int withheldCount = in.readInt();
        String related = str(in);
        boolean identified = in.readBoolean();
        return new DocumentFacts(slug, url, kind, formId, number, title, affair, org, dept,
                date == null ? null : LocalDate.parse(date), dateText, status, files, outsourcing, provision,
                withheldCount, related, identified);
    }

    private static void location(DataOutputStream out, Location l) throws IOException {
        out.writeBoolean(l != null);
        if (l != null) {
            str(out, l.file());
            out.writeInt(l.line());
            out.writeInt(l.column());
        }
    }

    private static Location location(DataInputStream in) throws IOException {
        return in.readBoolean() ? new Location(str(in), in.readInt(), in.readInt()) : null;
    }

    /** gzip at its fastest level: the cache is written on every build and read once. */
    static GZIPOutputStream fastGzip(OutputStream raw) throws IOException {
        return new GZIPOutputStream(raw, 1 << 16) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        };
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String str(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        if (n > 1 << 28) {
            throw new IOException("cache damaged");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}

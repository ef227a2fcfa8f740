package org.kohyo.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.kohyo.bundle.StagingDirectory;
import org.kohyo.render.DocumentFacts;

/**
 * 差分ビルドの計画 — what a build may keep of the previous output. There is a plan only when the
 * build cache was made for this site ({@link SiteKey}), the set of evaluation sources is the same,
 * and the previous output is exactly what the cache lists; otherwise the build is a full one.
 *
 * <p>A document's page is rendered again when its source changed or when the partner it links to
 * (基礎項目評価書 ↔ 重点・全項目評価書, 関連) changed; every other page is kept (hard-linked). Pages that
 * show every document (the list, the sitemap) and the site's own pages are always rendered again.
 */
final class Incremental {
    private final Path previousOutput;
    /** Slugs of the documents whose page is rendered again. */
    private final Set<String> rendered;
    /** Every document's facts, by source path. */
    private final Map<String, DocumentFacts> facts;
    private final int changed;

    private Incremental(Path previousOutput, Set<String> rendered, Map<String, DocumentFacts> facts, int changed) {
        this.previousOutput = previousOutput;
        this.rendered = rendered;
        this.facts = facts;
        this.changed = changed;
    }

    /**
     * The plan, or null for a full build.
     *
     * @param previous the build cache made for this site, or null
     * @param checked  every valid evaluation of this build, in source order
     * @param partners this build's partner of each document (by slug)
     */
    static Incremental plan(BuildCache previous, List<SiteBuilder.Checked1> checked, Path output,
            Map<String, DocumentFacts> partners) {
        if (previous == null || previous.entries.size() != checked.size()
                || !output.toAbsolutePath().normalize().toString().equals(previous.outputDir)) {
            return null;
        }
        List<DocumentFacts> before = new ArrayList<>();
        Map<String, DocumentFacts> facts = new HashMap<>();
        for (SiteBuilder.Checked1 c : checked) {
            BuildCache.Entry e = previous.entries.get(c.path());
            if (e == null || e.shown() == null) {
                return null;
            }
            before.add(e.facts());
            facts.put(c.path(), c.facts());
        }
        if (!sameFiles(output, previous.output)) {
            return null;
        }
        Map<String, DocumentFacts> partnersBefore = SiteBuilder.partners(before);
        Set<String> rendered = new HashSet<>();
        int changed = 0;
        for (SiteBuilder.Checked1 c : checked) {
            String slug = c.facts().slug();
            if (c.cached() == null) {
                changed++;
                rendered.add(slug);
            } else if (!Objects.equals(partners.get(slug), partnersBefore.get(slug))) {
                rendered.add(slug);
            }
        }
        return new Incremental(output, rendered, facts, changed);
    }

    /** What this build redid and kept, for the build summary. */
    String describe(Listing listing) {
        return "変更された評価書 " + changed + " 件、作り直したページ " + rendered.size() + "、書き換えたファイル "
                + listing.written().size() + "、前回のまま残したファイル " + (listing.files().size() - listing.written().size());
    }

    /** Sources that changed since the last build. */
    int changed() {
        return changed;
    }

    /** Whether the document's page is rendered again. */
    boolean rendersPage(String slug) {
        return rendered.contains(slug);
    }

    /** Keeps the pages of the documents that are not rendered again. */
    void keepUnchanged(StagingDirectory out) {
        for (DocumentFacts f : facts.values()) {
            if (!rendered.contains(f.slug())) {
                out.keep(previousOutput, f.url());
            }
        }
    }

    /** Whether a directory holds exactly the listed files, with their sizes and modification times. */
    private static boolean sameFiles(Path dir, List<BuildCache.OutputFile> listed) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        Map<String, BuildCache.OutputFile> byPath = new HashMap<>(listed.size() * 2);
        listed.forEach(f -> byPath.put(f.path(), f));
        int[] seen = {0};
        boolean[] same = {true};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    BuildCache.OutputFile f = byPath.get(relative(dir, file));
                    if (f == null || f.size() != attrs.size() || f.modified() != attrs.lastModifiedTime().toMillis()) {
                        same[0] = false;
                        return FileVisitResult.TERMINATE;
                    }
                    seen[0]++;
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return false;
        }
        return same[0] && seen[0] == listed.size();
    }

    /** The files of a staged output, and which of them this build wrote (rather than kept). */
    record Listing(List<BuildCache.OutputFile> files, long bytes, Set<String> written) {
        /** Whether a site-relative path (a file, or a directory such as a Lucene index) holds something written. */
        boolean wroteUnder(String path) {
            return written.contains(path) || writtenDirectories().contains(path);
        }

        private Set<String> writtenDirectories() {
            Set<String> dirs = new HashSet<>();
            for (String w : written) {
                for (int i = w.indexOf('/'); i >= 0; i = w.indexOf('/', i + 1)) {
                    dirs.add(w.substring(0, i));
                }
            }
            return dirs;
        }
    }

    static Listing list(StagingDirectory out) {
        Path root = out.path();
        List<BuildCache.OutputFile> files = new ArrayList<>();
        Set<String> written = new HashSet<>();
        Set<String> kept = out.kept();
        long[] bytes = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String rel = relative(root, file);
                    files.add(new BuildCache.OutputFile(rel, attrs.size(), attrs.lastModifiedTime().toMillis()));
                    bytes[0] += attrs.size();
                    if (!kept.contains(rel)) {
                        written.add(rel);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort((a, b) -> a.path().compareTo(b.path()));
        return new Listing(List.copyOf(files), bytes[0], written);
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}

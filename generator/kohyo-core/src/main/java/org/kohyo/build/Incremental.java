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
 * build cache was made for this site ({@link SiteKey}) and this output, and the previous output is
 * exactly what the cache lists; otherwise the build is a full one. Sources may have been changed,
 * added or removed.
 *
 * <p>A document's page is rendered again when its source changed or when the partner it links to
 * (基礎項目評価書 ↔ 重点・全項目評価書, 関連) changed; every other page is kept (hard-linked). Pages that
 * show every document (the list, the sitemap) and the site's own pages are always rendered again.
 */
final class Incremental {
    private final Path previousOutput;
    /**
     * The previous output's files by file key (inode), as paths relative to it: a staged file with
     * one of these keys was kept, and had that path in the previous output (and in its zip).
     */
    private final Map<Object, String> previousFiles;
    /** Slugs of the documents whose page is rendered again. */
    private final Set<String> rendered;
    /** Every document's facts, by source path. */
    private final Map<String, DocumentFacts> facts;
    private final int changed;
    private final int added;
    /** The URLs of the documents whose sources are gone since the previous build. */
    private final List<String> removedUrls;

    private Incremental(Path previousOutput, Map<Object, String> previousFiles, Set<String> rendered, Map<String, DocumentFacts> facts,
            int changed, int added, List<String> removedUrls) {
        this.added = added;
        this.removedUrls = removedUrls;
        this.previousOutput = previousOutput;
        this.previousFiles = previousFiles;
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
        if (previous == null || !output.toAbsolutePath().normalize().toString().equals(previous.outputDir)) {
            return null;
        }
        Map<String, DocumentFacts> facts = new HashMap<>();
        Set<String> paths = new HashSet<>();
        for (SiteBuilder.Checked1 c : checked) {
            facts.put(c.path(), c.facts());
            paths.add(c.path());
        }
        // the previous build's documents, in source order: their partners then, and the ones gone since
        List<DocumentFacts> before = new ArrayList<>();
        List<String> removedUrls = new ArrayList<>();
        for (BuildCache.Entry e : previous.entries.values()) {
            if (e.shown() == null) {
                return null;
            }
            before.add(e.facts());
            if (!paths.contains(e.path())) {
                removedUrls.add(e.facts().url());
            }
        }
        Map<Object, String> keys = sameFiles(output, previous.output);
        if (keys == null) {
            return null;
        }
        Map<String, DocumentFacts> partnersBefore = SiteBuilder.partners(before);
        Set<String> rendered = new HashSet<>();
        int changed = 0;
        int added = 0;
        for (SiteBuilder.Checked1 c : checked) {
            String slug = c.facts().slug();
            if (c.cached() == null) {
                if (previous.entries.containsKey(c.path())) {
                    changed++;
                } else {
                    added++;
                }
                rendered.add(slug);
            } else if (!Objects.equals(partners.get(slug), partnersBefore.get(slug))) {
                rendered.add(slug);
            }
        }
        return new Incremental(output, keys, rendered, facts, changed, added, List.copyOf(removedUrls));
    }

    /** What this build redid and kept, for the build summary. */
    String describe(Listing listing) {
        return "変更された評価書 " + changed + " 件" + (added > 0 ? "、加わった評価書 " + added + " 件" : "")
                + (removedUrls.isEmpty() ? "" : "、なくなった評価書 " + removedUrls.size() + " 件")
                + "、作り直したページ " + rendered.size() + "、書き換えたファイル "
                + listing.written().size() + "、前回のまま残したファイル " + (listing.files().size() - listing.written().size());
    }

    /** The URLs of the documents whose sources are gone since the previous build. */
    List<String> removedUrls() {
        return removedUrls;
    }

    /** Whether the document's page is rendered again. */
    boolean rendersPage(String slug) {
        return rendered.contains(slug);
    }

    /**
     * The path a kept file had in the previous output (so in the previous zip), by its file key;
     * null for a file this build wrote.
     */
    String keptFrom(Object fileKey) {
        return fileKey == null ? null : previousFiles.get(fileKey);
    }

    /** Keeps the pages of the documents that are not rendered again. */
    void keepUnchanged(StagingDirectory out) {
        for (DocumentFacts f : facts.values()) {
            if (!rendered.contains(f.slug())) {
                out.keep(previousOutput, f.url());
            }
        }
    }

    /**
     * The paths of a directory's files by file key when it holds exactly the listed files, with
     * their sizes and modification times; else null.
     */
    private static Map<Object, String> sameFiles(Path dir, List<BuildCache.OutputFile> listed) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        Map<Object, String> keys = new HashMap<>(listed.size() * 2);
        Map<String, BuildCache.OutputFile> byPath = new HashMap<>(listed.size() * 2);
        listed.forEach(f -> byPath.put(f.path(), f));
        int[] seen = {0};
        boolean[] same = {true};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String rel = relative(dir, file);
                    BuildCache.OutputFile f = byPath.get(rel);
                    if (f == null || f.size() != attrs.size() || f.modified() != attrs.lastModifiedTime().toMillis()) {
                        same[0] = false;
                        return FileVisitResult.TERMINATE;
                    }
                    seen[0]++;
                    if (attrs.fileKey() != null) {
                        keys.put(attrs.fileKey(), rel);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return null;
        }
        return same[0] && seen[0] == listed.size() ? keys : null;
    }

    /** The files of a staged output, and which of them this build wrote (rather than kept). */
    record Listing(List<BuildCache.OutputFile> files, long bytes, Set<String> written) {
        /** What the leak check reads: every written file, and every Lucene index directory holding one. */
        List<String> toCheck() {
            List<String> out = new ArrayList<>(written);
            Set<String> dirs = new java.util.TreeSet<>();
            for (String w : written) {
                int slash = w.lastIndexOf('/');
                if (slash > 0 && w.startsWith("search/lucene/")) {
                    dirs.add(w.substring(0, slash));
                }
            }
            out.addAll(dirs);
            return out;
        }
    }

    /**
     * Lists a staged output. With a plan, a file that is one of the previous output's files (a hard
     * link to it: the same file key) was kept; every other file was written by this build.
     */
    static Listing list(StagingDirectory out, Incremental plan) {
        Path root = out.path();
        List<BuildCache.OutputFile> files = new ArrayList<>();
        Set<String> written = new HashSet<>();
        long[] bytes = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String rel = relative(root, file);
                    files.add(new BuildCache.OutputFile(rel, attrs.size(), attrs.lastModifiedTime().toMillis()));
                    bytes[0] += attrs.size();
                    Object key = attrs.fileKey();
                    if (plan == null || key == null || !plan.previousFiles.containsKey(key)) {
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

package org.kohyo.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohyo.bundle.StagingDirectory;
import org.kohyo.bundle.ZipBundle;
import org.kohyo.config.SiteConfig;
import org.kohyo.form.CheckOption;
import org.kohyo.form.FormDefinition;
import org.kohyo.form.FormItem;
import org.kohyo.form.FormLibrary;
import org.kohyo.index.SearchConfig;
import org.kohyo.index.SearchIndexBuilder;
import org.kohyo.index.SearchIndexResult;
import org.kohyo.load.ContentLoader;
import org.kohyo.load.ContentRoot;
import org.kohyo.load.YNode;
import org.kohyo.model.Evaluation;
import org.kohyo.model.FreePage;
import org.kohyo.model.Location;
import org.kohyo.model.Problem;
import org.kohyo.model.Problems;
import org.kohyo.redact.Edition;
import org.kohyo.redact.LeakVerifier;
import org.kohyo.redact.PublishedEvaluation;
import org.kohyo.redact.PublishedPage;
import org.kohyo.redact.Redactor;
import org.kohyo.redact.WithheldCatalog;
import org.kohyo.render.AccessibilityPage;
import org.kohyo.render.DocumentFacts;
import org.kohyo.render.EvaluationListPage;
import org.kohyo.render.EvaluationPage;
import org.kohyo.render.FreePageOutput;
import org.kohyo.render.NotFoundPage;
import org.kohyo.render.PageContext;
import org.kohyo.render.RichTextHtml;
import org.kohyo.render.SearchPage;
import org.kohyo.render.SitemapOutput;
import org.kohyo.render.Theme;
import org.kohyo.render.ViewBuilder;
import org.kohyo.text.Markdown;
import org.kohyo.validate.EvaluationValidator;
import org.kohyo.validate.PageValidator;
import org.kohyo.work.OrderedWork;

/**
 * サイトの作成 — the pipeline, load → validate → redact → render → index → bundle, over one library
 * that the CLI and the Maven plugin wrap. Every source is validated before anything is rendered; a
 * build with errors writes nothing. The output is staged and moved into place only when the whole
 * build (the leak check included) has succeeded.
 */
public final class SiteBuilder {

    /**
     * One validated document: its facts, where its 評価書番号 stands, and what the build cache keeps
     * of it ({@code cached} when the source is unchanged since the last build and was not read again).
     */
    record Checked1(String path, String digest, DocumentFacts facts, Location numberAt, Problems problems,
                            int[] withheld, List<WithheldCatalog.Part> parts, BuildCache.Entry cached) {}

    /** One document after the rendering pass, on its way to the index and the list (facts null for a free page). */
    private record Rendered(String path, DocumentFacts facts, SearchIndexBuilder.AnalysedDocument search) {}

    /**
     * One document of the rendering pass: an evaluation ({@code doc}) or a free page ({@code page}),
     * whether its page is rendered and whether it is analysed for its index partition.
     */
    private record Work(int partition, Checked1 doc, FreePage page, boolean render, boolean analyse) {
        /** Partition by partition (the index takes them so), evaluations before free pages, by path. */
        static final java.util.Comparator<Work> ORDER = java.util.Comparator.comparingInt(Work::partition)
                .thenComparingInt(w -> w.doc() != null ? 0 : 1)
                .thenComparing(w -> w.doc() != null ? w.doc().path() : w.page().path());
    }

    /** Worker threads for the per-document stages. */
    private final int threads;

    public SiteBuilder() {
        this(OrderedWork.defaultThreads());
    }

    /** @param threads worker threads for validation and rendering (1 = the calling thread only) */
    public SiteBuilder(int threads) {
        this(threads, SearchIndexBuilder.DOCUMENTS_PER_PARTITION);
    }

    /** Documents per search index partition (see {@link SearchIndexBuilder#partitions}). */
    private final int documentsPerPartition;

    /** For tests: small partitions, so that a small site has several. */
    SiteBuilder(int threads, int documentsPerPartition) {
        this.threads = Math.max(1, threads);
        this.documentsPerPartition = documentsPerPartition;
    }

    /**
     * What validation learned about the sources, before anything is rendered.
     *
     * @param checked  every valid evaluation's result, in source order
     * @param previous the build cache, when it was made for this site (same {@link SiteKey}); else null
     */
    private record Checked(SiteConfig config, FormLibrary forms, ContentLoader loader, List<String> evaluations,
                           List<DocumentFacts> facts, List<FreePage> pages, Problems problems, String siteKey,
                           List<Checked1> checked, BuildCache previous) {}

    public BuildReport build(BuildOptions options) throws BuildFailure {
        try {
            return buildOnce(options);
        } catch (Recheck r) {
            return buildOnce(options.withFull(true));
        }
    }

    /** Work on a thread of its own, joined before the staging directory it writes into can go away. */
    private static final class Background {
        private final Thread thread;
        private volatile Throwable failure;

        Background(String name, Runnable work) {
            thread = new Thread(() -> {
                try {
                    work.run();
                } catch (Throwable t) {
                    failure = t;
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits until the work has ended, whatever happens meanwhile to this thread. */
        void join() {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits for the work and throws its failure, if any. */
        void finish() {
            join();
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        }
    }

    /** A 差分ビルド's leak check found something that only a full build can judge. */
    private static final class Recheck extends RuntimeException {
        Recheck() {
            super("incremental leak check: recheck with a full build", null, false, false);
        }
    }

    private BuildReport buildOnce(BuildOptions options) throws BuildFailure {
        long t0 = System.nanoTime();
        long[] stage = new long[5];
        Problems problems = new Problems();
        Path output = options.outputOrDefault();
        Edition edition = options.edition();
        WithheldCatalog catalog = edition == Edition.PUBLIC ? new WithheldCatalog() : null;
        Path cacheFile = options.cacheFile();
        BuildCache cache = options.full() ? null : BuildCache.read(cacheFile);
        Checked checked = check(options.config(), options.progress(), problems, catalog, cache);
        refuseUnsafeOutput(options, checked.config(), output);
        if (catalog != null) {
            catalog.closeParts();
        }
        Incremental planned = Incremental.plan(checked.previous(), checked.checked(), output, partners(checked.facts()));
        // a withheld text new since the last build may equal text that kept files show (a theme's
        // wording, another page's): only a full build checks every file, so it builds them all
        Incremental plan = planned != null && catalog != null && newWithheldText(checked.previous(), checked.checked(), catalog) ? null : planned;
        if (plan != null && catalog != null) {
            // the fragment texts that unchanged documents showed last time, they show now: public
            // (as a full build would find them again in those documents' public text)
            for (Checked1 c : checked.checked()) {
                if (c.cached() != null) {
                    catalog.alsoPublicFromCache(c.facts().slug(), c.cached().alsoPublic());
                }
            }
        }
        stage[0] = ms(t0);

        SiteConfig config = checked.config();
        Markdown markdown = new Markdown();
        RichTextHtml html = new RichTextHtml(markdown, config.withheldNotice());
        Redactor redactor = new Redactor(edition, catalog);
        // every source was validated in full by check(); this pass rebuilds the model without
        // repeating the Markdown safety checks
        EvaluationValidator validator = new EvaluationValidator(checked.forms(), checked.loader().root(), markdown).withoutMarkdownChecks();
        Theme theme = new Theme(config.theme());
        SearchText searchText = new SearchText(html, config.publisher() == null ? config.siteName() : config.publisher());
        Map<String, DocumentFacts> partners = partners(checked.facts());
        int pages = 0;
        int[] withheld = new int[3];
        String leak = null;
        Path zip = options.zipOrDefault();
        Map<String, BuildCache.Entry> entries = new LinkedHashMap<>();
        int[] partitionsRebuilt = new int[2];
        Path stateDir = options.indexStateDir();
        removeLeftovers(stateDir);
        Path newState = stateDir.resolveSibling(stateDir.getFileName() + ".tmp-" + java.util.UUID.randomUUID());
        try (StagingDirectory out = new StagingDirectory(output)) {
            Path scratch = out.path().resolveSibling(out.path().getFileName() + "-search");
            SearchIndexResult searchResult;
            long t1 = System.nanoTime();
            long indexNanos = 0;
            List<Checked1> all = checked.checked();
            List<FreePage> free = checked.pages();
            // the index is partitioned (see SearchIndexBuilder): documents go to it partition by
            // partition; a 差分ビルド re-analyses only the partitions of the changed sources when the
            // index state of the previous build is there, otherwise every partition
            int partitions = SearchIndexBuilder.partitions(all.size() + free.size(), documentsPerPartition);
            Set<Integer> rebuilt = new HashSet<>();
            SearchIndexBuilder.Update update = null;
            SearchIndexBuilder.PreviousIndex previousIndex = plan == null ? null : SearchIndexBuilder.previousIndex(stateDir);
            if (previousIndex != null && previousIndex.describes(partitions, checked.previous().indexGeneration)) {
                for (Checked1 c : all) {
                    if (c.cached() == null) {
                        rebuilt.add(SearchIndexBuilder.partitionOf(c.facts().url(), partitions));
                    }
                }
                for (String gone : plan.removedUrls()) {
                    rebuilt.add(SearchIndexBuilder.partitionOf(gone, partitions));
                }
                update = new SearchIndexBuilder.Update(output, previousIndex, Set.copyOf(rebuilt));
            } else {
                for (int p = 0; p < partitions; p++) {
                    rebuilt.add(p);
                }
            }
            partitionsRebuilt[0] = rebuilt.size();
            partitionsRebuilt[1] = partitions;
            // the unchanged pages are linked from the previous output while the workers render and
            // analyse the changed ones (other files: no path is both kept and written)
            Background keeping = plan == null ? null : new Background("kohyo-keep", () -> plan.keepUnchanged(out));
            try (SearchIndexBuilder index = new SearchIndexBuilder(searchConfig(config), scratch, partitions, update)) {
                PageContext context = new PageContext(config, theme, edition, null);
                ViewBuilder views = new ViewBuilder(html);
                EvaluationPage evaluationPage = new EvaluationPage(context, views, html);
                List<Work> work = new ArrayList<>();
                for (Checked1 c : all) {
                    int part = SearchIndexBuilder.partitionOf(c.facts().url(), partitions);
                    boolean render = plan == null || plan.rendersPage(c.facts().slug());
                    boolean analyse = rebuilt.contains(part);
                    if (render || analyse) {
                        work.add(new Work(part, c, null, render, analyse));
                    }
                }
                for (FreePage p : free) {
                    int part = SearchIndexBuilder.partitionOf(p.path(), partitions);
                    work.add(new Work(part, null, p, true, rebuilt.contains(part)));
                }
                work.sort(Work.ORDER);
                Map<String, DocumentFacts> shown = new HashMap<>();
                FreePageOutput freePages = new FreePageOutput(context, html);
                final int total = work.size();
                int[] done = {0};
                long[] indexTime = {0};
                OrderedWork.run(work, threads, w -> {
                    if (w.page() != null) {
                        PublishedPage pp = redactor.redact(w.page());
                        freePages.write(pp, out);
                        return new Rendered(w.page().path(), null, w.analyse() ? index.analyse(searchText.of(pp)) : null);
                    }
                    String path = w.doc().path();
                    Problems scratchProblems = new Problems();
                    YNode root = checked.loader().evaluation(path, scratchProblems);
                    Evaluation e = root == null ? null : validator.validate(path, root, scratchProblems);
                    if (e == null) {
                        throw new IllegalStateException("source changed during the build: " + path);
                    }
                    PublishedEvaluation published = redactor.redact(e);
                    DocumentFacts facts = DocumentFacts.of(published, html, config.withheldNotice());
                    if (w.render()) {
                        evaluationPage.write(published, facts, partners.get(facts.slug()), out);
                    }
                    // analysis (the costly half of indexing) runs here, on the worker
                    return new Rendered(path, facts, w.analyse() ? index.analyse(searchText.of(published, facts)) : null);
                }, r -> {
                    if (r.facts() != null) {
                        shown.put(r.path(), r.facts());
                    }
                    if (r.search() != null) {
                        long ti = System.nanoTime();
                        index.add(r.search());
                        indexTime[0] += System.nanoTime() - ti;
                    }
                    options.progress().update("評価書", ++done[0], total);
                });
                List<DocumentFacts> listed = new ArrayList<>();
                for (Checked1 c : all) {
                    // not redacted again: its facts as the previous build showed them (public text of
                    // its unchanged source, which the catalog knows from the cache)
                    DocumentFacts f = shown.containsKey(c.path()) ? shown.get(c.path()) : c.cached().shown();
                    listed.add(f);
                    entries.put(c.path(), new BuildCache.Entry(c.path(), c.digest(), c.facts(), f, c.numberAt(),
                            c.problems().sorted().stream().filter(Problem::warning).toList(), c.withheld(), c.parts(), List.of()));
                    withheld[0] += c.withheld()[0];
                    withheld[1] += c.withheld()[1];
                    withheld[2] += c.withheld()[2];
                }
                pages += all.size();
                indexNanos += indexTime[0];
                List<EvaluationListPage.FreePageLink> links = new ArrayList<>();
                for (FreePage p : free) {
                    withheld[1] += p.withheld().blocks();
                    withheld[2] += p.withheld().spans();
                    links.add(new EvaluationListPage.FreePageLink(p.title(), p.path()));
                    pages++;
                }
                new EvaluationListPage(context).write(listed, links, out);
                new NotFoundPage(context).write(out);
                AccessibilityRecord a11y = AccessibilityRecord.read(checked.loader().root(), "accessibility.yml");
                new AccessibilityPage(context).write(a11y.fields(), a11y.results(), out);
                pages += 3;
                List<String> urls = new ArrayList<>();
                urls.add("index.html");
                listed.forEach(f -> urls.add(f.url()));
                checked.pages().forEach(p -> urls.add(p.path()));
                urls.add("accessibility.html");
                if (edition == Edition.PUBLIC) {
                    new SitemapOutput(context).write(urls, out);
                }
                theme.assets().values().forEach(a -> out.write(a.path(), a.bytes()));
                long ti = System.nanoTime();
                searchResult = index.finish(out.path(), newState);
                indexNanos += System.nanoTime() - ti;
                PageContext searchContext = new PageContext(config, theme, edition, searchResult.manifest());
                new SearchPage(searchContext).write(out);
                pages++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException | BuildFailure e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                if (keeping != null) {
                    keeping.join();
                }
                StagingDirectory.deleteTree(scratch);
            }
            if (keeping != null) {
                keeping.finish();
            }
            stage[2] = indexNanos / 1_000_000;
            stage[1] = ms(t1) - stage[2];

            long t3 = System.nanoTime();
            Incremental.Listing listing = Incremental.list(out, plan);
            if (catalog != null) {
                LeakVerifier verifier = new LeakVerifier(catalog, publicFormText(checked.forms(), config));
                if (plan != null && lostPublicText(checked.previous(), catalog)) {
                    // a fragment that public text showed last time is shown by none now: a full build
                    // searches every file for it, kept ones included, so only a full build can judge
                    throw new Recheck();
                }
                LeakVerifier.Report report = plan == null ? verifier.verify(out.path()) : verifier.verify(out.path(), listing.toCheck());
                if (!report.clean() && plan != null) {
                    // a 差分ビルド knows which fragments are public only from the documents it
                    // redacted again, so its check is stricter than a full build's: what it finds,
                    // a full build decides (see docs/incremental-build.md)
                    throw new Recheck();
                }
                if (!report.clean()) {
                    List<Problem> found = new ArrayList<>();
                    report.findings().forEach(f -> found.add(Problem.error(Location.of(f.file()), null,
                            "非公表にした内容が出力に含まれています（評価書「" + f.document() + "」の非公表箇所 " + f.number() + "）。")));
                    throw new BuildFailure("漏えい検査で " + report.findings().size() + " 件の問題が見つかったため、出力しませんでした（前回の出力はそのままです）。", found);
                }
                leak = "問題なし（非公表 " + report.parts() + " か所、照合した断片 " + report.fragments()
                        + "、公開部分と同じ文のため照合対象外 " + report.unverifiable() + "、ファイル " + report.filesScanned()
                        + (plan == null ? "" : "（差分ビルド: 書き換えたファイルだけを検査。残したファイルは前回の検査済み）") + "）";
            }
            stage[3] = ms(t3);
            long t4 = System.nanoTime();
            // the zip is written from the staged output before anything is moved into place, and the
            // output and the zip are moved into place together (either both or neither), so a build
            // that cannot write them leaves the previous output and zip as they were; a 差分ビルド
            // copies the unchanged entries from the zip the previous build wrote
            BuildCache.ZipRecord zipRecord = null;
            String zipCopied = "";
            try (ZipBundle.Pending pendingZip = zip == null ? null
                    : plan == null ? ZipBundle.prepare(out.path(), zip, null, key -> null, threads)
                    : ZipBundle.prepare(out.path(), zip, checked.previous().zipToReuse(zip), plan::keptFrom, threads)) {
                if (pendingZip == null) {
                    out.commit();
                } else {
                    out.commit(pendingZip::commit);
                    zipRecord = BuildCache.ZipRecord.of(zip);
                    zipCopied = "、zip の項目 " + pendingZip.entries() + " のうち " + pendingZip.copied() + " を前回の zip から写し";
                }
            }
            try {
                Files.deleteIfExists(cacheFile);
                replaceDirectory(stateDir, newState);
                new BuildCache(checked.siteKey(), output.toString(), searchResult.generation(), withAlsoPublic(entries, catalog),
                        listing.files(), zipRecord).write(cacheFile);
            } catch (IOException | UncheckedIOException e) {
                // the site is built; without a cache the next build is a full one
                try {
                    Files.deleteIfExists(cacheFile);
                } catch (IOException ignored) {
                    // a cache that does not match the output is never used (see Incremental)
                }
            }
            stage[4] = ms(t4);
            return new BuildReport(edition, output, zip, checked.evaluations().size(), pages, listing.files().size(), listing.bytes(),
                    withheld, leak, warnings(problems), ms(t0), stage, plan == null ? null : plan.describe(listing) + "、検索索引の区分 " + partitionsRebuilt[0] + "/" + partitionsRebuilt[1]
                    + " を作り直し" + (searchResult.local() ? "（静的索引は変わった語だけ導出）" : "（静的索引は全体を導出）") + zipCopied);
        } finally {
            // a failed build leaves no state behind (a successful one has moved it into place)
            StagingDirectory.deleteTree(newState);
        }
    }

    /**
     * Deletes what a build that was killed may have left beside the index state: unfinished new
     * states and old ones not yet deleted ({@code public.index.tmp-…}, {@code public.index.old-…}).
     */
    private static void removeLeftovers(Path stateDir) {
        try {
            StagingDirectory.removeLeftovers(stateDir.getParent(), stateDir.getFileName().toString());
        } catch (UncheckedIOException e) {
            // leftovers only cost disk space
        }
    }

    /**
     * Whether the evaluations' withheld parts now have a fragment text that the previous build's did
     * not. A source that did not change has the parts it had (its cached ones are in the catalog), so
     * only the changed and added sources' fragments can be new: each is looked up among the previous
     * build's evaluations' fragment texts, which are the unchanged sources' (from the catalog) and the
     * previous parts of the changed and removed ones.
     */
    private static boolean newWithheldText(BuildCache previous, List<Checked1> now, WithheldCatalog catalog) {
        Set<String> redone = new HashSet<>();
        Set<String> unchanged = new HashSet<>();
        Set<String> unchangedPaths = new HashSet<>();
        for (Checked1 c : now) {
            if (c.cached() == null) {
                redone.add(c.facts().slug());
            } else {
                unchanged.add(c.facts().slug());
                unchangedPaths.add(c.path());
            }
        }
        if (redone.isEmpty()) {
            return false;
        }
        WithheldCatalog gone = new WithheldCatalog();
        previous.entries.values().forEach(e -> {
            if (!unchangedPaths.contains(e.path())) {
                gone.addParts(e.parts());
            }
        });
        // the unchanged evaluations only (free pages' parts are in the catalog too, and were not
        // counted as the previous build's evaluations' texts)
        Set<String> before = catalog.fragmentTexts(unchanged::contains);
        before.addAll(gone.fragmentTexts());
        for (String t : catalog.fragmentTexts(redone::contains)) {
            if (!before.contains(t)) {
                return true;
            }
        }
        return false;
    }

    /** The cache entries with the fragment texts each document was the first to show in public text. */
    private static Map<String, BuildCache.Entry> withAlsoPublic(Map<String, BuildCache.Entry> entries, WithheldCatalog catalog) {
        if (catalog == null) {
            return entries;
        }
        Map<String, List<String>> shown = catalog.alsoPublicByDocument();
        Map<String, BuildCache.Entry> out = new LinkedHashMap<>();
        entries.forEach((path, e) -> out.put(path, e.withAlsoPublic(shown.getOrDefault(e.facts().slug(), List.of()))));
        return out;
    }

    /**
     * Whether a withheld fragment text that some document's public text showed in the previous build
     * is shown by no public text now (call after every public text of this build has been streamed).
     */
    private static boolean lostPublicText(BuildCache previous, WithheldCatalog catalog) {
        Set<String> now = catalog.alsoPublicTexts();
        Set<String> fragments = catalog.fragmentTexts();
        for (BuildCache.Entry e : previous.entries.values()) {
            for (String t : e.alsoPublic()) {
                if (fragments.contains(t) && !now.contains(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Puts {@code fresh} where {@code dir} was (the old one deleted). */
    private static void replaceDirectory(Path dir, Path fresh) throws IOException {
        Path old = dir.resolveSibling(dir.getFileName() + ".old-" + java.util.UUID.randomUUID());
        if (Files.exists(dir)) {
            Files.move(dir, old);
        }
        if (Files.exists(fresh)) {
            Files.move(fresh, dir);
        }
        StagingDirectory.deleteTree(old);
    }

    /** Validates everything without writing; the CLI's and plugin's check goal. */
    public List<Problem> validate(Path configFile) throws BuildFailure {
        Problems problems = new Problems();
        check(configFile, Progress.NONE, problems, null, null);
        return warnings(problems);
    }

    /** A leak verifier that knows every withheld part of the sources (for checking an existing bundle). */
    public LeakVerifier verifierFor(Path configFile) throws BuildFailure {
        Problems problems = new Problems();
        WithheldCatalog catalog = new WithheldCatalog();
        Checked checked = check(configFile, Progress.NONE, problems, catalog, null);
        catalog.closeParts();
        Redactor redactor = new Redactor(Edition.PUBLIC, catalog);
        EvaluationValidator validator = new EvaluationValidator(checked.forms(), checked.loader().root(), new Markdown()).withoutMarkdownChecks();
        for (String path : checked.evaluations()) {
            Problems scratch = new Problems();
            YNode root = checked.loader().evaluation(path, scratch);
            Evaluation e = root == null ? null : validator.validate(path, root, scratch);
            if (e != null) {
                redactor.redact(e);
            }
        }
        checked.pages().forEach(redactor::redact);
        return new LeakVerifier(catalog, publicFormText(checked.forms(), checked.config()));
    }

    private static List<Problem> warnings(Problems problems) {
        return problems.sorted().stream().filter(Problem::warning).toList();
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /**
     * Validates every source (pass 1). When {@code catalog} is given, the withheld parts are recorded
     * in it on the way, so that the rendering pass can stream public text past them. With a build
     * cache made for this site, a source whose bytes are unchanged is not read again: its facts,
     * warnings and withheld parts come from the cache.
     */
    private Checked check(Path configFile, Progress progress, Problems problems, WithheldCatalog catalog, BuildCache cache)
            throws BuildFailure {
        SiteConfig config = SiteConfig.read(configFile, problems);
        if (config == null || problems.hasErrors()) {
            throw failure(problems);
        }
        FormLibrary forms = FormLibrary.load(config.forms(), problems);
        if (problems.hasErrors()) {
            throw failure(problems);
        }
        if (!Files.isDirectory(config.content())) {
            problems.error(Location.of("content/"), null, "content/ ディレクトリがありません（" + config.content() + "）。");
            throw failure(problems);
        }
        ContentRoot root = new ContentRoot(config.content());
        ContentLoader loader = new ContentLoader(root);
        Markdown markdown = new Markdown();
        EvaluationValidator validator = new EvaluationValidator(forms, root, markdown);
        RichTextHtml html = new RichTextHtml(markdown, config.withheldNotice());
        Redactor factsRedactor = new Redactor(Edition.PUBLIC, catalog);
        List<String> paths = loader.evaluationPaths();
        List<DocumentFacts> facts = new ArrayList<>();
        Map<String, String> slugs = new HashMap<>();
        Map<String, String> numbers = new LinkedHashMap<>();
        List<String> valid = new ArrayList<>();
        for (String path : paths) {
            String slug = EvaluationValidator.slugOf(path);
            if (!slug.matches("[\\p{L}\\p{N}_.-]+")) {
                problems.error(Location.of("content/" + path), null, "ファイル名「" + slug + "」は使えません。ページのアドレスになるため、英数字・かな漢字と - _ . だけにしてください。");
                continue;
            }
            if (slugs.containsKey(slug)) {
                problems.error(Location.of("content/" + path), null, "ファイル名「" + slug + "」が content/" + slugs.get(slug) + " と同じです。ページのアドレスが重なるため、別の名前にしてください。");
                continue;
            }
            slugs.put(slug, path);
            valid.add(path);
        }
        String siteKey = SiteKey.of(configFile, config, catalog == null ? Edition.FULL : Edition.PUBLIC,
                new java.util.HashSet<>(paths));
        BuildCache usable = cache != null && siteKey.equals(cache.siteKey) ? cache : null;
        List<Checked1> checkedList = new ArrayList<>();
        int[] n = {0};
        try {
            OrderedWork.run(valid, threads, path -> {
                String digest = SiteKey.digestOf(root.path().resolve(path));
                BuildCache.Entry before = usable == null ? null : usable.entries.get(path);
                if (before != null && before.digest().equals(digest)) {
                    // unchanged since the last successful build: nothing to read again
                    Problems own = new Problems();
                    before.problems().forEach(own::add);
                    if (catalog != null) {
                        catalog.addParts(before.parts());
                    }
                    return new Checked1(path, digest, before.facts(), before.numberAt(), own, before.withheld(), before.parts(), before);
                }
                // each document collects its own problems: validate() judges success by them
                Problems own = new Problems();
                YNode yaml = loader.evaluation(path, own);
                Evaluation e = yaml == null ? null : validator.validate(path, yaml, own);
                if (e == null) {
                    return new Checked1(path, digest, null, null, own, null, List.of(), null);
                }
                DocumentFacts f = DocumentFacts.of(factsRedactor.redact(e), html, config.withheldNotice());
                Evaluation.WithheldCount w = e.withheld();
                return new Checked1(path, digest, f, numberLocation(e, path), own, new int[] {w.items(), w.blocks(), w.spans()},
                        catalog == null ? List.of() : catalog.partsOf(e.slug()), null);
            }, r -> {
                progress.update("検証", ++n[0], valid.size());
                r.problems().sorted().forEach(problems::add);
                if (r.facts() == null) {
                    return;
                }
                checkedList.add(r);
                DocumentFacts f = r.facts();
                facts.add(f);
                if (f.identified()) {
                    String key = f.organization() + "|" + f.number() + "|" + f.formId();
                    String previous = numbers.putIfAbsent(key, r.path());
                    if (previous != null) {
                        problems.error(r.numberAt(), "評価書番号", "評価書番号「" + f.number() + "」の" + f.kind() + "（" + f.organization()
                                + "）が2つあります: " + previous + " と " + r.path() + "。評価書番号は評価計画管理書の番号で、様式ごとに1つです。");
                    }
                }
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (DocumentFacts f : facts) {
            if (f.related() != null && !slugs.containsKey(f.related())) {
                problems.error(Location.of(ContentLoader.shown(slugs.get(f.slug()))), "関連", "「関連: " + f.related() + "」の評価書がありません。content/evaluations/ にある評価書ファイルの名前（.yml を除く）を書いてください。");
            }
        }
        List<FreePage> pages = new ArrayList<>();
        PageValidator pageValidator = new PageValidator(root, markdown);
        for (String path : loader.pagePaths()) {
            ContentLoader.PageSource src = loader.page(path, problems);
            if (src != null) {
                FreePage p = pageValidator.validate(src, problems);
                if (p != null) {
                    pages.add(p);
                    factsRedactor.redact(p);
                }
            }
        }
        pages.sort(java.util.Comparator.comparingInt(FreePage::order).thenComparing(FreePage::path));
        if (problems.hasErrors()) {
            throw failure(problems);
        }
        return new Checked(config, forms, loader, paths, facts, pages, problems, siteKey, checkedList, usable);
    }

    /** Where a source gives its 評価書番号 (B2), for the duplicate-number error. */
    private static Location numberLocation(Evaluation e, String path) {
        for (org.kohyo.model.Value.Field f : e.body().fields()) {
            if ("number".equals(f.item().role()) && f.location().line() > 0) {
                return f.location();
            }
        }
        return Location.of(ContentLoader.shown(path));
    }

    private static BuildFailure failure(Problems problems) {
        return new BuildFailure("エラーが " + problems.errorCount() + " 件あるため、サイトを作成しませんでした（前回の出力はそのままです）。",
                problems.sorted());
    }

    /**
     * The full edition never goes where the public site goes: not into the default public output,
     * not inside or above a directory that holds a public site (so it cannot land in a web root), and
     * never as a zip.
     */
    private static void refuseUnsafeOutput(BuildOptions options, SiteConfig config, Path output) throws BuildFailure {
        Path zip = options.zipOrDefault();
        if (zip != null && (realish(zip).startsWith(realish(output)) || realish(output).startsWith(realish(zip)))) {
            // the zip is written beside its place while the output is replaced as a whole
            throw new BuildFailure("zip の書き出し先 " + zip + " が出力フォルダー " + output
                    + " の中（または出力フォルダーそのものか、その上）にあります。zip は出力フォルダーの外に書き出してください（既定は target/site.zip）。", List.of());
        }
        if (options.edition() != Edition.FULL) {
            return;
        }
        if (options.zip() != null) {
            throw new BuildFailure("全体版（非公表部分を含む）は zip にしません。公開用の zip と取り違えないためです。--zip を外してください。", List.of());
        }
        Path publicDefault = BuildOptions.of(options.config(), Edition.PUBLIC).outputOrDefault();
        Path real = realish(output);
        Path publicReal = realish(publicDefault);
        boolean publicHere = real.startsWith(publicReal) || publicReal.startsWith(real);
        try {
            for (Path p = real; p != null && !publicHere; p = p.getParent()) {
                publicHere = isPublicSite(p);
            }
            if (!publicHere && Files.isDirectory(real)) {
                try (java.util.stream.Stream<Path> s = Files.walk(real, 4)) {
                    publicHere = s.anyMatch(SiteBuilder::isPublicSite);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (publicHere) {
            throw new BuildFailure("全体版（非公表部分を含む）を公開版の出力先（公開版のサイトの中や上）の " + output
                    + " に書き出すことはできません。公開版と関係の無い出力先を指定してください（既定は target/site-full）。", List.of());
        }
    }

    private static boolean isPublicSite(Path dir) {
        Path index = dir.resolve("index.html");
        if (!Files.isRegularFile(index)) {
            return false;
        }
        try {
            return Files.readString(index, StandardCharsets.UTF_8).contains("<meta name=\"kohyo-edition\" content=\"public\">");
        } catch (IOException e) {
            return false;
        }
    }

    /** The real path of p, or of its nearest existing ancestor joined with the rest. */
    private static Path realish(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? abs : existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }

    /** Every 基礎項目評価書 paired with its 重点/全項目 partner, and back. */
    static Map<String, DocumentFacts> partners(List<DocumentFacts> facts) {
        Map<String, List<DocumentFacts>> byKey = new HashMap<>();
        for (DocumentFacts f : facts) {
            if (f.identified()) {
                byKey.computeIfAbsent(f.organization() + "|" + f.number(), k -> new ArrayList<>()).add(f);
            }
        }
        Map<String, DocumentFacts> out = new HashMap<>();
        for (List<DocumentFacts> group : byKey.values()) {
            DocumentFacts kiso = group.stream().filter(f -> f.formId().equals("kiso")).findFirst().orElse(null);
            DocumentFacts other = group.stream().filter(f -> f.formId().equals("juten") || f.formId().equals("zenkomoku")).findFirst().orElse(null);
            if (kiso != null && other != null) {
                out.put(kiso.slug(), other);
                out.put(other.slug(), kiso);
            }
        }
        Map<String, DocumentFacts> bySlug = new HashMap<>();
        facts.forEach(f -> bySlug.put(f.slug(), f));
        for (DocumentFacts f : facts) {
            if (f.related() != null && bySlug.containsKey(f.related())) {
                out.putIfAbsent(f.slug(), bySlug.get(f.related()));
            }
        }
        return out;
    }

    private static SearchConfig searchConfig(SiteConfig config) throws IOException {
        SearchConfig sc = SearchConfig.defaults();
        return config.synonyms() == null ? sc : sc.withSiteSynonyms(config.synonyms());
    }

    /**
     * Text that is public whatever a source says: every form's labels and choice lists, and the
     * notice. (Theme files are not: a withheld text planted in a theme is a leak like any other.)
     */
    private static String publicFormText(FormLibrary forms, SiteConfig config) {
        StringBuilder b = new StringBuilder(config.withheldNotice()).append('\n').append(config.siteName()).append('\n');
        for (String id : FormLibrary.BUILT_IN) {
            FormDefinition f = forms.byId(id);
            if (f != null) {
                b.append(f.title()).append('\n').append(f.name()).append('\n');
                formText(f.items(), b);
            }
        }
        return b.toString();
    }

    private static void formText(List<FormItem> items, StringBuilder b) {
        for (FormItem i : items) {
            b.append(i.label()).append('\n');
            i.choices().forEach(c -> b.append(c).append('\n'));
            for (CheckOption o : i.options()) {
                b.append(o.label()).append('\n');
            }
            i.columns().forEach(c -> b.append(c).append('\n'));
            formText(i.items(), b);
        }
    }
}

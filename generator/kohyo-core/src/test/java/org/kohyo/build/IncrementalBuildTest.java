package org.kohyo.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohyo.FileTrees;
import org.kohyo.redact.Edition;

/**
 * 差分ビルド: a build after one source changed keeps what does not depend on it, and its output is
 * byte-identical to a full rebuild of the same sources (issue 6).
 */
class IncrementalBuildTest {
    private static final String DOC = "content/evaluations/sample-jidoteate-kiso.yml";

    @TempDir
    Path dir;

    /** A copy of the sample site to edit. */
    private Path site() throws IOException {
        Path repo = SampleSite.repository();
        Path site = dir.resolve("site");
        FileTrees.copy(repo.resolve("content"), site.resolve("content"));
        Files.copy(repo.resolve("site-config.yml"), site.resolve("site-config.yml"));
        return site;
    }

    /**
     * A full build of the same sources from a copy of the site (its own build cache: the cache of
     * {@code site} keeps describing the output under test), into {@code name}.
     */
    private Path fullBuild(Path site, String name) throws IOException, BuildFailure {
        return fullBuild(site, name, null);
    }

    /** {@link #fullBuild(Path, String)} that also writes {@code zip} (null: no zip). */
    private Path fullBuild(Path site, String name, Path zip) throws IOException, BuildFailure {
        Path copy = dir.resolve(name + "-site");
        FileTrees.copy(site.resolve("content"), copy.resolve("content"));
        Files.copy(site.resolve("site-config.yml"), copy.resolve("site-config.yml"));
        Path out = dir.resolve(name);
        assertNull(buildWithZip(copy, out, zip, true).incremental());
        return out;
    }

    /**
     * Two documents per search index partition: the sample's documents fall into several partitions,
     * so that a 差分ビルド takes most of them from the previous build.
     */
    private static final int PER_PARTITION = 2;

    private static BuildReport build(Path site, Path out, boolean full) throws BuildFailure {
        return buildWithZip(site, out, null, full);
    }

    /** A build of {@code site} into {@code out} that also writes {@code zip} (null: no zip). */
    private static BuildReport buildWithZip(Path site, Path out, Path zip, boolean full) throws BuildFailure {
        return new SiteBuilder(2, PER_PARTITION).build(BuildOptions.of(site.resolve("site-config.yml"), Edition.PUBLIC)
                .withOutput(out).withZip(zip).withFull(full));
    }

    @Test
    void anEditedSourceRebuildsToExactlyWhatAFullBuildWrites() throws Exception {
        Path site = site();
        Path out = dir.resolve("out");
        assertNull(build(site, out, false).incremental(), "the first build has no cache: a full build");
        BuildReport again = build(site, out, false);
        assertNotNull(again.incremental(), "nothing changed: a 差分ビルド");
        assertTrue(again.incremental().contains("変更された評価書 0 件、作り直したページ 0"), again.incremental());
        assertSameTree(fullBuild(site, "unchanged"), out);

        replace(site.resolve(DOC), "児童手当の支給に関する事務 基礎項目評価書", "児童手当の支給に関する事務 基礎項目評価書（差分ビルドの試験で改めた題名）");
        BuildReport edited = build(site, out, false);
        assertNotNull(edited.incremental(), edited.summary());
        // its own page and its partner's (which shows its title) are rendered again, one index
        // partition is built again, the static index is derived for the changed terms only
        assertTrue(edited.incremental().contains("変更された評価書 1 件、作り直したページ 2"), edited.incremental());
        int documents = 8; // 7 evaluations and 1 free page
        String oneOf = "検索索引の区分 1/" + org.kohyo.index.SearchIndexBuilder.partitions(documents, PER_PARTITION) + " を作り直し";
        assertTrue(edited.incremental().contains(oneOf), edited.incremental());
        assertSameTree(fullBuild(site, "fresh"), out);
        assertTrue(Files.readString(out.resolve("evaluations/sample-jidoteate-kiso.html")).contains("差分ビルドの試験で改めた題名"));

        // a word for a word of the same length: the fields' average lengths stay on their grid
        // points, so only the changed terms' records, shards and passages are derived again
        replace(site.resolve(DOC), "受給資格の消滅の処理", "受給資格の喪失の処理");
        BuildReport word = build(site, out, false);
        assertTrue(word.incremental().contains(oneOf + "（静的索引は変わった語だけ導出）"), word.incremental());
        assertSameTree(fullBuild(site, "fresh2"), out);
    }

    /**
     * The zip of a 差分ビルド copies the previous zip's entries for the files that did not change and
     * is byte-identical to the zip of a full rebuild; a zip changed by hand since is not copied from.
     */
    @Test
    void theZipOfAnIncrementalBuildIsTheZipOfAFullBuild() throws Exception {
        Path site = site();
        Path out = dir.resolve("out");
        Path zip = dir.resolve("site.zip");
        assertNull(buildWithZip(site, out, zip, false).incremental());
        replace(site.resolve(DOC), "児童手当の支給に関する事務 基礎項目評価書", "児童手当の支給に関する事務 基礎項目評価書（zip の試験で改めた題名）");
        BuildReport edited = buildWithZip(site, out, zip, false);
        assertNotNull(edited.incremental(), edited.summary());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("zip の項目 (\\d+) のうち (\\d+) を前回の zip から写し").matcher(edited.incremental());
        assertTrue(m.find(), edited.incremental());
        int entries = Integer.parseInt(m.group(1));
        int copied = Integer.parseInt(m.group(2));
        assertTrue(copied > entries / 2 && copied < entries, "most entries copied, the changed ones deflated again: " + m.group());
        // exactly the files kept from the previous output (the static index's files among them,
        // under a renamed generation directory) are copied
        java.util.regex.Matcher kept = java.util.regex.Pattern.compile("前回のまま残したファイル (\\d+)").matcher(edited.incremental());
        assertTrue(kept.find(), edited.incremental());
        assertEquals(Integer.parseInt(kept.group(1)), copied, edited.incremental());

        Path fullZip = dir.resolve("full.zip");
        fullBuild(site, "full", fullZip);
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(fullZip), Files.readAllBytes(zip)), "the zips are byte-identical");

        // a zip changed since the last build (here: replaced by another) is not copied from
        Files.copy(fullZip, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(zip, java.nio.file.attribute.FileTime.fromMillis(0));
        BuildReport again = buildWithZip(site, out, zip, false);
        assertNotNull(again.incremental(), again.summary());
        assertTrue(again.incremental().contains("zip の項目 " + entries + " のうち 0 を前回の zip から写し"), again.incremental());
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(fullZip), Files.readAllBytes(zip)), "still byte-identical");
    }

    /**
     * A 差分ビルド knows which withheld fragment texts the unchanged documents' public text shows (the
     * build cache keeps them per document), so its leak check judges every fragment as a full build
     * of the same sources does. Without that it counted fewer fragments as public than the full
     * build, and at 10,000 documents a build with nothing changed fell back to a full build.
     */
    @Test
    void theIncrementalLeakCheckCountsWhatAFullBuildCounts() throws Exception {
        Path site = site();
        Path out = dir.resolve("out");
        BuildReport full = build(site, out, false);
        assertNull(full.incremental());
        BuildReport again = build(site, out, false);
        assertNotNull(again.incremental(), again.summary());
        assertEquals(fragmentCounts(full), fragmentCounts(again));
        assertTrue(fragmentCounts(full).matches("照合した断片 \\d+、公開部分と同じ文のため照合対象外 [1-9]\\d*"),
                "the sample has fragments that public text shows: " + fragmentCounts(full));

        replace(site.resolve(DOC), "児童手当の支給に関する事務 基礎項目評価書", "児童手当の支給に関する事務 基礎項目評価書（改めた題名）");
        BuildReport edited = build(site, out, false);
        assertNotNull(edited.incremental(), edited.summary());
        Path copy = dir.resolve("copy-site");
        FileTrees.copy(site.resolve("content"), copy.resolve("content"));
        Files.copy(site.resolve("site-config.yml"), copy.resolve("site-config.yml"));
        assertEquals(fragmentCounts(build(copy, dir.resolve("copy"), true)), fragmentCounts(edited));
    }

    /** "照合した断片 N、公開部分と同じ文のため照合対象外 M" of a build's leak check. */
    private static String fragmentCounts(BuildReport r) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("照合した断片 \\d+、公開部分と同じ文のため照合対象外 \\d+").matcher(r.leakCheck());
        assertTrue(m.find(), r.leakCheck());
        return m.group();
    }

    @Test
    void aNewlyWithheldSentenceIsGoneFromEveryFileOfTheIncrementalBuild() throws Exception {
        Path site = site();
        Path out = dir.resolve("out");
        build(site, out, false);
        String withheld = "額改定請求・届出の受付及び手当額の改定";
        replace(site.resolve(DOC), "・" + withheld, "・{非公表:差分ビルドの試験のため}" + withheld + "{/非公表}");
        BuildReport edited = build(site, out, false);
        // a withheld text new since the last build: a full build, which checks every file
        assertNull(edited.incremental(), edited.summary());
        assertTrue(edited.withheld()[2] > 0, "the span is withheld");
        assertSameTree(fullBuild(site, "fresh"), out);
        assertTrue(!Files.readString(out.resolve("evaluations/sample-jidoteate-kiso.html")).contains(withheld));
    }

    /**
     * A newly withheld text that kept pages show as the theme's own wording (「対になる評価書」 on the
     * pages of paired documents, which this edit does not touch): a full build refuses, and so must
     * the 差分ビルド (found by review: kept files are not checked again).
     */
    @Test
    void aNewlyWithheldTextThatKeptPagesShowStopsTheIncrementalBuildAsItStopsAFullOne() throws Exception {
        Path site = site();
        Path out = dir.resolve("out");
        build(site, out, false);
        replace(site.resolve("content/evaluations/gunma-jukinet-gaiyo.yml"),
                "(4) 使用するシステム: 住民基本台帳ネットワークシステム",
                "(4) 使用するシステム: 住民基本台帳ネットワークシステム{非公表:試験}対になる評価書{/非公表}");
        assertBothRefuse(site, out);
    }

    /**
     * A withheld text that kept pages show as the theme's wording (「対になる評価書」) is public while one
     * document's public text shows it too. When that document changes and no longer shows it, a full
     * build searches every page for it and stops; the 差分ビルド, which checks only the files it wrote,
     * must notice that the text lost its public status and leave the decision to a full build.
     */
    @Test
    void aWithheldTextThatLosesItsPublicStatusIsJudgedByAFullBuild() throws Exception {
        Path site = site();
        Path out = dir.resolve("out");
        replace(site.resolve("content/evaluations/gunma-jukinet-gaiyo.yml"),
                "(4) 使用するシステム: 住民基本台帳ネットワークシステム",
                "(4) 使用するシステム: 住民基本台帳ネットワークシステム{非公表:試験}対になる評価書{/非公表}");
        Path e = site.resolve("content/evaluations/jumin-kihon-daicho-shinkyu.yml");
        replace(e, "コンビニ交付サービスの実態に則すよう", "対になる評価書。コンビニ交付サービスの実態に則すよう");
        assertNull(build(site, out, false).incremental(), "a full build, which passes: the 新旧対照表 shows the text");
        replace(e, "対になる評価書。コンビニ交付サービスの実態に則すよう", "コンビニ交付サービスの実態に則すよう");
        assertBothRefuse(site, out);
    }

    /**
     * A full build of the sources stops at the leak check, and so does the 差分ビルド of {@code out},
     * which it leaves as it was.
     */
    private void assertBothRefuse(Path site, Path out) throws IOException {
        BuildFailure full = assertThrows(BuildFailure.class, () -> fullBuild(site, "fresh"));
        assertTrue(full.getMessage().contains("漏えい検査"), full.getMessage());
        TreeMap<String, byte[]> before = FileTrees.read(out);
        BuildFailure incremental = assertThrows(BuildFailure.class, () -> build(site, out, false),
                "the 差分ビルド accepted what a full build of the same sources refuses");
        assertTrue(incremental.getMessage().contains("漏えい検査"), incremental.getMessage());
        assertSameTree(before, FileTrees.read(out));
    }

    /**
     * From an independent review of 14dba92: text that an unchanged document shows on the list (its
     * 評価書名 as rendered: a link's text without its target) was counted as public by a 差分ビルド (the
     * removed addShownText) and kept in the build cache as that document's, although it is not in the
     * public text a full build streams (the Markdown, which has the link target in between). Once the
     * document that really showed the withheld sentence changes, a full build refuses the list page;
     * the 差分ビルド must too.
     */
    @Test
    void textOnlyTheRenderedListShowsIsNotPublicForTheIncrementalCheck() throws Exception {
        Path site = site();
        Path out = dir.resolve("out");
        Path e = showSecretOnlyInE(site);
        assertNull(build(site, out, false).incremental(), "no cache yet: a full build, which passes (E shows the sentence)");

        // E no longer shows it: nothing public does, in the sense a full build gives public text
        replace(e, SECRET + "。コンビニ交付サービスの実態に則すよう", "コンビニ交付サービスの実態に則すよう");
        assertBothRefuse(site, out);
    }

    /**
     * From the same review, what the cache added: text counted as public in one 差分ビルド because the
     * list showed it (above) was stored as the document's 公開部分にもある断片 and marked again in every
     * later build while the source was unchanged, also when the document was redacted again (its
     * partner changed). Only what the redaction stage streams is public, in every build.
     */
    @Test
    void aDocumentRedactedAgainDoesNotKeepWhatOnlyItsListEntryShowed() throws Exception {
        Path site = site();
        Path out = dir.resolve("out");
        Path e = showSecretOnlyInE(site);
        build(site, out, false);
        replace(e, SECRET + "。コンビニ交付サービスの実態に則すよう", "コンビニ交付サービスの実態に則すよう");
        try {
            build(site, out, false); // accepted or not: see the test above
        } catch (BuildFailure ignored) {
            return;
        }
        // the partner's title changes: the zenkomoku document (source unchanged) is redacted again
        replace(site.resolve(DOC), "児童手当の支給に関する事務 基礎項目評価書", "児童手当の支給に関する事務 基礎項目評価書（改めた題名）");
        assertBothRefuse(site, out);
    }

    private static final String SECRET = "委託先は鰐鮫データセンター";

    /**
     * W (the 概要) withholds {@link #SECRET}; E (the 新旧対照表, returned) shows it in its public text, so
     * a full build counts it as public; D's 評価書名 is a link, rendered 「委託先は鰐鮫データセンター」 but
     * 「委託先は鰐鮫(https://…)データセンター」 in its Markdown.
     */
    private static Path showSecretOnlyInE(Path site) throws IOException {
        replace(site.resolve("content/evaluations/gunma-jukinet-gaiyo.yml"),
                "(4) 使用するシステム: 住民基本台帳ネットワークシステム",
                "(4) 使用するシステム: 住民基本台帳ネットワークシステム{非公表:試験}" + SECRET + "{/非公表}");
        Path e = site.resolve("content/evaluations/jumin-kihon-daicho-shinkyu.yml");
        replace(e, "コンビニ交付サービスの実態に則すよう", SECRET + "。コンビニ交付サービスの実態に則すよう");
        replace(site.resolve("content/evaluations/sample-jidoteate-zenkomoku.yml"),
                "評価書名: 【サンプル】児童手当の支給に関する事務 全項目評価書",
                "評価書名: \"[委託先は鰐鮫](https://example.jp/)データセンター\"");
        return e;
    }

    /** An evaluation cannot include another evaluation's file: the cache tracks each source alone. */
    @Test
    void anEvaluationFileCannotBeIncludedInAnother() throws Exception {
        Path site = site();
        replace(site.resolve(DOC), "特記事項: 【サンプル】リスク対策の詳細は",
                "特記事項:\n  ファイル: sample-jidoteate-zenkomoku.yml\n特記事項の下書き: 【サンプル】リスク対策の詳細は");
        BuildFailure f = assertThrows(BuildFailure.class, () -> build(site, dir.resolve("out"), false));
        assertTrue(f.report().contains("評価書ファイルを別の評価書に取り込むことはできません"), f.report());
    }

    @Test
    void aChangedSiteConfigurationOrATouchedOutputMeansAFullBuild() throws Exception {
        Path site = site();
        Path out = dir.resolve("out");
        build(site, out, false);
        Files.writeString(site.resolve("site-config.yml"), "\n# 設定を変えた\n", java.nio.file.StandardOpenOption.APPEND);
        assertNull(build(site, out, false).incremental(), "site-config.yml changed");
        assertNotNull(build(site, out, false).incremental());
        Files.writeString(out.resolve("index.html"), "<!-- 手で書き換えた -->", java.nio.file.StandardOpenOption.APPEND);
        assertNull(build(site, out, false).incremental(), "the output is not what the cache lists");
        assertNotNull(build(site, out, false).incremental());
    }

    @Test
    void anAddedAndARemovedSourceAreIncrementalToo() throws Exception {
        Path site = site();
        Path out = dir.resolve("out");
        // 9 documents (7 evaluations, a copy, a free page): 8 partitions, and still 8 with one more
        copyOf(site, "sample-copy-a-kiso.yml", "93");
        assertNull(build(site, out, false).incremental());
        Path b = copyOf(site, "sample-copy-b-kiso.yml", "94");
        BuildReport added = build(site, out, false);
        assertNotNull(added.incremental(), added.summary());
        assertTrue(added.incremental().contains("加わった評価書 1 件"), added.incremental());
        assertTrue(added.incremental().matches(".*検索索引の区分 [1-7]/8 を作り直し.*"), added.incremental());
        assertSameTree(fullBuild(site, "with-b"), out);
        assertTrue(Files.exists(out.resolve("evaluations/sample-copy-b-kiso.html")));

        Files.delete(b);
        BuildReport removed = build(site, out, false);
        assertNotNull(removed.incremental(), removed.summary());
        assertTrue(removed.incremental().contains("なくなった評価書 1 件"), removed.incremental());
        assertTrue(removed.incremental().matches(".*検索索引の区分 [1-7]/8 を作り直し.*"), removed.incremental());
        assertSameTree(fullBuild(site, "without-b"), out);
        assertTrue(!Files.exists(out.resolve("evaluations/sample-copy-b-kiso.html")), "a removed source's page is gone");
    }

    /** A copy of the kiso sample under another name, with its own 評価書番号 and title. */
    private static Path copyOf(Path site, String name, String number) throws IOException {
        Path copy = site.resolve("content/evaluations").resolve(name);
        Files.copy(site.resolve(DOC), copy);
        replace(copy, "評価書番号: \"3\"", "評価書番号: \"" + number + "\"");
        replace(copy, "児童手当の支給に関する事務 基礎項目評価書", "児童手当の支給に関する事務 基礎項目評価書（写し " + number + "）");
        return copy;
    }

    /**
     * A source with withheld parts, changed elsewhere: its withheld texts were withheld last time
     * too (the previous build's parts of a changed source count as before), so the build stays a
     * 差分ビルド and writes what a full build writes.
     */
    @Test
    void aSourceWithWithheldPartsChangedElsewhereStaysIncremental() throws Exception {
        Path site = site();
        Path out = dir.resolve("out");
        BuildReport first = build(site, out, false);
        Path zen = site.resolve("content/evaluations/sample-jidoteate-zenkomoku.yml");
        replace(zen, "評価書名: 【サンプル】児童手当の支給に関する事務 全項目評価書", "評価書名: 【サンプル】児童手当の支給に関する事務 全項目評価書（題名を改めた）");
        BuildReport edited = build(site, out, false);
        assertNotNull(edited.incremental(), edited.summary());
        assertTrue(edited.incremental().contains("変更された評価書 1 件"), edited.incremental());
        assertEquals(first.withheld()[0] + first.withheld()[1] + first.withheld()[2],
                edited.withheld()[0] + edited.withheld()[1] + edited.withheld()[2]);
        assertTrue(edited.withheld()[0] > 0 && edited.withheld()[1] > 0 && edited.withheld()[2] > 0, "the sample withholds items, blocks and spans");
        assertSameTree(fullBuild(site, "fresh"), out);
    }

    /**
     * A sentence that only a free page withheld before is new to the evaluations' withheld texts
     * when an evaluation withholds it too: the same full build as before the check looked only at the
     * changed sources (free pages' parts are in the leak catalog, but not among the evaluations').
     */
    @Test
    void aTextOnlyAFreePageWithheldBeforeIsNewWhenAnEvaluationWithholdsIt() throws Exception {
        Path site = site();
        Path out = dir.resolve("out");
        String sentence = "ページだけが非公表にしていた試験の文です";
        Path page = site.resolve("content/pages/chukan-server-tsuchi.md");
        Files.writeString(page, Files.readString(page) + "\n{非公表:試験のため}" + sentence + "{/非公表}\n");
        build(site, out, false);
        replace(site.resolve(DOC), "・額改定請求・届出の受付及び手当額の改定",
                "・額改定請求・届出の受付及び手当額の改定{非公表:試験のため}" + sentence + "{/非公表}");
        BuildReport edited = build(site, out, false);
        assertNull(edited.incremental(), edited.summary());
        assertSameTree(fullBuild(site, "fresh"), out);
    }

    @Test
    void aFailedIncrementalBuildLeavesTheOutputAndTheCacheAsTheyWere() throws Exception {
        Path site = site();
        Path out = dir.resolve("out");
        build(site, out, false);
        TreeMap<String, byte[]> before = FileTrees.read(out);
        Path cache = BuildOptions.of(site.resolve("site-config.yml"), Edition.PUBLIC).withOutput(out).cacheFile();
        byte[] cacheBefore = Files.readAllBytes(cache);
        replace(site.resolve(DOC), "評価書名:", "評価書名: [");
        assertThrows(BuildFailure.class, () -> build(site, out, false));
        assertSameTree(before, FileTrees.read(out));
        assertTrue(java.util.Arrays.equals(cacheBefore, Files.readAllBytes(cache)), "the cache is untouched");
        // and the next build, with the source repaired, is still a 差分ビルド from that cache
        replace(site.resolve(DOC), "評価書名: [", "評価書名:");
        assertNotNull(build(site, out, false).incremental());
        assertSameTree(before, FileTrees.read(out));
    }

    // ---------------------------------------------------------------- helpers

    private static void replace(Path file, String from, String to) throws IOException {
        String s = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(s.contains(from), "sample text changed: " + from);
        Files.writeString(file, s.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)),
                StandardCharsets.UTF_8);
    }

    static void assertSameTree(Path expected, Path actual) throws IOException {
        assertSameTree(FileTrees.read(expected), FileTrees.read(actual));
    }

    private static void assertSameTree(TreeMap<String, byte[]> expected, TreeMap<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet(), "the same files");
        List<String> differ = new ArrayList<>();
        expected.forEach((k, v) -> {
            if (!java.util.Arrays.equals(v, actual.get(k))) {
                differ.add(k);
            }
        });
        assertEquals(List.of(), differ, "files whose bytes differ");
    }

}

package org.kohyo.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchIndexBuilderTest {

    @TempDir
    Path tmp;

    private SearchIndexResult build(List<SearchDocument> docs, Path site, SearchConfig config) throws IOException {
        Path scratch = Files.createDirectories(site.resolveSibling(site.getFileName() + "-scratch"));
        try (SearchIndexBuilder b = new SearchIndexBuilder(config, scratch)) {
            for (SearchDocument d : docs) {
                b.add(d);
            }
            return b.finish(site);
        }
    }

    private static SearchDocument doc(String url, String title, String affair, String kind, String org, String date, String body) {
        return new SearchDocument(url, title, affair, kind, org, null, date == null ? null : LocalDate.parse(date),
                List.of("I 基本情報"), body);
    }

    @Test
    void titleMatchRanksAboveAMereMention() throws IOException {
        String filler = "特定個人情報の取扱いについて記載する。".repeat(20);
        List<SearchDocument> docs = List.of(
                doc("a.html", "介護保険に関する事務 全項目評価書", "介護保険に関する事務", "全項目評価書", "A市長", "2024-01-01",
                        filler + "予防接種の記録は扱わない。" + filler),
                doc("b.html", "予防接種に関する事務 基礎項目評価書", "予防接種に関する事務", "基礎項目評価書", "B市長", "2023-01-01",
                        filler + "対象者の情報を管理する。" + filler),
                doc("c.html", "児童手当の支給に関する事務 基礎項目評価書", "児童手当の支給に関する事務", "基礎項目評価書", "A市長", "2024-05-01",
                        filler));
        Path site = tmp.resolve("rank");
        SearchIndexResult r = build(docs, site, SearchConfig.defaults());
        try (StaticSearcher s = StaticSearcher.open(site, r.manifest())) {
            List<StaticSearcher.Hit> hits = s.search("予防接種", 10);
            assertEquals("b.html", hits.get(0).url());
            assertEquals("a.html", hits.get(1).url());
            assertEquals(2, hits.size());
            assertTrue(hits.get(0).score() > hits.get(1).score());
            // readings: a kana query finds the kanji title first
            assertEquals("b.html", s.search("よぼうせっしゅ", 10).get(0).url());
        }
    }

    @Test
    void synonymsExpandBothWays() throws IOException {
        List<SearchDocument> docs = List.of(
                doc("juki.html", "住民基本台帳に関する事務", "住民基本台帳に関する事務", "全項目評価書", "A市長", "2024-01-01", "住民票の記載"),
                doc("kokuho.html", "国民健康保険に関する事務", "国民健康保険に関する事務", "全項目評価書", "A市長", "2024-01-01", "保険税の賦課"),
                doc("number.html", "番号の取扱い", null, "基礎項目評価書", "B市長", null, "マイナンバーを取り扱う。"));
        Path site = tmp.resolve("syn");
        SearchIndexResult r = build(docs, site, SearchConfig.defaults());
        try (StaticSearcher s = StaticSearcher.open(site, r.manifest())) {
            assertEquals("juki.html", s.search("住基", 5).get(0).url());
            assertEquals("kokuho.html", s.search("国保", 5).get(0).url());
            assertEquals("number.html", s.search("個人番号", 5).get(0).url());
        }
        // the Lucene index carries the same synonyms in its word field
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(site.resolve("search/lucene")))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            assertEquals(1, searcher.count(new TermQuery(new Term("w", "国保"))));
            assertEquals(3, reader.numDocs());
        }
    }

    @Test
    void everyFilterAlone() throws IOException {
        List<SearchDocument> docs = List.of(
                doc("1.html", "予防接種に関する事務", "予防接種に関する事務", "基礎項目評価書", "A市長", "2023-04-01", "予防接種"),
                doc("2.html", "予防接種に関する事務", "予防接種に関する事務", "全項目評価書", "A市長", "2024-04-01", "予防接種"),
                doc("3.html", "予防接種に関する事務", "予防接種に関する事務", "基礎項目評価書", "B市長", "2024-05-01", "予防接種"),
                doc("4.html", "予防接種に関する事務", "予防接種に関する事務", "重点項目評価書", "B市長", null, "予防接種"));
        Path site = tmp.resolve("filters");
        SearchIndexResult r = build(docs, site, SearchConfig.defaults());
        try (StaticSearcher s = StaticSearcher.open(site, r.manifest())) {
            assertEquals(4, s.search("予防接種", 10).size());
            assertEquals(List.of("1.html", "3.html"), urls(s.search("予防接種", new StaticSearcher.Filter("基礎項目評価書", null, null), 10)));
            assertEquals(List.of("3.html", "4.html"), urls(s.search("予防接種", new StaticSearcher.Filter(null, "B市長", null), 10)));
            assertEquals(List.of("2.html", "3.html"), urls(s.search("予防接種", new StaticSearcher.Filter(null, null, "2024"), 10)));
            assertEquals(List.of("3.html"), urls(s.search("予防接種", new StaticSearcher.Filter("基礎項目評価書", "B市長", "2024"), 10)));
        }
    }

    private static List<String> urls(List<StaticSearcher.Hit> hits) {
        List<String> u = new ArrayList<>();
        hits.forEach(h -> u.add(h.url()));
        Collections.sort(u);
        return u;
    }

    @Test
    void twoBuildsAreByteIdenticalWhateverTheOrder() throws IOException {
        List<SearchDocument> docs = TestCorpus.documents();
        List<SearchDocument> reversed = new ArrayList<>(docs);
        Collections.reverse(reversed);
        Path a = tmp.resolve("det-a");
        Path b = tmp.resolve("det-b");
        SearchIndexResult ra = build(docs, a, SearchConfig.defaults());
        SearchIndexResult rb = build(reversed, b, SearchConfig.defaults());
        assertEquals(ra.manifest(), rb.manifest());
        Map<String, byte[]> fa = files(a.resolve("search"));
        Map<String, byte[]> fb = files(b.resolve("search"));
        assertEquals(fa.keySet().stream().filter(k -> !k.startsWith("lucene/")).toList(),
                fb.keySet().stream().filter(k -> !k.startsWith("lucene/")).toList());
        fa.forEach((k, v) -> {
            if (!k.startsWith("lucene/")) {
                assertTrue(java.util.Arrays.equals(v, fb.get(k)), k);
            }
        });
    }

    @Test
    void luceneFilesOfTwoBuildsInTheSameOrderAreByteIdentical() throws IOException {
        // Lucene writes random ids and a timestamp into its files; ReproducibleLucene removes both
        List<SearchDocument> docs = TestCorpus.documents();
        Path a = tmp.resolve("luc-a");
        Path b = tmp.resolve("luc-b");
        build(docs, a, SearchConfig.defaults());
        org.apache.lucene.util.StringHelper.randomId(); // move the JVM-wide id state on
        build(docs, b, SearchConfig.defaults());
        Map<String, byte[]> fa = files(a.resolve("search/lucene"));
        Map<String, byte[]> fb = files(b.resolve("search/lucene"));
        assertEquals(fa.keySet(), fb.keySet(), "same Lucene file names");
        fa.forEach((k, v) -> assertTrue(java.util.Arrays.equals(v, fb.get(k)), k));
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }

    @Test
    void devQueriesFindTheExpectedTextInTheTopFive() throws IOException {
        List<SearchDocument> docs = TestCorpus.documents();
        Map<String, String> textByUrl = new HashMap<>();
        for (SearchDocument d : docs) {
            textByUrl.put(d.url(), d.title() + "\n" + (d.affair() == null ? "" : d.affair()) + "\n" + d.body());
        }
        Path site = tmp.resolve("dev");
        SearchIndexResult r = build(docs, site, SearchConfig.defaults());
        List<String[]> cases = TestCorpus.devQueries();
        assertFalse(cases.isEmpty(), "dev-queries.tsv not found");
        List<String> failures = new ArrayList<>();
        try (StaticSearcher s = StaticSearcher.open(site, r.manifest())) {
            for (String[] c : cases) {
                List<StaticSearcher.Hit> hits = s.search(c[0], 5);
                boolean ok = hits.stream().anyMatch(h -> textByUrl.get(h.url()).contains(c[1]));
                System.out.println("[kohyo-index] dev " + (ok ? "PASS " : "FAIL ") + c[0] + " -> " + c[1] + " : "
                        + hits.stream().map(StaticSearcher.Hit::url).toList());
                if (!ok) {
                    failures.add(c[0]);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void staticIndexLayout() throws IOException {
        Path site = tmp.resolve("layout");
        SearchIndexResult r = build(TestCorpus.documents(), site, SearchConfig.defaults());
        assertTrue(r.manifest().matches("search/manifest-[0-9a-f]{16}\\.json"), r.manifest());
        assertTrue(Files.isDirectory(site.resolve(r.generation()).resolve("t")));
        assertTrue(Files.exists(site.resolve(r.generation()).resolve("d/0.json")));
        for (String col : new String[] {"f/kind.bin", "f/year.bin"}) {
            assertEquals(r.documents(), Files.size(site.resolve(r.generation()).resolve(col)), col);
        }
        assertEquals(2L * r.documents(), Files.size(site.resolve(r.generation()).resolve("f/org.bin")));
        assertTrue(Files.exists(site.resolve("search/lucene")));
        assertNotEquals(0, r.terms());
        String manifest = Files.readString(site.resolve(r.manifest()));
        assertTrue(manifest.contains("\"format\":\"kohyo-search-3\""), manifest);
        assertTrue(Files.exists(site.resolve(r.generation()).resolve("p/0.json")));
        assertFalse(Files.exists(site.resolve("search/.staging")));
    }

    @Test
    void snippetShowsAndMarksTheMatchDeepInTheDocument() throws IOException {
        String filler = "特定個人情報の取扱いについて記載する。".repeat(30);
        List<SearchDocument> docs = List.of(
                doc("a.html", "予防接種に関する事務 重点項目評価書", "予防接種に関する事務", "重点項目評価書", "ふじみ野市長", "2024-01-01",
                        "I 基本情報\n" + filler + "\nIII リスク対策\n庁舎には監視カメラ等が設置されている。\n" + filler),
                doc("b.html", "児童手当の支給に関する事務 基礎項目評価書", "児童手当の支給に関する事務", "基礎項目評価書", "B市長", "2023-01-01",
                        "児童手当の支給について。\n" + filler));
        Path site = tmp.resolve("snippet");
        SearchIndexResult r = build(docs, site, SearchConfig.defaults());
        try (StaticSearcher s = StaticSearcher.open(site, r.manifest())) {
            List<StaticSearcher.Hit> hits = s.search("監視カメラ", 10);
            assertEquals("a.html", hits.get(0).url());
            StaticSearcher.Hit h = hits.get(0);
            assertTrue(h.passage() > 0, "a passage from inside the document");
            assertTrue(h.snippet().contains("監視カメラ等が設置されている"), h.snippet());
            assertTrue(h.snippet().codePointCount(0, h.snippet().length()) <= SearchConfig.defaults().snippetChars());
            List<String> marked = h.marks().stream().map(m -> h.snippet().substring(m[0], m[1])).toList();
            assertEquals(List.of("監視カメラ"), marked);
            // width-folded query, same passage and match
            StaticSearcher.Hit w = s.search("ｶﾝｼｶﾒﾗ 監視ｶﾒﾗ", 1).get(0);
            assertEquals(h.snippet(), w.snippet());
            // a kana query finds the passage through the readings
            StaticSearcher.Hit k = s.search("かんしかめら", 1).get(0);
            assertEquals("a.html", k.url());
            assertTrue(k.snippet().contains("監視カメラ"), k.snippet());
            // a title-only match falls back to the opening passage
            StaticSearcher.Hit t = s.search("重点項目評価書", 1).get(0);
            assertEquals(0, t.passage());
            assertTrue(t.snippet().startsWith("I 基本情報"), t.snippet());
        }
    }

    @Test
    void passagesSplitAtSentencesAndStayShort() {
        List<String> ps = Passages.split("I 基本情報\n" + "これは文です。".repeat(40) + "\n短い\n行\n" + "あ".repeat(250), 100);
        assertTrue(ps.get(0).startsWith("I 基本情報"));
        for (String p : ps) {
            assertTrue(p.codePointCount(0, p.length()) <= 100, p);
            assertFalse(p.isBlank());
        }
        assertTrue(ps.stream().anyMatch(p -> p.endsWith("これは文です。")));
        assertTrue(String.join("", ps).endsWith("あ".repeat(250)));
    }
}

package org.kohyo.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.FieldInvertState;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.kohyo.FileTrees;
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
        try (IndexReader reader = PublishedIndex.open(site.resolve("search/lucene"))) {
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
        Map<String, byte[]> fa = FileTrees.read(a.resolve("search"));
        Map<String, byte[]> fb = FileTrees.read(b.resolve("search"));
        assertEquals(fa.keySet().stream().filter(k -> !k.startsWith("lucene/")).toList(),
                fb.keySet().stream().filter(k -> !k.startsWith("lucene/")).toList());
        fa.forEach((k, v) -> {
            if (!k.startsWith("lucene/")) {
                assertTrue(Arrays.equals(v, fb.get(k)), k);
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
        Map<String, byte[]> fa = FileTrees.read(a.resolve("search/lucene"));
        Map<String, byte[]> fb = FileTrees.read(b.resolve("search/lucene"));
        assertEquals(fa.keySet(), fb.keySet(), "same Lucene file names");
        fa.forEach((k, v) -> assertTrue(Arrays.equals(v, fb.get(k)), k));
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
        List<SearchDocument> docs = TestCorpus.documents();
        SearchIndexResult r = build(docs, site, SearchConfig.defaults());
        Path gen = site.resolve(r.generation());
        assertTrue(r.manifest().matches("search/manifest-[0-9a-f]{16}\\.json"), r.manifest());
        assertTrue(r.generation().matches("search/i-[0-9a-f]{16}/"), r.generation());
        assertTrue(Files.exists(gen.resolve("d/0.json")));
        for (String col : new String[] {"f/kind.bin", "f/year.bin"}) {
            assertEquals(r.documents(), Files.size(gen.resolve(col)), col);
        }
        assertEquals(2L * r.documents(), Files.size(gen.resolve("f/org.bin")));
        assertTrue(Files.exists(site.resolve("search/lucene")));
        assertNotEquals(0, r.terms());
        String manifest = Files.readString(site.resolve(r.manifest()));
        assertTrue(manifest.contains("\"format\":\"kohyo-search-4\""), manifest);
        assertFalse(Files.exists(site.resolve("search/.staging")));

        // term shards: as many as the document count asks for, whatever the records weigh
        int shards = StaticIndexFormat.termShardCount(docs.size(), SearchConfig.defaults().targetShardBytes());
        assertEquals(shards, r.termShards());
        Map<String, byte[]> files = FileTrees.read(gen);
        assertEquals(shards, files.keySet().stream().filter(k -> k.startsWith("t/")).count());

        // the generation's name hashes each file's path and content digest
        TreeMap<String, String> digests = new TreeMap<>();
        files.forEach((path, content) -> digests.put(path, StaticIndexFormat.sha256Hex(content)));
        assertEquals("search/" + StaticIndexFormat.generationName(digests) + "/", r.generation());

        // postings point to passages by their number within the document (+ 1)
        Map<Integer, BitSet> pointed = new HashMap<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            if (f.getKey().startsWith("t/")) {
                for (StaticSearcher.Postings p : StaticSearcher.parseShard(f.getValue()).values()) {
                    for (int i = 0; i < p.ids().length; i++) {
                        if (p.passages()[i] > 0) {
                            pointed.computeIfAbsent(p.ids()[i], k -> new BitSet()).set(p.passages()[i] - 1);
                        }
                    }
                }
            }
        }
        assertFalse(pointed.isEmpty());

        // doc rows: [.., passage key, stored passage numbers]; stored = opening passage + pointed ones;
        // passage chunk files per document hold their texts, as Passages numbers them
        Map<String, SearchDocument> byUrl = new HashMap<>();
        docs.forEach(d -> byUrl.put(d.url(), d));
        ObjectMapper json = new ObjectMapper();
        List<String> passageFiles = new ArrayList<>();
        int k = StaticIndexFormat.PASSAGES_PER_CHUNK;
        for (int id = 0; id < r.documents(); id++) {
            JsonNode row = json.readTree(files.get("d/" + (id / 2) + ".json")).get(id % 2);
            assertEquals(9, row.size(), row.toString());
            String url = row.get(0).asText();
            String key = row.get(7).asText();
            assertEquals(StaticIndexFormat.passageKey(url), key);
            BitSet expected = (BitSet) pointed.getOrDefault(id, new BitSet()).clone();
            expected.set(0);
            List<Integer> stored = new ArrayList<>();
            row.get(8).forEach(n -> stored.add(n.asInt()));
            assertEquals(expected.stream().boxed().toList(), stored, url);
            List<String> passages = Passages.split(byUrl.get(url).body(), SearchConfig.defaults().snippetChars());
            for (int c = 0; c * k < stored.size(); c++) {
                String path = StaticIndexFormat.passageChunkPath(key, c);
                passageFiles.add(path);
                JsonNode chunk = json.readTree(files.get(path));
                assertEquals(Math.min(k, stored.size() - c * k), chunk.size(), path);
                for (int j = 0; j < chunk.size(); j++) {
                    assertEquals(passages.get(stored.get(c * k + j)), chunk.get(j).asText(), path + " " + j);
                }
            }
        }
        Collections.sort(passageFiles);
        assertEquals(passageFiles, files.keySet().stream().filter(p -> p.startsWith("p/")).toList());
    }

    @Test
    void staticScoresAreLuceneBm25WithTheGriddedStatistics() throws IOException {
        Path site = tmp.resolve("bm25");
        SearchIndexResult r = build(TestCorpus.documents(), site, SearchConfig.defaults());
        try (IndexReader reader = PublishedIndex.open(site.resolve("search/lucene"));
             StaticSearcher s = StaticSearcher.open(site, r.manifest())) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new GriddedBm25());
            CollectionStatistics body = searcher.collectionStatistics("g_body");
            assertNotEquals(body.sumTotalTermFreq(), GridStatistics.of(body).sumTotalTermFreq(),
                    "the body's average length is off the grid, so the comparison tells the two apart");
            List<String> terms = sampleTerms(reader.leaves().get(0).reader(), s.analyzer(), 40);
            assertTrue(terms.size() >= 20, terms.toString());
            for (String term : terms) {
                BooleanQuery.Builder q = new BooleanQuery.Builder();
                for (int i = 0; i < SearchIndexBuilder.FIELDS.length; i++) {
                    float w = SearchIndexBuilder.WEIGHTS[i];
                    q.add(new BoostQuery(new TermQuery(new Term("g_" + SearchIndexBuilder.FIELDS[i], term)), w), BooleanClause.Occur.SHOULD);
                    q.add(new BoostQuery(new TermQuery(new Term("r_" + SearchIndexBuilder.FIELDS[i], term)), w * SearchIndexBuilder.READING_WEIGHT),
                            BooleanClause.Occur.SHOULD);
                }
                TopDocs top = searcher.search(q.build(), 1000);
                Map<String, Double> lucene = new HashMap<>();
                for (ScoreDoc sd : top.scoreDocs) {
                    lucene.put(reader.storedFields().document(sd.doc).get("url"), (double) sd.score);
                }
                List<StaticSearcher.Hit> hits = s.search(term, 1000);
                assertEquals(lucene.keySet(), hits.stream().map(StaticSearcher.Hit::url).collect(Collectors.toSet()), term);
                double max = top.scoreDocs[0].score;
                // the best document's q is 255, so its static score is maxScore; the others' are q / 255 of it
                assertEquals(max, hits.get(0).score(), max * 1e-5, term);
                for (StaticSearcher.Hit h : hits) {
                    assertEquals(lucene.get(h.url()), h.score(), max / 510 + max * 1e-5, term + " " + h.url());
                }
            }
        }
    }

    /** Lucene's BM25 over {@link GridStatistics}: what the static index's scores are. */
    private static final class GriddedBm25 extends Similarity {
        private final BM25Similarity bm25 = new BM25Similarity();

        @Override
        public long computeNorm(FieldInvertState state) {
            return bm25.computeNorm(state);
        }

        @Override
        public SimScorer scorer(float boost, CollectionStatistics collectionStats, TermStatistics... termStats) {
            return bm25.scorer(boost, GridStatistics.of(collectionStats), termStats);
        }
    }

    /** Up to {@code n} terms of the scored fields, spread over the term order, that a query finds as themselves. */
    private static List<String> sampleTerms(LeafReader leaf, QueryAnalyzer analyzer, int n) throws IOException {
        TreeSet<String> all = new TreeSet<>();
        for (String f : SearchIndexBuilder.scoredFields()) {
            Terms t = leaf.terms(f);
            if (t != null) {
                TermsEnum te = t.iterator();
                for (BytesRef b = te.next(); b != null; b = te.next()) {
                    all.add(b.utf8ToString());
                }
            }
        }
        List<String> sorted = new ArrayList<>(all);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < sorted.size() && out.size() < n; i += Math.max(1, sorted.size() / (3 * n))) {
            String t = sorted.get(i);
            if (analyzer.variants(t).equals(List.of(List.of(t)))) {
                out.add(t);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- locality (format 4)

    /** Two builds: the corpus, and the corpus with one short document's body edited. */
    private record Edit(String url, Path before, SearchIndexResult rb, Path after, SearchIndexResult ra) {
        Path beforeGen() {
            return before.resolve(rb.generation());
        }

        Path afterGen() {
            return after.resolve(ra.generation());
        }
    }

    /**
     * The test corpus and {@code n} short generated documents made of its lines (one 市長 each), so
     * that there are many term shards and one short document's terms leave most of them alone.
     */
    private static List<SearchDocument> corpusWithShortDocuments(int n) throws IOException {
        List<SearchDocument> docs = new ArrayList<>(TestCorpus.documents());
        List<String> lines = new ArrayList<>();
        for (SearchDocument d : TestCorpus.documents()) {
            for (String l : d.body().split("\n")) {
                String t = l.strip();
                if (t.length() > 10 && t.length() <= 80) {
                    lines.add(t);
                }
            }
        }
        String[] affairs = {"予防接種に関する事務", "児童手当の支給に関する事務", "介護保険に関する事務", "地方税の賦課徴収に関する事務"};
        for (int i = 0; i < n; i++) {
            Random rnd = new Random(i);
            String affair = affairs[i % affairs.length];
            StringBuilder body = new StringBuilder(affair).append('\n');
            for (int j = 0; j < 4; j++) {
                body.append(lines.get(rnd.nextInt(lines.size()))).append('\n');
            }
            String org = "第" + i + "市長";
            docs.add(new SearchDocument("short/" + i + ".html", org + " " + affair + " 基礎項目評価書", affair, "基礎項目評価書", org,
                    null, LocalDate.of(2020 + i % 5, 4, 1), List.of("I 基本情報"), body.toString()));
        }
        return docs;
    }

    /** Builds the corpus, and again with one line of short/7.html's body replaced (title, 事務名, 機関 and date kept). */
    private Edit editOneBody(String name, SearchConfig config) throws IOException {
        List<SearchDocument> docs = corpusWithShortDocuments(200);
        String url = "short/7.html";
        List<SearchDocument> edited = new ArrayList<>();
        for (SearchDocument d : docs) {
            if (d.url().equals(url)) {
                String[] lines = d.body().split("\n");
                lines[2] = "入退室の記録は五年間保存し、監視カメラの映像とあわせて定期的に点検する。";
                d = new SearchDocument(d.url(), d.title(), d.affair(), d.kind(), d.organization(), d.department(),
                        d.published(), d.headings(), String.join("\n", lines));
            }
            edited.add(d);
        }
        assertNotEquals(docs, edited);
        Path before = tmp.resolve(name + "-before");
        Path after = tmp.resolve(name + "-after");
        SearchIndexResult rb = build(docs, before, config);
        SearchIndexResult ra = build(edited, after, config);
        // the property holds while no field's average length moves to another grid step
        assertEquals(gridOf(before), gridOf(after), "the edit moved a field's average length to another grid step");
        return new Edit(url, before, rb, after, ra);
    }

    /** Per scored field of the site's Lucene index: docCount and the gridded sumTotalTermFreq. */
    private static Map<String, List<Long>> gridOf(Path site) throws IOException {
        Map<String, List<Long>> out = new TreeMap<>();
        try (IndexReader reader = PublishedIndex.open(site.resolve("search/lucene"))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            for (String f : SearchIndexBuilder.scoredFields()) {
                CollectionStatistics cs = searcher.collectionStatistics(f);
                if (cs != null) {
                    out.put(f, List.of(cs.docCount(), GridStatistics.of(cs).sumTotalTermFreq()));
                }
            }
        }
        return out;
    }

    /** Every term the document has in a scored field of the site's Lucene index. */
    private static Set<String> termsOf(Path site, String url) throws IOException {
        Set<String> out = new HashSet<>();
        try (IndexReader reader = PublishedIndex.open(site.resolve("search/lucene"))) {
            TopDocs td = new IndexSearcher(reader).search(new TermQuery(new Term("url", url)), 2);
            assertEquals(1, td.scoreDocs.length, url);
            for (LeafReaderContext ctx : reader.leaves()) {
                int doc = td.scoreDocs[0].doc - ctx.docBase;
                if (doc < 0 || doc >= ctx.reader().maxDoc()) {
                    continue;
                }
                for (String f : SearchIndexBuilder.scoredFields()) {
                    Terms t = ctx.reader().terms(f);
                    if (t == null) {
                        continue;
                    }
                    TermsEnum te = t.iterator();
                    PostingsEnum pe = null;
                    for (BytesRef b = te.next(); b != null; b = te.next()) {
                        pe = te.postings(pe, PostingsEnum.NONE);
                        if (pe.advance(doc) == doc) {
                            out.add(b.utf8ToString());
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Asserts that every term shard that differs between the builds holds a term of the edited
     * document's old or new text; returns how many shards differ.
     */
    private static int assertOnlyShardsOfTheEditedTermsDiffer(Edit e) throws IOException {
        int shards = e.rb().termShards();
        assertEquals(shards, e.ra().termShards(), "the shard count depends on the number of documents only");
        Set<String> terms = termsOf(e.before(), e.url());
        terms.addAll(termsOf(e.after(), e.url()));
        Set<Integer> touched = new HashSet<>();
        terms.forEach(t -> touched.add(StaticIndexFormat.shardOf(t, shards)));
        assertTrue(touched.size() < shards / 2, "the edited document's terms must leave most shards alone for this test to tell: "
                + touched.size() + " of " + shards);
        int differ = 0;
        for (int s = 0; s < shards; s++) {
            String path = StaticIndexFormat.termShardPath(s, shards);
            boolean same = Arrays.equals(Files.readAllBytes(e.beforeGen().resolve(path)),
                    Files.readAllBytes(e.afterGen().resolve(path)));
            if (!same) {
                differ++;
                assertTrue(touched.contains(s), path + " changed but holds no term of the edited document");
            }
        }
        assertTrue(differ > 0, "the edit changed no term shard");
        return differ;
    }

    /** The doc table shard that holds the document with this url. */
    private static String docTableShardOf(Path gen, String url) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> s = Files.list(gen.resolve("d"))) {
            for (Path p : s.toList()) {
                for (JsonNode row : json.readTree(p.toFile())) {
                    if (row.get(0).asText().equals(url)) {
                        return "d/" + p.getFileName();
                    }
                }
            }
        }
        throw new AssertionError(url + " is in no doc table shard");
    }

    @Test
    void editingOneBodyChangesOnlyTheTermShardsOfItsTerms() throws IOException {
        // the default top-120 cut applies: a cut moved by the edit stays within the edited terms' shards
        Edit e = editOneBody("loc-cut", SearchConfig.defaults().withTargetShardBytes(256));
        int differ = assertOnlyShardsOfTheEditedTermsDiffer(e);
        System.out.println("[kohyo-index] locality: " + differ + " of " + e.rb().termShards() + " term shards changed");
        Map<String, byte[]> before = FileTrees.read(e.beforeGen());
        Map<String, byte[]> after = FileTrees.read(e.afterGen());
        for (String path : List.of("f/kind.bin", "f/year.bin", "f/org.bin", "orgs.json", "affairs.json")) {
            assertTrue(Arrays.equals(before.get(path), after.get(path)), path);
        }
        assertNotEquals(e.rb().generation(), e.ra().generation());
    }

    @Test
    void editingOneBodyLeavesTheOtherDocumentsFilesAlone() throws IOException {
        // every posting kept, so that no other document's kept postings (and so stored passages) move
        Edit e = editOneBody("loc-all", SearchConfig.defaults().withTargetShardBytes(256).withPostingsPerTerm(100_000));
        assertOnlyShardsOfTheEditedTermsDiffer(e);
        String ownRows = docTableShardOf(e.beforeGen(), e.url());
        assertEquals(ownRows, docTableShardOf(e.afterGen(), e.url()), "the static doc id stays");
        String ownPassages = "p/" + StaticIndexFormat.passageKey(e.url()) + "-";
        Map<String, byte[]> before = FileTrees.read(e.beforeGen());
        Map<String, byte[]> after = FileTrees.read(e.afterGen());
        Set<String> others = new TreeSet<>();
        for (Map<String, byte[]> m : List.of(before, after)) {
            m.keySet().stream().filter(p -> !p.startsWith("t/") && !p.equals(ownRows) && !p.startsWith(ownPassages)).forEach(others::add);
        }
        assertTrue(others.stream().filter(p -> p.startsWith("p/")).count() > 200, "other documents' passage files");
        for (String path : others) {
            assertTrue(before.containsKey(path) && after.containsKey(path), path + " only in one build");
            assertTrue(Arrays.equals(before.get(path), after.get(path)), path + " changed");
        }
        // the edited document's own passage files did change: the new line is stored and pointed to
        boolean ownChanged = false;
        for (String p : after.keySet()) {
            if (p.startsWith(ownPassages) && !Arrays.equals(before.get(p), after.get(p))) {
                ownChanged = true;
            }
        }
        assertTrue(ownChanged, "the edited document's passages");
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

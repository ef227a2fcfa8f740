package org.kohyo.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * 検索索引の作成. Streams {@link SearchDocument}s into a Lucene index in a scratch directory
 * (bounded memory: Lucene flushes segments to disk), then {@link #finish} writes the Lucene index to
 * {@code search/lucene/} and derives the static browser index (see {@link StaticIndexFormat}) with
 * BM25 scores from Lucene's own {@link BM25Similarity} and collection statistics, weighted by field.
 *
 * <p>Fields: {@code g_title} (評価書名 + 事務名), {@code g_head} (見出し), {@code g_org}
 * (評価実施機関 + 所管課), {@code g_body} (本文) with {@link GramAnalyzer}; the same with prefix
 * {@code r_} with {@link ReadingAnalyzer}; {@code w} (title, headings, organization, and the body when
 * {@link SearchConfig#luceneBodyWords()}) with {@link WordAnalyzer} for server-side use; {@code kind}, {@code org_k}, {@code year} keywords; stored metadata.
 *
 * <p>The static output depends only on the set of documents, not on the order of {@link #add}. The
 * Lucene index depends on the documents in the order added and on the Lucene version, nothing else
 * (no random ids, no timestamps; see {@link ReproducibleLucene}). Call {@link #add} from one thread.
 */
public final class SearchIndexBuilder implements AutoCloseable {

    /** Logical fields and their weights; the reading field of each weighs {@link #READING_WEIGHT} as much. */
    static final String[] FIELDS = {"title", "head", "org", "body"};
    static final float[] WEIGHTS = {4.0f, 2.0f, 1.5f, 1.0f};
    static final float READING_WEIGHT = 0.5f;

    private static final List<String> KIND_ORDER = List.of("基礎項目評価書", "重点項目評価書", "全項目評価書");

    private static final FieldType GRAM_TYPE = new FieldType();
    /**
     * Passage fields of the scratch passage index: a posting's frequency is not a count but the
     * passage (+ 1) where the term's occurrences in the document are densest (see {@link #analyse}).
     */
    private static final FieldType PASSAGE_TYPE = new FieldType();

    static {
        GRAM_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        GRAM_TYPE.setTokenized(true);
        GRAM_TYPE.setStored(false);
        GRAM_TYPE.setOmitNorms(false);
        GRAM_TYPE.freeze();
        PASSAGE_TYPE.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        PASSAGE_TYPE.setTokenized(true);
        PASSAGE_TYPE.setStored(false);
        PASSAGE_TYPE.setOmitNorms(true);
        PASSAGE_TYPE.freeze();
    }

    private final SearchConfig config;
    private final SynonymTable synonyms;
    private final Path scratch;
    private final Path luceneScratch;
    private final Directory directory;
    /** Surface bigrams (index side, synonyms appended), readings, and kuromoji words. */
    private final Analyzer gramAnalyzer;
    private final ReadingAnalyzer readings;
    private final Analyzer wordAnalyzer;
    private final IndexWriter writer;
    /** Scratch index of passages (not published): fields pg (surface), pr (readings), stored p, url. */
    private final Path passageScratch;
    private final Directory passageDirectory;
    private final IndexWriter passageWriter;
    private int added;
    private boolean finished;

    public SearchIndexBuilder(SearchConfig config, Path scratchDir) throws IOException {
        this.config = config;
        this.synonyms = SynonymTable.parse(config.synonymLines());
        this.scratch = scratchDir;
        this.luceneScratch = scratchDir.resolve("lucene");
        deleteTree(luceneScratch);
        Files.createDirectories(luceneScratch);
        this.gramAnalyzer = new GramAnalyzer(synonyms);
        this.readings = new ReadingAnalyzer();
        this.wordAnalyzer = WordAnalyzer.create(config.synonymLines(), true);
        this.directory = FSDirectory.open(luceneScratch);
        // every field arrives analysed (add(AnalysedDocument)); the writer's analyzer is never used
        IndexWriterConfig iwc = ReproducibleLucene.configure(new IndexWriterConfig(gramAnalyzer))
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setSimilarity(new BM25Similarity());
        this.writer = new IndexWriter(directory, iwc);
        this.passageScratch = scratchDir.resolve("passages");
        deleteTree(passageScratch);
        Files.createDirectories(passageScratch);
        this.passageDirectory = FSDirectory.open(passageScratch);
        this.passageWriter = new IndexWriter(passageDirectory,
                ReproducibleLucene.configure(new IndexWriterConfig(gramAnalyzer)).setOpenMode(IndexWriterConfig.OpenMode.CREATE));
    }

    /**
     * 解析済みの評価書: one document after analysis, ready for {@link #add(AnalysedDocument)}. Produced
     * by {@link #analyse}, which is safe to call from worker threads.
     */
    public static final class AnalysedDocument {
        private final SearchDocument source;
        private final String snippet;
        private final TermCounts[] grams;
        private final TermCounts[] readings;
        private final TermCounts words;
        private final List<String> passages;
        private final TermCounts passageGrams;
        private final TermCounts passageReadings;

        private AnalysedDocument(SearchDocument source, String snippet, TermCounts[] grams, TermCounts[] readings,
                TermCounts words, List<String> passages, TermCounts passageGrams, TermCounts passageReadings) {
            this.source = source;
            this.snippet = snippet;
            this.grams = grams;
            this.readings = readings;
            this.words = words;
            this.passages = passages;
            this.passageGrams = passageGrams;
            this.passageReadings = passageReadings;
        }
    }

    /**
     * Analyses one document (already redacted): every field through its chain, the body once per
     * chain, passage by passage. Thread-safe; the expensive part of indexing, so the pipeline runs it
     * on its worker threads and hands the results to {@link #add(AnalysedDocument)} in order.
     *
     * <p>The body is analysed part by part ({@link Passages#splitParts}): the body field's counts are
     * the sum over the parts, and the passage fields record, for each term, the passage holding most
     * of its occurrences (ties to the earliest).
     */
    public AnalysedDocument analyse(SearchDocument d) {
        require(d.url(), "url");
        require(d.title(), "title");
        require(d.kind(), "kind");
        require(d.organization(), "organization");
        String body = d.body() == null ? "" : d.body();
        String title = d.affair() == null ? d.title() : d.title() + "\n" + d.affair();
        String head = d.headings() == null ? "" : String.join("\n", d.headings());
        String org = d.department() == null ? d.organization() : d.organization() + "\n" + d.department();
        String[] values = {title, head, org};
        TermCounts[] grams = new TermCounts[FIELDS.length];
        TermCounts[] reads = new TermCounts[FIELDS.length];
        for (int i = 0; i < values.length; i++) {
            grams[i] = TermCounts.of(gramAnalyzer, "g_" + FIELDS[i], values[i]);
            reads[i] = TermCounts.of(readings, "r_" + FIELDS[i], values[i]);
        }
        List<List<String>> parts = Passages.splitParts(body, config.snippetChars());
        Map<String, Integer> bestGram = new HashMap<>();
        Map<String, Integer> bestReading = new HashMap<>();
        grams[3] = passageTerms(gramAnalyzer, "g_body", parts, bestGram);
        reads[3] = passageTerms(readings, "r_body", parts, bestReading);
        TermCounts words = TermCounts.of(wordAnalyzer, "w",
                config.luceneBodyWords() ? title + "\n" + head + "\n" + org + "\n" + body : title + "\n" + head + "\n" + org);
        List<String> passages = new ArrayList<>(parts.size());
        for (List<String> p : parts) {
            passages.add(String.join("", p));
        }
        return new AnalysedDocument(d, snippetSource(body, config.snippetChars()), grams, reads, words, List.copyOf(passages),
                TermCounts.ofFrequencies(bestGram), TermCounts.ofFrequencies(bestReading));
    }

    /**
     * The body's counts over all passages' parts; fills {@code best} with each term's passage of most
     * occurrences + 1 (ties to the earliest passage).
     */
    private static TermCounts passageTerms(Analyzer a, String field, List<List<String>> parts, Map<String, Integer> best) {
        TermCounts.Collector all = new TermCounts.Collector();
        Map<String, int[]> bestCount = new HashMap<>();
        for (int p = 0; p < parts.size(); p++) {
            Map<String, int[]> here = new HashMap<>();
            for (String part : parts.get(p)) {
                all.add(a, field, part.strip(), t -> here.computeIfAbsent(t, k -> new int[1])[0]++);
            }
            for (Map.Entry<String, int[]> e : here.entrySet()) {
                int n = e.getValue()[0];
                int[] b = bestCount.computeIfAbsent(e.getKey(), k -> new int[1]);
                if (n > b[0]) {
                    b[0] = n;
                    best.put(e.getKey(), p + 1);
                }
            }
        }
        return all.done();
    }

    /** Analyses and adds one document (already redacted); from one thread. */
    public void add(SearchDocument d) throws IOException {
        add(analyse(d));
    }

    /**
     * Adds one analysed document. Call from one thread, in a fixed order: the Lucene index's
     * segments follow the order of the calls.
     */
    public void add(AnalysedDocument a) throws IOException {
        if (finished) {
            throw new IllegalStateException("finish() was called");
        }
        SearchDocument d = a.source;
        Document doc = new Document();
        doc.add(new StringField("url", d.url(), Field.Store.YES));
        doc.add(new StoredField("title", d.title()));
        if (d.affair() != null) {
            doc.add(new StoredField("affair", d.affair()));
        }
        doc.add(new StringField("kind", d.kind(), Field.Store.YES));
        doc.add(new StringField("org_k", d.organization(), Field.Store.NO));
        doc.add(new StoredField("org", d.organization()));
        if (d.department() != null) {
            doc.add(new StoredField("dept", d.department()));
        }
        if (d.published() != null) {
            doc.add(new StringField("year", Integer.toString(d.published().getYear()), Field.Store.NO));
            doc.add(new StoredField("date", d.published().toString()));
        }
        doc.add(new StoredField("snippet", a.snippet));
        for (int i = 0; i < FIELDS.length; i++) {
            doc.add(new Field("g_" + FIELDS[i], a.grams[i].tokenStream(), GRAM_TYPE));
            doc.add(new Field("r_" + FIELDS[i], a.readings[i].tokenStream(), GRAM_TYPE));
        }
        doc.add(new Field("w", a.words.tokenStream(), GRAM_TYPE));
        writer.addDocument(doc);
        Document pd = new Document();
        pd.add(new StoredField("url", d.url()));
        for (String p : a.passages) {
            pd.add(new StoredField("p", p));
        }
        pd.add(new Field("pg", a.passageGrams.tokenStream(), PASSAGE_TYPE));
        pd.add(new Field("pr", a.passageReadings.tokenStream(), PASSAGE_TYPE));
        passageWriter.addDocument(pd);
        added++;
    }

    private static void require(String v, String name) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("search document without " + name);
        }
    }

    /** The first {@code n} code points of the text with white space collapsed. */
    static String snippetSource(String body, int n) {
        String s = body.replaceAll("[\\s\\u3000]+", " ").strip();
        if (s.codePointCount(0, s.length()) <= n) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, n)) + "…";
    }

    /**
     * 索引の区分: how many partitions the index of this many documents has. (One for now: the
     * partitioned index that lets a 差分ビルド re-analyse only a changed document's partition is
     * the next step of issue 6.)
     */
    public static int partitions(int documents) {
        return 1;
    }

    /** The partition of a document (by its site-relative URL). */
    public static int partitionOf(String url, int partitions) {
        return StaticIndexFormat.fnv1a32(url) & (partitions - 1);
    }

    /** Documents added so far. */
    public int size() {
        return added;
    }

    /**
     * Writes search/lucene/ and the static index under {@code siteRoot/search/}, replacing what was
     * there. Can be called once.
     */
    public SearchIndexResult finish(Path siteRoot) throws IOException {
        if (finished) {
            throw new IllegalStateException("finish() was called");
        }
        finished = true;
        writer.forceMerge(1);
        writer.commit();
        writer.close();
        passageWriter.forceMerge(1);
        passageWriter.commit();
        passageWriter.close();
        Path out = siteRoot.resolve("search");
        deleteTree(out);
        Files.createDirectories(out);
        Path staging = out.resolve(".staging");
        Files.createDirectories(staging);
        try (DirectoryReader reader = DirectoryReader.open(directory);
             DirectoryReader passageReader = DirectoryReader.open(passageDirectory)) {
            if (passageReader.maxDoc() != reader.maxDoc()) {
                throw new IllegalStateException("passage index out of step");
            }
            List<DocInfo> docs = readDocs(reader);
            docs.sort(DOC_ORDER);
            int maxDoc = reader.maxDoc();
            int[] staticId = new int[maxDoc];
            for (int i = 0; i < docs.size(); i++) {
                staticId[docs.get(i).luceneId] = i;
            }
            BitSet[] pointed = new BitSet[docs.size()];
            for (int i = 0; i < pointed.length; i++) {
                pointed[i] = new BitSet();
                pointed[i].set(0);
            }
            TermPass terms = writeTermRecords(reader, passageReader, staticId, pointed);
            int[] passageBase = writePassages(docs, passageReader, pointed, staging);
            int shards = writeTermShards(terms, staging, pointed);
            Facets facets = writeDocTable(docs, passageBase, staging);
            writeAffairs(docs, staging);
            String gen = "i-" + treeHash(staging).substring(0, 16);
            Files.move(staging, out.resolve(gen));
            byte[] manifest = manifest(gen, docs.size(), shards, facets);
            String manifestName = "manifest-" + sha256(manifest).substring(0, 16) + ".json";
            Files.write(out.resolve(manifestName), manifest);
            long staticBytes = treeSize(out.resolve(gen)) + manifest.length;
            long luceneBytes;
            try (Directory lucene = FSDirectory.open(Files.createDirectories(out.resolve("lucene")))) {
                luceneBytes = ReproducibleLucene.publish(directory, lucene);
            }
            int docShards = (docs.size() + config.docsPerShard() - 1) / config.docsPerShard();
            return new SearchIndexResult("search/" + manifestName, "search/" + gen + "/", "search/lucene/",
                    docs.size(), terms.count, shards, docShards, staticBytes, luceneBytes);
        } finally {
            Files.deleteIfExists(scratch.resolve("terms.bin"));
            passageDirectory.close();
            deleteTree(passageScratch);
        }
    }

    // ---------------------------------------------------------------- documents

    /** Stored metadata of one document. */
    private record DocInfo(int luceneId, String url, String title, String affair, String kind, String org,
            String dept, String date, String snippet, String sortKey) {}

    private static final Comparator<DocInfo> DOC_ORDER = Comparator
            .comparing(DocInfo::sortKey)
            .thenComparing(DocInfo::org)
            .thenComparing(d -> kindRank(d.kind()))
            .thenComparing(DocInfo::url)
            .thenComparing(DocInfo::title)
            .thenComparing(d -> d.date() == null ? "" : d.date());

    private static String kindRank(String kind) {
        int i = KIND_ORDER.indexOf(kind);
        return i >= 0 ? "0" + i : "1" + kind;
    }

    private static List<DocInfo> readDocs(DirectoryReader reader) throws IOException {
        List<DocInfo> docs = new ArrayList<>(reader.maxDoc());
        StoredFields stored = reader.storedFields();
        for (int i = 0; i < reader.maxDoc(); i++) {
            Document d = stored.document(i);
            String affair = d.get("affair");
            // documents of one 事務 sit together, so a 事務名 query's results share doc-table shards
            String key = JapaneseFolding.normalize(affair != null ? affair : d.get("title"));
            docs.add(new DocInfo(i, d.get("url"), d.get("title"), affair, d.get("kind"), d.get("org"),
                    d.get("dept"), d.get("date"), d.get("snippet"), key));
        }
        return docs;
    }

    private record Facets(List<String> kinds, List<String> years, List<String> orgs) {}

    /**
     * Writes the passages some posting points to (and every document's opening passage) in static
     * doc order, {@link StaticIndexFormat#PASSAGES_PER_CHUNK} to a file p/N.json; returns each
     * document's first global passage number.
     */
    private static int[] writePassages(List<DocInfo> docs, DirectoryReader passageReader, BitSet[] pointed,
            Path staging) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path dir = Files.createDirectories(staging.resolve("p"));
        StoredFields stored = passageReader.storedFields();
        int[] base = new int[docs.size()];
        int k = StaticIndexFormat.PASSAGES_PER_CHUNK;
        List<String> chunk = new ArrayList<>(k);
        int global = 0;
        for (int i = 0; i < docs.size(); i++) {
            DocInfo d = docs.get(i);
            Document pd = stored.document(d.luceneId());
            if (!d.url().equals(pd.get("url"))) {
                throw new IllegalStateException("passage index out of step at " + d.url());
            }
            String[] ps = pd.getValues("p");
            base[i] = global;
            for (int p = pointed[i].nextSetBit(0); p >= 0; p = pointed[i].nextSetBit(p + 1)) {
                chunk.add(p < ps.length ? ps[p] : "");
                global++;
                if (chunk.size() == k) {
                    Files.write(dir.resolve((global / k - 1) + ".json"), json.writeValueAsBytes(chunk));
                    chunk.clear();
                }
            }
        }
        if (!chunk.isEmpty()) {
            Files.write(dir.resolve((global / k) + ".json"), json.writeValueAsBytes(chunk));
        }
        return base;
    }

    private Facets writeDocTable(List<DocInfo> docs, int[] passageBase, Path staging) throws IOException {
        TreeSet<String> kindSet = new TreeSet<>(Comparator.comparing(SearchIndexBuilder::kindRank));
        TreeSet<String> yearSet = new TreeSet<>(Comparator.reverseOrder());
        TreeSet<String> orgSet = new TreeSet<>();
        for (DocInfo d : docs) {
            kindSet.add(d.kind());
            orgSet.add(d.org());
            if (d.date() != null) {
                yearSet.add(d.date().substring(0, 4));
            }
        }
        List<String> kinds = List.copyOf(kindSet);
        List<String> years = List.copyOf(yearSet);
        List<String> orgs = List.copyOf(orgSet);
        if (kinds.size() > 255 || years.size() > 254 || orgs.size() > 65535) {
            throw new IllegalStateException("too many distinct kinds, years or organizations for the static index");
        }
        ObjectMapper json = new ObjectMapper();
        Path dir = Files.createDirectories(staging.resolve("d"));
        int per = config.docsPerShard();
        for (int start = 0; start < docs.size(); start += per) {
            List<Object> rows = new ArrayList<>();
            for (int i = start; i < Math.min(docs.size(), start + per); i++) {
                DocInfo d = docs.get(i);
                rows.add(Arrays.asList(d.url(), d.title(), d.affair(), kinds.indexOf(d.kind()), d.org(), d.dept(),
                        d.date(), passageBase[i]));
            }
            Files.write(dir.resolve((start / per) + ".json"), json.writeValueAsBytes(rows));
        }
        // one file per facet, so that a filter downloads only the column it tests
        byte[] kindCol = new byte[docs.size()];
        byte[] yearCol = new byte[docs.size()];
        ByteBuffer orgCol = ByteBuffer.allocate(docs.size() * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < docs.size(); i++) {
            DocInfo d = docs.get(i);
            kindCol[i] = (byte) kinds.indexOf(d.kind());
            yearCol[i] = (byte) (d.date() == null ? 0 : years.indexOf(d.date().substring(0, 4)) + 1);
            orgCol.putShort((short) java.util.Collections.binarySearch(orgs, d.org()));
        }
        Path f = Files.createDirectories(staging.resolve("f"));
        Files.write(f.resolve("kind.bin"), kindCol);
        Files.write(f.resolve("year.bin"), yearCol);
        Files.write(f.resolve("org.bin"), orgCol.array());
        Files.write(staging.resolve("orgs.json"), json.writeValueAsBytes(orgs));
        return new Facets(kinds, years, orgs);
    }

    private void writeAffairs(List<DocInfo> docs, Path staging) throws IOException {
        TreeMap<String, Integer> counts = new TreeMap<>();
        for (DocInfo d : docs) {
            if (d.affair() != null && !d.affair().isBlank()) {
                counts.merge(d.affair().strip(), 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<Object> rows = new ArrayList<>();
        try (ReadingAnalyzer readings = new ReadingAnalyzer()) {
            for (Map.Entry<String, Integer> e : sorted) {
                rows.add(List.of(e.getKey(), readings.reading(e.getKey()), e.getValue()));
            }
        }
        Files.write(staging.resolve("affairs.json"), new ObjectMapper().writeValueAsBytes(rows));
    }

    private byte[] manifest(String gen, int docs, int shards, Facets facets) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", StaticIndexFormat.FORMAT);
        m.put("base", gen + "/");
        m.put("docs", docs);
        m.put("termShards", shards);
        m.put("docsPerShard", config.docsPerShard());
        m.put("passagesPerChunk", StaticIndexFormat.PASSAGES_PER_CHUNK);
        m.put("maxVariants", SynonymTable.MAX_VARIANTS);
        m.put("kinds", facets.kinds());
        m.put("years", facets.years());
        m.put("orgCount", facets.orgs().size());
        List<Object> syn = new ArrayList<>();
        synonyms.rules().forEach((k, v) -> syn.add(List.of(k, v)));
        m.put("synonyms", syn);
        return new ObjectMapper().writeValueAsBytes(m);
    }

    // ---------------------------------------------------------------- terms

    /** Term records written to scratch/terms.bin in term order, with their hashes and extents. */
    private static final class TermPass {
        int count;
        int[] hash = new int[1024];
        long[] offset = new long[1025];
        long bytes;

        void add(int h, int length) {
            if (count == hash.length) {
                hash = Arrays.copyOf(hash, count * 2);
                offset = Arrays.copyOf(offset, count * 2 + 1);
            }
            hash[count] = h;
            offset[count] = bytes;
            bytes += length;
            count++;
            offset[count] = bytes;
        }
    }

    /** One field's terms enum with its scorer and norms. */
    private static final class FieldCursor {
        final String field;
        final float weight;
        final TermsEnum terms;
        final CollectionStatistics stats;
        /** Norms of every document (forward-only iterators do not suit term-at-a-time). */
        final long[] norms;
        BytesRef current;
        PostingsEnum postings;

        FieldCursor(String field, float weight, TermsEnum terms, CollectionStatistics stats, LeafReader leaf)
                throws IOException {
            this.field = field;
            this.weight = weight;
            this.terms = terms;
            this.stats = stats;
            this.norms = new long[leaf.maxDoc()];
            Arrays.fill(norms, 1L);
            NumericDocValues nv = leaf.getNormValues(field);
            if (nv != null) {
                for (int d = nv.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = nv.nextDoc()) {
                    norms[d] = nv.longValue();
                }
            }
            this.current = terms.next();
        }
    }

    /** A passage field's terms enum, advanced alongside the term pass. */
    private static final class PassageCursor {
        final TermsEnum terms;
        BytesRef current;
        PostingsEnum postings;

        PassageCursor(Terms t) throws IOException {
            this.terms = t == null ? null : t.iterator();
            this.current = terms == null ? null : terms.next();
        }

        /** Positions to {@code term}; true if the field has it. */
        boolean seek(BytesRef term) throws IOException {
            if (current == null) {
                return false;
            }
            int c = current.compareTo(term);
            if (c < 0) {
                TermsEnum.SeekStatus st = terms.seekCeil(term);
                current = st == TermsEnum.SeekStatus.END ? null : terms.term();
                return st == TermsEnum.SeekStatus.FOUND;
            }
            return c == 0;
        }

        /** For each document without a passage yet ({@code passage[sid] == 0}), the current term's passage + 1. */
        void best(int[] staticId, int[] passage, int[] set, int[] setCount) throws IOException {
            postings = terms.postings(postings, PostingsEnum.FREQS);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                int sid = staticId[doc];
                if (passage[sid] == 0) {
                    // the frequency is the passage + 1 (see PASSAGE_TYPE)
                    passage[sid] = postings.freq();
                    set[setCount[0]++] = sid;
                }
            }
        }
    }

    private TermPass writeTermRecords(DirectoryReader reader, DirectoryReader passageReader, int[] staticId,
            BitSet[] pointed) throws IOException {
        TermPass pass = new TermPass();
        Path file = scratch.resolve("terms.bin");
        if (reader.leaves().isEmpty()) {
            Files.write(file, new byte[0]);
            return pass;
        }
        LeafReader leaf = reader.leaves().get(0).reader();
        IndexSearcher searcher = new IndexSearcher(reader);
        BM25Similarity sim = new BM25Similarity();
        List<FieldCursor> cursors = new ArrayList<>();
        for (int i = 0; i < FIELDS.length; i++) {
            for (String prefix : new String[] {"g_", "r_"}) {
                String f = prefix + FIELDS[i];
                Terms t = leaf.terms(f);
                CollectionStatistics cs = searcher.collectionStatistics(f);
                if (t != null && cs != null) {
                    float w = prefix.equals("g_") ? WEIGHTS[i] : WEIGHTS[i] * READING_WEIGHT;
                    cursors.add(new FieldCursor(f, w, t.iterator(), cs, leaf));
                }
            }
        }
        LeafReader pleaf = passageReader.leaves().get(0).reader();
        // surface first: a reading match shows its passage only where the surface is absent
        PassageCursor[] pcs = {new PassageCursor(pleaf.terms("pg")), new PassageCursor(pleaf.terms("pr"))};
        int maxDoc = reader.maxDoc();
        int[] passage = new int[maxDoc];
        int[] passageSet = new int[maxDoc];
        int[] passageSetCount = new int[1];
        double[] acc = new double[maxDoc];
        int[] touched = new int[maxDoc];
        boolean[] seen = new boolean[maxDoc];
        int k = config.postingsPerTerm();
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            while (true) {
                BytesRef min = null;
                for (FieldCursor c : cursors) {
                    if (c.current != null && (min == null || c.current.compareTo(min) < 0)) {
                        min = c.current;
                    }
                }
                if (min == null) {
                    break;
                }
                BytesRef term = BytesRef.deepCopyOf(min);
                int n = 0;
                for (FieldCursor c : cursors) {
                    if (c.current == null || !c.current.bytesEquals(term)) {
                        continue;
                    }
                    TermStatistics ts = new TermStatistics(term, c.terms.docFreq(), c.terms.totalTermFreq());
                    Similarity.SimScorer scorer = sim.scorer(1f, c.stats, ts);
                    c.postings = c.terms.postings(c.postings, PostingsEnum.FREQS);
                    for (int doc = c.postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = c.postings.nextDoc()) {
                        long norm = c.norms[doc];
                        if (!seen[doc]) {
                            seen[doc] = true;
                            touched[n++] = doc;
                        }
                        acc[doc] += c.weight * scorer.score(c.postings.freq(), norm);
                    }
                    c.current = c.terms.next();
                }
                for (PassageCursor pc : pcs) {
                    if (pc.seek(term)) {
                        pc.best(staticId, passage, passageSet, passageSetCount);
                    }
                }
                rec.reset();
                encodeTerm(rec, term, acc, touched, n, staticId, k, passage, pointed);
                for (int i = 0; i < n; i++) {
                    acc[touched[i]] = 0;
                    seen[touched[i]] = false;
                }
                for (int i = 0; i < passageSetCount[0]; i++) {
                    passage[passageSet[i]] = 0;
                }
                passageSetCount[0] = 0;
                byte[] bytes = rec.toByteArray();
                os.write(bytes);
                pass.add(StaticIndexFormat.fnv1a32(term.utf8ToString()), bytes.length);
            }
        }
        return pass;
    }

    private static void encodeTerm(ByteArrayOutputStream out, BytesRef term, double[] acc, int[] touched, int n,
            int[] staticId, int k, int[] passage, BitSet[] pointed) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = touched[i];
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(acc[b], acc[a]);
            return c != 0 ? c : Integer.compare(staticId[a], staticId[b]);
        });
        int keep = Math.min(k, n);
        int[] ids = new int[keep];
        double max = 0;
        for (int i = 0; i < keep; i++) {
            ids[i] = order[i];
            max = Math.max(max, acc[order[i]]);
        }
        Integer[] byId = new Integer[keep];
        for (int i = 0; i < keep; i++) {
            byId[i] = ids[i];
        }
        Arrays.sort(byId, Comparator.comparingInt(d -> staticId[d]));
        float maxF = (float) max;
        StaticIndexFormat.writeVarint(out, term.length);
        out.write(term.bytes, term.offset, term.length);
        int bits = Float.floatToIntBits(maxF);
        out.write(bits);
        out.write(bits >>> 8);
        out.write(bits >>> 16);
        out.write(bits >>> 24);
        StaticIndexFormat.writeVarint(out, keep);
        int prev = 0;
        for (Integer d : byId) {
            int id = staticId[d];
            StaticIndexFormat.writeVarint(out, id - prev);
            prev = id;
            long q = maxF <= 0 ? 1 : Math.round(255.0 * acc[d] / maxF);
            out.write((int) Math.max(1, Math.min(255, q)));
            // the passage number within the document here; writeTermShards maps it to the stored one
            int p = passage[id];
            StaticIndexFormat.writeVarint(out, p);
            if (p > 0) {
                pointed[id].set(p - 1);
            }
        }
    }

    private int writeTermShards(TermPass pass, Path staging, BitSet[] pointed) throws IOException {
        int shards = 1;
        while (shards < 65536 && pass.bytes / shards > config.targetShardBytes()) {
            shards <<= 1;
        }
        int[] counts = new int[shards + 1];
        for (int i = 0; i < pass.count; i++) {
            counts[(pass.hash[i] & (shards - 1)) + 1]++;
        }
        for (int s = 0; s < shards; s++) {
            counts[s + 1] += counts[s];
        }
        int[] order = new int[pass.count];
        int[] fill = Arrays.copyOf(counts, shards);
        for (int i = 0; i < pass.count; i++) {
            order[fill[pass.hash[i] & (shards - 1)]++] = i;
        }
        Path dir = Files.createDirectories(staging.resolve("t"));
        try (FileChannel ch = FileChannel.open(scratch.resolve("terms.bin"), StandardOpenOption.READ)) {
            for (int s = 0; s < shards; s++) {
                ByteArrayOutputStream shard = new ByteArrayOutputStream();
                StaticIndexFormat.writeVarint(shard, counts[s + 1] - counts[s]);
                for (int j = counts[s]; j < counts[s + 1]; j++) {
                    int t = order[j];
                    ByteBuffer buf = ByteBuffer.allocate((int) (pass.offset[t + 1] - pass.offset[t]));
                    long pos = pass.offset[t];
                    while (buf.hasRemaining()) {
                        int r = ch.read(buf, pos);
                        if (r < 0) {
                            throw new IOException("terms.bin truncated");
                        }
                        pos += r;
                    }
                    remapPassages(buf.array(), shard, pointed);
                }
                Files.write(dir.resolve(StaticIndexFormat.termShardPath(s, shards).substring(2)), shard.toByteArray());
            }
        }
        return shards;
    }

    /** Copies a term record, mapping each posting's passage number to its stored passage + 1. */
    private static void remapPassages(byte[] b, ByteArrayOutputStream out, BitSet[] pointed) {
        int[] pos = {0};
        int len = (int) StaticIndexFormat.readVarint(b, pos);
        int head = pos[0] + len + 4;
        pos[0] = head;
        long count = StaticIndexFormat.readVarint(b, pos);
        out.write(b, 0, pos[0]);
        int doc = 0;
        for (long i = 0; i < count; i++) {
            int start = pos[0];
            doc += (int) StaticIndexFormat.readVarint(b, pos);
            pos[0]++; // q
            out.write(b, start, pos[0] - start);
            int p = (int) StaticIndexFormat.readVarint(b, pos);
            // stored passages are the pointed ones in order, so the stored index is a rank
            StaticIndexFormat.writeVarint(out, p == 0 ? 0 : pointed[doc].get(0, p - 1).cardinality() + 1);
        }
    }

    // ---------------------------------------------------------------- files

    private static String treeHash(Path dir) throws IOException {
        MessageDigest md = digest();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> dir.relativize(p).toString().replace('\\', '/'))).toList();
        }
        for (Path p : files) {
            md.update(dir.relativize(p).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            byte[] content = Files.readAllBytes(p);
            md.update(Long.toString(content.length).getBytes(StandardCharsets.US_ASCII));
            md.update((byte) 0);
            md.update(content);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long treeSize(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (writer.isOpen()) {
                writer.rollback();
            }
            if (passageWriter.isOpen()) {
                passageWriter.rollback();
            }
        } finally {
            gramAnalyzer.close();
            wordAnalyzer.close();
            readings.close();
            directory.close();
            passageDirectory.close();
        }
    }
}

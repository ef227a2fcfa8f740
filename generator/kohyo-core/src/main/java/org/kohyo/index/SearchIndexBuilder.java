package org.kohyo.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
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
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.MultiTerms;
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
 * BM25 scores from Lucene's own {@link BM25Similarity} and collection statistics (the average field
 * length on a grid, {@link GridStatistics}), weighted by field.
 *
 * <p>Fields: {@code g_title} (評価書名 + 事務名), {@code g_head} (見出し), {@code g_org}
 * (評価実施機関 + 所管課), {@code g_body} (本文) with {@link GramAnalyzer}; the same with prefix
 * {@code r_} with {@link ReadingAnalyzer}; {@code w} (title, headings, organization, and the body when
 * {@link SearchConfig#luceneBodyWords()}) with {@link WordAnalyzer} for server-side use; {@code kind}, {@code org_k}, {@code year} keywords; stored metadata.
 *
 * <p>The static output depends only on the set of documents, not on the order of {@link #add}, and
 * each file only on the documents it is about (see the locality of {@link StaticIndexFormat}). The
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
    /** Surface bigrams (index side, synonyms appended), readings, and kuromoji words. */
    private final Analyzer gramAnalyzer;
    private final ReadingAnalyzer readings;
    private final Analyzer wordAnalyzer;
    /** 索引の区分: how many partitions (see {@link #partitions}). */
    private final int partitionCount;
    /** The partition being written, or -1; documents come partition by partition. */
    private int current = -1;
    private Partition open;
    /** Partitions written by this builder, in order. */
    private final List<Integer> written = new ArrayList<>();
    private int added;
    private boolean finished;

    /**
     * One partition while it is written: its Lucene index (published at search/lucene/pNN) and its
     * passage index (fields pg, pr, stored p and url; kept in the build state, never published).
     */
    private final class Partition {
        final Directory lucene;
        final IndexWriter writer;
        final Directory passages;
        final IndexWriter passageWriter;

        Partition(int p) throws IOException {
            Path l = luceneScratch(p);
            Path ps = passageScratch(p);
            deleteTree(l);
            deleteTree(ps);
            this.lucene = ReproducibleLucene.unsynced(Files.createDirectories(l));
            // every field arrives analysed (add(AnalysedDocument)); the writer's analyzer is never used
            this.writer = new IndexWriter(lucene, ReproducibleLucene.configure(new IndexWriterConfig(gramAnalyzer))
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE).setSimilarity(new BM25Similarity()));
            this.passages = ReproducibleLucene.unsynced(Files.createDirectories(ps));
            this.passageWriter = new IndexWriter(passages, ReproducibleLucene.configure(new IndexWriterConfig(gramAnalyzer))
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE));
        }

        /** Merges to one segment and commits. */
        void close() throws IOException {
            try {
                writer.forceMerge(1);
                writer.commit();
                writer.close();
                passageWriter.forceMerge(1);
                passageWriter.commit();
                passageWriter.close();
            } finally {
                lucene.close();
                passages.close();
            }
        }

        void rollback() throws IOException {
            try {
                if (writer.isOpen()) {
                    writer.rollback();
                }
                if (passageWriter.isOpen()) {
                    passageWriter.rollback();
                }
            } finally {
                lucene.close();
                passages.close();
            }
        }
    }

    /**
     * 差分ビルドの指定: the previous build's site and index state, and the partitions to build again
     * (all of their documents are {@link #add}ed; every other partition is taken from the previous
     * build as it is).
     */
    public record Update(Path previousSite, PreviousIndex previous, Set<Integer> rebuilt) {
        /** The previous build's index state directory. */
        Path previousState() {
            return previous.dir;
        }
    }

    /** The index state a previous build left (see {@link IndexState}), read once. */
    public static final class PreviousIndex {
        private final Path dir;
        private final IndexState state;

        private PreviousIndex(Path dir, IndexState state) {
            this.dir = dir;
            this.state = state;
        }

        /**
         * Whether a 差分ビルド can start from it: it is of {@code partitions} partitions and describes
         * the static index generation {@code generation} (search/i-GEN/ of the previous output).
         * Otherwise the caller rebuilds every partition.
         */
        public boolean describes(int partitions, String generation) {
            return state.partitions() == partitions && ("search/" + state.generation() + "/").equals(generation);
        }
    }

    /** The index state in {@code stateDir}, or null when there is none that can be read. */
    public static PreviousIndex previousIndex(Path stateDir) {
        IndexState s = IndexState.read(stateDir);
        return s == null ? null : new PreviousIndex(stateDir, s);
    }

    /** The previous build to start from, or null for a full build. */
    private final Update update;
    /** A builder of a one-partition index. */
    public SearchIndexBuilder(SearchConfig config, Path scratchDir) throws IOException {
        this(config, scratchDir, 1, null);
    }

    /** A full build of an index of {@code partitions} partitions. */
    public SearchIndexBuilder(SearchConfig config, Path scratchDir, int partitions) throws IOException {
        this(config, scratchDir, partitions, null);
    }

    /**
     * @param partitions the partition count, a power of two ({@link #partitions} of the document count)
     * @param update     the previous build to start from (差分ビルド), or null
     */
    public SearchIndexBuilder(SearchConfig config, Path scratchDir, int partitions, Update update) throws IOException {
        if (partitions < 1 || Integer.bitCount(partitions) != 1) {
            throw new IllegalArgumentException("partitions must be a power of two: " + partitions);
        }
        this.update = update;
        this.config = config;
        this.synonyms = SynonymTable.parse(config.synonymLines());
        this.scratch = scratchDir;
        this.partitionCount = partitions;
        deleteTree(scratchDir.resolve("lucene"));
        deleteTree(scratchDir.resolve("passages"));
        this.gramAnalyzer = new GramAnalyzer(synonyms);
        this.readings = new ReadingAnalyzer();
        this.wordAnalyzer = WordAnalyzer.create(config.synonymLines(), true);
    }

    private Path luceneScratch(int p) {
        return scratch.resolve("lucene").resolve(partitionName(p, partitionCount));
    }

    private Path passageScratch(int p) {
        return scratch.resolve("passages").resolve(partitionName(p, partitionCount));
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
        TermCounts.Collector bodyGrams = new TermCounts.Collector();
        TermCounts.Collector bodyReadings = new TermCounts.Collector();
        passageTerms(gramAnalyzer, "g_body", parts, bodyGrams);
        passageTerms(readings, "r_body", parts, bodyReadings);
        grams[3] = bodyGrams.done();
        reads[3] = bodyReadings.done();
        TermCounts words = TermCounts.of(wordAnalyzer, "w",
                config.luceneBodyWords() ? title + "\n" + head + "\n" + org + "\n" + body : title + "\n" + head + "\n" + org);
        List<String> passages = new ArrayList<>(parts.size());
        for (List<String> p : parts) {
            passages.add(String.join("", p));
        }
        return new AnalysedDocument(d, snippetSource(body, config.snippetChars()), grams, reads, words, List.copyOf(passages),
                bodyGrams.bestPassages(), bodyReadings.bestPassages());
    }

    /**
     * Analyses the body part by part into {@code into}, passage by passage: its counts are the
     * body field's, and it knows each term's passage of most occurrences.
     */
    private static void passageTerms(Analyzer a, String field, List<List<String>> parts, TermCounts.Collector into) {
        for (List<String> passage : parts) {
            into.passage();
            for (String part : passage) {
                into.add(a, field, part.strip());
            }
        }
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
        int p = partitionOf(d.url(), partitionCount);
        if (update != null && !update.rebuilt().contains(p)) {
            throw new IllegalStateException("partition " + p + " is taken from the previous build: " + d.url());
        }
        if (p != current) {
            if (p < current) {
                throw new IllegalStateException("documents must come partition by partition: " + d.url());
            }
            if (open != null) {
                open.close();
            }
            open = new Partition(p);
            current = p;
            written.add(p);
        }
        IndexWriter writer = open.writer;
        IndexWriter passageWriter = open.passageWriter;
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
        for (String passage : a.passages) {
            pd.add(new StoredField("p", passage));
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

    /** Documents per partition that {@link #partitions} aims at. */
    public static final int DOCUMENTS_PER_PARTITION = 256;

    /**
     * 索引の区分: how many partitions the index of this many documents has — a power of two, about
     * {@link #DOCUMENTS_PER_PARTITION} documents each. A document's partition follows from its URL
     * ({@link #partitionOf}), so a 差分ビルド re-analyses and rewrites only the partitions of the
     * documents that changed.
     */
    public static int partitions(int documents) {
        return partitions(documents, DOCUMENTS_PER_PARTITION);
    }

    /** {@link #partitions(int)} for another partition size (tests use small ones). */
    public static int partitions(int documents, int perPartition) {
        int p = 1;
        while (p < 256 && (long) p * perPartition < documents) {
            p <<= 1;
        }
        return p;
    }

    /** The directory name of partition {@code p}: "p" and hex digits, as wide as the largest. */
    static String partitionName(int p, int partitions) {
        String hex = Integer.toHexString(p);
        int width = Integer.toHexString(partitions - 1).length();
        return "p" + "0".repeat(width - hex.length()) + hex;
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
        return finish(siteRoot, null);
    }

    /**
     * Writes search/lucene/ (one Lucene index per partition, pNN/) and the static index under
     * {@code siteRoot/search/}, replacing what was there, and, when {@code state} is given, the
     * build state that a later 差分ビルド starts from (see {@link IndexState}) into that new
     * directory. Can be called once.
     */
    public SearchIndexResult finish(Path siteRoot, Path state) throws IOException {
        if (finished) {
            throw new IllegalStateException("finish() was called");
        }
        finished = true;
        if (open != null) {
            open.close();
            open = null;
        }
        Path out = siteRoot.resolve("search");
        deleteTree(out);
        Files.createDirectories(out);
        try (Staging staging = new Staging(out.resolve(".staging"))) {
            return finish(out, staging, state);
        }
    }

    private SearchIndexResult finish(Path out, Staging staging, Path state) throws IOException {
        IndexState previous = update == null ? null : update.previous().state;
        if (previous != null) {
            staging.reuse(update.previousSite().resolve("search").resolve(previous.generation()), previous.digests());
        }
        // each partition's Lucene and passage index: built now, or the previous build's
        List<Integer> present = new ArrayList<>();
        List<DirectoryReader> luceneParts = new ArrayList<>();
        List<DirectoryReader> passageParts = new ArrayList<>();
        try {
            for (int p = 0; p < partitionCount; p++) {
                Path lucene = luceneOf(p);
                if (lucene != null && Files.isDirectory(lucene)) {
                    present.add(p);
                    luceneParts.add(DirectoryReader.open(FSDirectory.open(lucene)));
                    passageParts.add(DirectoryReader.open(FSDirectory.open(passagesOf(p))));
                }
            }
            try (MultiReader reader = new MultiReader(luceneParts.toArray(new IndexReader[0]), false);
                 MultiReader passageReader = new MultiReader(passageParts.toArray(new IndexReader[0]), false)) {
                if (passageReader.maxDoc() != reader.maxDoc()) {
                    throw new IllegalStateException("passage index out of step");
                }
                List<DocInfo> docs = readDocs(reader);
                docs.sort(DOC_ORDER);
                int maxDoc = reader.maxDoc();
                int[] staticId = new int[maxDoc];
                List<String> urls = new ArrayList<>(docs.size());
                for (int i = 0; i < docs.size(); i++) {
                    staticId[docs.get(i).luceneId] = i;
                    urls.add(docs.get(i).url());
                }
                String[] passageKeys = passageKeys(docs);
                Map<String, long[]> stats = fieldStatistics(reader);
                int shards = StaticIndexFormat.termShardCount(docs.size(), config.targetShardBytes());
                BitSet[] storedPassages;
                int termCount;
                Local local = previous != null && previous.sameBasis(partitionCount, urls, stats)
                        ? Local.of(update, previous, partitionCount, this::luceneScratch, this::passageScratch) : null;
                if (local != null) {
                    storedPassages = deriveLocally(local, reader, passageReader, docs, staticId, passageKeys, shards, staging);
                    termCount = local.termCount;
                } else {
                    storedPassages = new BitSet[docs.size()];
                    for (int i = 0; i < storedPassages.length; i++) {
                        storedPassages[i] = new BitSet();
                        storedPassages[i].set(0); // the opening passage
                    }
                    TermPass terms = writeTermRecords(reader, passageReader, staticId, storedPassages);
                    writePassages(docs, passageKeys, passageReader, storedPassages, i -> false, staging, null);
                    writeTermShards(terms, shards, staging);
                    termCount = terms.count;
                }
                Facets facets = writeDocTable(docs, passageKeys, storedPassages, staging);
                writeAffairs(docs, staging);
                SortedMap<String, String> digests = staging.contentDigests();
                String gen = StaticIndexFormat.generationName(digests);
                Files.move(staging.dir(), out.resolve(gen));
                byte[] manifest = manifest(gen, docs.size(), shards, facets);
                String manifestName = "manifest-" + StaticIndexFormat.sha256Hex(manifest).substring(0, 16) + ".json";
                Files.write(out.resolve(manifestName), manifest);
                long staticBytes = staging.bytes() + manifest.length;
                long luceneBytes = 0;
                Path luceneOut = Files.createDirectories(out.resolve("lucene"));
                for (int p : present) {
                    String name = partitionName(p, partitionCount);
                    Path to = Files.createDirectories(luceneOut.resolve(name));
                    if (built(p)) {
                        try (Directory from = FSDirectory.open(luceneScratch(p)); Directory target = ReproducibleLucene.unsynced(to)) {
                            luceneBytes += ReproducibleLucene.publish(from, target);
                        }
                    } else {
                        luceneBytes += linkFiles(luceneOf(p), to);
                    }
                }
                if (state != null) {
                    for (int p : present) {
                        Path to = Files.createDirectories(IndexState.passages(state, partitionName(p, partitionCount)));
                        linkFiles(passagesOf(p), to);
                    }
                    List<BitSet> stored = new ArrayList<>(storedPassages.length);
                    for (BitSet b : storedPassages) {
                        stored.add(b);
                    }
                    new IndexState(partitionCount, urls, stats, stored, gen, new TreeMap<>(digests)).write(state);
                }
                int docShards = (docs.size() + config.docsPerShard() - 1) / config.docsPerShard();
                return new SearchIndexResult("search/" + manifestName, "search/" + gen + "/", "search/lucene/",
                        docs.size(), termCount, shards, docShards, staticBytes, luceneBytes, local != null);
            }
        } finally {
            for (DirectoryReader r : luceneParts) {
                r.close();
            }
            for (DirectoryReader r : passageParts) {
                r.close();
            }
            Files.deleteIfExists(scratch.resolve("terms.bin"));
            deleteTree(scratch.resolve("passages"));
            deleteTree(scratch.resolve("lucene"));
        }
    }

    /** Whether partition {@code p}'s index is built by this builder (not taken from the previous build). */
    private boolean built(int p) {
        return update == null || update.rebuilt().contains(p);
    }

    /** Partition {@code p}'s Lucene index: the one built now, or the previous build's published one. */
    private Path luceneOf(int p) {
        return built(p) ? (written.contains(p) ? luceneScratch(p) : null)
                : update.previousSite().resolve("search/lucene").resolve(partitionName(p, partitionCount));
    }

    /** Partition {@code p}'s passage index: the one built now, or the previous build's (in its state). */
    private Path passagesOf(int p) {
        return built(p) ? passageScratch(p) : IndexState.passages(update.previousState(), partitionName(p, partitionCount));
    }

    /** Hard-links (or copies) every file of a directory into another; returns the bytes. */
    private static long linkFiles(Path from, Path to) throws IOException {
        long bytes = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(from)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            Path t = to.resolve(f.getFileName().toString());
            link(f, t);
            bytes += Files.size(f);
        }
        return bytes;
    }

    /** Hard-links (or, where the file system has none, copies) one file; {@code to}'s directory exists. */
    private static void link(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(from, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** Per scored field: maxDoc, docCount and the gridded sumTotalTermFreq (what the scores depend on). */
    private static Map<String, long[]> fieldStatistics(IndexReader reader) throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        Map<String, long[]> out = new TreeMap<>();
        for (String f : scoredFields()) {
            CollectionStatistics cs = searcher.collectionStatistics(f);
            if (cs != null) {
                CollectionStatistics g = GridStatistics.of(cs);
                out.put(f, new long[] {g.maxDoc(), g.docCount(), g.sumTotalTermFreq()});
            }
        }
        return out;
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

    private static List<DocInfo> readDocs(IndexReader reader) throws IOException {
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

    /** Each document's passage key ({@link StaticIndexFormat#passageKey}), by static id; fails on a collision. */
    private static String[] passageKeys(List<DocInfo> docs) {
        String[] keys = new String[docs.size()];
        Map<String, String> urlByKey = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            String url = docs.get(i).url();
            keys[i] = StaticIndexFormat.passageKey(url);
            String other = urlByKey.putIfAbsent(keys[i], url);
            if (other != null) {
                throw new IllegalStateException("two documents share the passage key " + keys[i] + ": " + other + " and " + url);
            }
        }
        return keys;
    }

    private record Facets(List<String> kinds, List<String> years, List<String> orgs) {}

    /**
     * Writes each document's stored passages (its opening passage and every passage a kept posting
     * points to, ascending), {@link StaticIndexFormat#PASSAGES_PER_CHUNK} to a file
     * p/KEY-C.json.
     */
    private static void writePassages(List<DocInfo> docs, String[] passageKeys, IndexReader passageReader,
            BitSet[] storedPassages, java.util.function.IntPredicate unchanged, Staging staging, Local local) throws IOException {
        ObjectMapper json = new ObjectMapper();
        StoredFields stored = passageReader.storedFields();
        int k = StaticIndexFormat.PASSAGES_PER_CHUNK;
        // in the passage index's order: its stored fields are compressed in blocks of documents,
        // read one after the other (each document's files are its own, so the order is free)
        Integer[] byLuceneId = new Integer[docs.size()];
        for (int i = 0; i < byLuceneId.length; i++) {
            byLuceneId[i] = i;
        }
        Arrays.sort(byLuceneId, Comparator.comparingInt(i -> docs.get(i).luceneId()));
        for (int i : byLuceneId) {
            if (unchanged.test(i)) {
                // the same passages as in the previous build: its files as they are
                int chunks = (storedPassages[i].cardinality() + k - 1) / k;
                for (int chunk = 0; chunk < chunks; chunk++) {
                    String path = StaticIndexFormat.passageChunkPath(passageKeys[i], chunk);
                    staging.keep(path, local.previousGeneration.resolve(path), local.previous.digests().get(path));
                }
                continue;
            }
            DocInfo d = docs.get(i);
            Document pd = stored.document(d.luceneId());
            if (!d.url().equals(pd.get("url"))) {
                throw new IllegalStateException("passage index out of step at " + d.url());
            }
            String[] ps = pd.getValues("p");
            List<String> texts = new ArrayList<>(storedPassages[i].cardinality());
            for (int p = storedPassages[i].nextSetBit(0); p >= 0; p = storedPassages[i].nextSetBit(p + 1)) {
                // an empty body has no passage 0: its opening passage is empty
                texts.add(p < ps.length ? ps[p] : "");
            }
            for (int chunk = 0; chunk * k < texts.size(); chunk++) {
                List<String> part = texts.subList(chunk * k, Math.min(texts.size(), chunk * k + k));
                staging.write(StaticIndexFormat.passageChunkPath(passageKeys[i], chunk), json.writeValueAsBytes(part));
            }
        }
    }

    // ---------------------------------------------------------------- 差分ビルド

    /**
     * A local derivation (差分ビルド): the previous build's state and static index, and what the rebuilt
     * partitions changed — the terms whose postings differ (or touch a document whose length
     * changed) in any scored or passage field, and the documents whose passage texts differ.
     */
    private static final class Local {
        final IndexState previous;
        final Path previousGeneration;
        final java.util.TreeSet<BytesRef> affected = new java.util.TreeSet<>();
        final java.util.Set<String> passagesChanged = new java.util.HashSet<>();
        int termCount;

        private Local(IndexState previous, Path previousGeneration) {
            this.previous = previous;
            this.previousGeneration = previousGeneration;
        }

        /** The local derivation, or null when the rebuilt partitions hold other documents than before. */
        static Local of(Update update, IndexState previous, int partitions, java.util.function.IntFunction<Path> luceneScratch,
                java.util.function.IntFunction<Path> passageScratch) throws IOException {
            Path gen = update.previousSite().resolve("search").resolve(previous.generation());
            if (!Files.isDirectory(gen)) {
                return null;
            }
            Local local = new Local(previous, gen);
            for (int p : new TreeSet<>(update.rebuilt())) {
                String name = partitionName(p, partitions);
                Path oldLucene = update.previousSite().resolve("search/lucene").resolve(name);
                Path newLucene = luceneScratch.apply(p);
                boolean had = Files.isDirectory(oldLucene);
                boolean has = Files.isDirectory(newLucene);
                if (had != has) {
                    return null;
                }
                if (!has) {
                    continue;
                }
                try (DirectoryReader oldR = DirectoryReader.open(FSDirectory.open(oldLucene));
                     DirectoryReader newR = DirectoryReader.open(FSDirectory.open(newLucene));
                     DirectoryReader oldP = DirectoryReader.open(FSDirectory.open(IndexState.passages(update.previousState(), name)));
                     DirectoryReader newP = DirectoryReader.open(FSDirectory.open(passageScratch.apply(p)))) {
                    if (!local.compare(oldR, newR, oldP, newP)) {
                        return null;
                    }
                }
            }
            return local;
        }

        /** Compares one partition before and after; false when its documents are not the same ones. */
        private boolean compare(IndexReader oldR, IndexReader newR, IndexReader oldP, IndexReader newP) throws IOException {
            int n = oldR.maxDoc();
            if (n != newR.maxDoc() || oldP.maxDoc() != n || newP.maxDoc() != n) {
                return false;
            }
            StoredFields so = oldR.storedFields();
            StoredFields sn = newR.storedFields();
            StoredFields po = oldP.storedFields();
            StoredFields pn = newP.storedFields();
            String[] urls = new String[n];
            for (int d = 0; d < n; d++) {
                urls[d] = so.document(d).get("url");
                if (urls[d] == null || !urls[d].equals(sn.document(d).get("url"))) {
                    return false;
                }
                if (!Arrays.equals(po.document(d).getValues("p"), pn.document(d).getValues("p"))) {
                    passagesChanged.add(urls[d]);
                }
            }
            for (String f : scoredFields()) {
                long[] before = norms(oldR, f);
                long[] after = norms(newR, f);
                boolean[] resized = new boolean[n];
                for (int d = 0; d < n; d++) {
                    resized[d] = before[d] != after[d];
                }
                compareTerms(MultiTerms.getTerms(oldR, f), MultiTerms.getTerms(newR, f), resized);
            }
            for (String f : new String[] {"pg", "pr"}) {
                compareTerms(MultiTerms.getTerms(oldP, f), MultiTerms.getTerms(newP, f), null);
            }
            return true;
        }

        /** Adds to {@link #affected} every term whose postings differ, or that a resized document has. */
        private void compareTerms(Terms before, Terms after, boolean[] resized) throws IOException {
            TermsEnum a = before == null ? null : before.iterator();
            TermsEnum b = after == null ? null : after.iterator();
            BytesRef ta = a == null ? null : a.next();
            BytesRef tb = b == null ? null : b.next();
            PostingsEnum pa = null;
            PostingsEnum pb = null;
            while (ta != null || tb != null) {
                int c = ta == null ? 1 : tb == null ? -1 : ta.compareTo(tb);
                if (c < 0) {
                    affected.add(BytesRef.deepCopyOf(ta));
                    ta = a.next();
                } else if (c > 0) {
                    affected.add(BytesRef.deepCopyOf(tb));
                    tb = b.next();
                } else {
                    pa = a.postings(pa, PostingsEnum.FREQS);
                    pb = b.postings(pb, PostingsEnum.FREQS);
                    boolean differ = false;
                    while (true) {
                        int da = pa.nextDoc();
                        int db = pb.nextDoc();
                        if (da != db) {
                            differ = true;
                            break;
                        }
                        if (da == DocIdSetIterator.NO_MORE_DOCS) {
                            break;
                        }
                        if (pa.freq() != pb.freq() || (resized != null && resized[da])) {
                            differ = true;
                            break;
                        }
                    }
                    if (differ) {
                        affected.add(BytesRef.deepCopyOf(ta));
                    }
                    ta = a.next();
                    tb = b.next();
                }
            }
        }

        private static long[] norms(IndexReader r, String field) throws IOException {
            long[] out = new long[r.maxDoc()];
            NumericDocValues nv = MultiDocValues.getNormValues(r, field);
            if (nv != null) {
                for (int d = nv.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = nv.nextDoc()) {
                    out[d] = nv.longValue();
                }
            }
            return out;
        }
    }

    /**
     * Derives the static index from the previous one: the records of the affected terms anew, the term
     * shards that hold one of them rewritten (every other shard kept), the passage files of the
     * documents whose stored passages or texts changed rewritten (every other kept). Returns each
     * document's stored passages. The result is what a full derivation writes: a term's record
     * depends only on its postings and the (unchanged) statistics, and a shard only on its records.
     */
    private BitSet[] deriveLocally(Local local, IndexReader reader, IndexReader passageReader, List<DocInfo> docs,
            int[] staticId, String[] passageKeys, int shards, Staging staging) throws IOException {
        TreeMap<BytesRef, byte[]> records = new TreeMap<>();
        BitSet[] marks = new BitSet[docs.size()];
        for (int i = 0; i < marks.length; i++) {
            marks[i] = new BitSet();
        }
        java.util.Iterator<BytesRef> wanted = local.affected.iterator();
        computeTermRecords(reader, passageReader, () -> wanted.hasNext() ? wanted.next() : null, staticId, marks,
                (term, record) -> records.put(BytesRef.deepCopyOf(term), record));
        Map<Integer, List<BytesRef>> byShard = new HashMap<>();
        for (BytesRef t : local.affected) {
            byShard.computeIfAbsent(StaticIndexFormat.shardOf(t.utf8ToString(), shards), k -> new ArrayList<>()).add(t);
        }
        BitSet[] stored = new BitSet[docs.size()];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = new BitSet();
            stored[i].set(0); // the opening passage
        }
        int terms = 0;
        for (int s = 0; s < shards; s++) {
            String path = StaticIndexFormat.termShardPath(s, shards);
            Path before = local.previousGeneration.resolve(path);
            byte[] old = Files.readAllBytes(before);
            byte[] now;
            List<BytesRef> changed = byShard.get(s);
            if (changed == null) {
                staging.keep(path, before, local.previous.digests().get(path));
                now = old;
            } else {
                TreeMap<BytesRef, byte[]> shard = parseShard(old);
                for (BytesRef t : changed) {
                    shard.remove(t);
                    byte[] r = records.get(t);
                    if (r != null) {
                        shard.put(t, r);
                    }
                }
                ByteArrayOutputStream o = new ByteArrayOutputStream(old.length + 256);
                StaticIndexFormat.writeVarint(o, shard.size());
                for (byte[] r : shard.values()) {
                    o.write(r, 0, r.length);
                }
                now = o.toByteArray();
                staging.write(path, now);
            }
            terms += markStored(now, stored);
        }
        local.termCount = terms;
        List<BitSet> previousStored = local.previous.stored();
        writePassages(docs, passageKeys, passageReader, stored,
                i -> stored[i].equals(previousStored.get(i)) && !local.passagesChanged.contains(docs.get(i).url()), staging, local);
        return stored;
    }

    /** A term shard's records by term (see {@link StaticIndexFormat}). */
    static TreeMap<BytesRef, byte[]> parseShard(byte[] b) {
        TreeMap<BytesRef, byte[]> out = new TreeMap<>();
        int[] pos = {0};
        long count = StaticIndexFormat.readVarint(b, pos);
        for (long t = 0; t < count; t++) {
            int start = pos[0];
            int len = (int) StaticIndexFormat.readVarint(b, pos);
            BytesRef term = new BytesRef(Arrays.copyOfRange(b, pos[0], pos[0] + len));
            pos[0] += len + 4;
            long postings = StaticIndexFormat.readVarint(b, pos);
            for (long i = 0; i < postings; i++) {
                StaticIndexFormat.readVarint(b, pos);
                pos[0]++;
                StaticIndexFormat.readVarint(b, pos);
            }
            out.put(term, Arrays.copyOfRange(b, start, pos[0]));
        }
        return out;
    }

    /** Marks in {@code stored} the passage each posting of a term shard points to; returns its term count. */
    static int markStored(byte[] b, BitSet[] stored) {
        int[] pos = {0};
        long count = StaticIndexFormat.readVarint(b, pos);
        for (long t = 0; t < count; t++) {
            int len = (int) StaticIndexFormat.readVarint(b, pos);
            pos[0] += len + 4;
            long postings = StaticIndexFormat.readVarint(b, pos);
            int doc = 0;
            for (long i = 0; i < postings; i++) {
                doc += (int) StaticIndexFormat.readVarint(b, pos);
                pos[0]++;
                int p = (int) StaticIndexFormat.readVarint(b, pos);
                if (p > 0) {
                    stored[doc].set(p - 1);
                }
            }
        }
        return (int) count;
    }

    private Facets writeDocTable(List<DocInfo> docs, String[] passageKeys, BitSet[] storedPassages, Staging staging)
            throws IOException {
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
        int per = config.docsPerShard();
        for (int start = 0; start < docs.size(); start += per) {
            List<Object> rows = new ArrayList<>();
            for (int i = start; i < Math.min(docs.size(), start + per); i++) {
                DocInfo d = docs.get(i);
                rows.add(Arrays.asList(d.url(), d.title(), d.affair(), kinds.indexOf(d.kind()), d.org(), d.dept(),
                        d.date(), passageKeys[i], storedPassages[i].stream().toArray()));
            }
            staging.write("d/" + (start / per) + ".json", json.writeValueAsBytes(rows));
        }
        // one file per facet, so that a filter downloads only the column it tests
        byte[] kindCol = new byte[docs.size()];
        byte[] yearCol = new byte[docs.size()];
        ByteBuffer orgCol = ByteBuffer.allocate(docs.size() * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < docs.size(); i++) {
            DocInfo d = docs.get(i);
            kindCol[i] = (byte) kinds.indexOf(d.kind());
            yearCol[i] = (byte) (d.date() == null ? 0 : years.indexOf(d.date().substring(0, 4)) + 1);
            orgCol.putShort((short) Collections.binarySearch(orgs, d.org()));
        }
        staging.write("f/kind.bin", kindCol);
        staging.write("f/year.bin", yearCol);
        staging.write("f/org.bin", orgCol.array());
        staging.write("orgs.json", json.writeValueAsBytes(orgs));
        return new Facets(kinds, years, orgs);
    }

    private void writeAffairs(List<DocInfo> docs, Staging staging) throws IOException {
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
        staging.write("affairs.json", new ObjectMapper().writeValueAsBytes(rows));
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
    /**
     * Stops a pool of this builder and waits for what it is still doing (a file being written), so
     * that nothing writes into the scratch or staging directories after a failed build deletes them.
     */
    private static void shutDown(java.util.concurrent.ExecutorService pool) {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES)) {
                throw new IllegalStateException("index writer threads did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The result of work on another thread of this builder; its failure as thrown there. */
    private static <T> T await(java.util.concurrent.Future<T> work) throws IOException {
        try {
            return work.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while building the search index");
        }
    }

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

    /** The terms whose records to compute, in ascending UTF-8 byte order. */
    @FunctionalInterface
    interface TermSelection {
        /** The next term, or null after the last. The caller may keep it. */
        BytesRef next() throws IOException;
    }

    /** Receives the record of each computed term, in term order. */
    @FunctionalInterface
    interface TermRecordSink {
        void accept(BytesRef term, byte[] record) throws IOException;
    }

    /** A field's terms enum that follows an ascending sequence of wanted terms. */
    static class TermCursor {
        final TermsEnum terms;
        BytesRef current;

        TermCursor(Terms t) throws IOException {
            this.terms = t == null ? null : t.iterator();
            this.current = terms == null ? null : terms.next();
        }

        /**
         * Positions on {@code term} if the field has it (true) or past it (false). Terms must come in
         * ascending order; when every term of the field is asked for, this only ever steps with next().
         */
        boolean seek(BytesRef term) throws IOException {
            if (current != null && current.compareTo(term) < 0) {
                TermsEnum.SeekStatus st = terms.seekCeil(term);
                current = st == TermsEnum.SeekStatus.END ? null : terms.term();
            }
            return current != null && current.bytesEquals(term);
        }

        /** Moves past the term {@link #seek} found. */
        void advance() throws IOException {
            current = terms.next();
        }
    }

    /** One scored field's cursor with its weight, gridded statistics and norms. */
    private static final class FieldCursor extends TermCursor {
        final float weight;
        final CollectionStatistics stats;
        /** Norms of every document (forward-only iterators do not suit term-at-a-time). */
        final long[] norms;
        PostingsEnum postings;

        FieldCursor(String field, float weight, Terms terms, CollectionStatistics stats, IndexReader reader)
                throws IOException {
            super(terms);
            this.weight = weight;
            this.stats = stats;
            this.norms = new long[reader.maxDoc()];
            Arrays.fill(norms, 1L);
            NumericDocValues nv = MultiDocValues.getNormValues(reader, field);
            if (nv != null) {
                for (int d = nv.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = nv.nextDoc()) {
                    norms[d] = nv.longValue();
                }
            }
        }
    }

    /** A passage field's cursor (pg or pr of the scratch passage index). */
    private static final class PassageCursor extends TermCursor {
        PostingsEnum postings;

        PassageCursor(Terms t) throws IOException {
            super(t);
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

    /** The scored fields: g_ and r_ of each of {@link #FIELDS}. */
    static List<String> scoredFields() {
        List<String> out = new ArrayList<>();
        for (String f : FIELDS) {
            out.add("g_" + f);
            out.add("r_" + f);
        }
        return out;
    }

    /** Every term of the scored fields, ascending: the full build's selection. */
    private static TermSelection allTerms(IndexReader reader) throws IOException {
        return allTerms(reader, null, null);
    }

    /** Every term of the scored fields from {@code from} (inclusive, null: the first) to {@code to} (exclusive, null: past the last). */
    private static TermSelection allTerms(IndexReader reader, BytesRef from, BytesRef to) throws IOException {
        List<TermCursor> fields = new ArrayList<>();
        for (String f : scoredFields()) {
            TermCursor c = new TermCursor(MultiTerms.getTerms(reader, f));
            if (from != null && c.current != null) {
                c.seek(from);
            }
            if (c.current != null) {
                fields.add(c);
            }
        }
        return () -> {
            BytesRef min = null;
            for (TermCursor c : fields) {
                if (c.current != null && (min == null || c.current.compareTo(min) < 0)) {
                    min = c.current;
                }
            }
            if (min == null || to != null && min.compareTo(to) >= 0) {
                return null;
            }
            BytesRef term = BytesRef.deepCopyOf(min);
            for (TermCursor c : fields) {
                if (c.current != null && c.current.bytesEquals(term)) {
                    c.advance();
                }
            }
            return term;
        };
    }

    /**
     * Where to cut the term space into {@code chunks} ranges of about equal work: quantiles of the
     * body terms of the first partition (any cut gives the same records; this one balances them).
     */
    private static List<BytesRef> termBounds(IndexReader reader, int chunks) throws IOException {
        List<BytesRef> sample = new ArrayList<>();
        Terms t = reader.leaves().get(0).reader().terms("g_body");
        if (t != null) {
            TermsEnum e = t.iterator();
            for (BytesRef b = e.next(); b != null; b = e.next()) {
                sample.add(BytesRef.deepCopyOf(b));
            }
        }
        List<BytesRef> bounds = new ArrayList<>();
        for (int c = 1; c < chunks && sample.size() >= chunks; c++) {
            BytesRef b = sample.get((int) ((long) sample.size() * c / chunks));
            if (bounds.isEmpty() || bounds.get(bounds.size() - 1).compareTo(b) < 0) {
                bounds.add(b);
            }
        }
        return bounds;
    }

    /**
     * Computes the records of all terms into scratch/terms.bin (see {@link #computeTermRecords}):
     * ranges of the term space on every core, each into a file of its own, joined in term order.
     */
    private TermPass writeTermRecords(IndexReader reader, IndexReader passageReader, int[] staticId,
            BitSet[] storedPassages) throws IOException {
        TermPass pass = new TermPass();
        Path file = scratch.resolve("terms.bin");
        if (reader.leaves().isEmpty()) {
            Files.write(file, new byte[0]);
            return pass;
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        List<BytesRef> bounds = threads == 1 ? List.of() : termBounds(reader, 4 * threads);
        int chunks = bounds.size() + 1;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(threads, chunks), r -> {
            Thread th = new Thread(r, "kohyo-term-records");
            th.setDaemon(true);
            return th;
        });
        try {
            List<java.util.concurrent.Future<TermPass>> parts = new ArrayList<>();
            List<BitSet[]> marks = new ArrayList<>();
            for (int c = 0; c < chunks; c++) {
                BytesRef from = c == 0 ? null : bounds.get(c - 1);
                BytesRef to = c == chunks - 1 ? null : bounds.get(c);
                Path part = scratch.resolve("terms-" + c + ".bin");
                // BitSets are not safe for concurrent writers: each range marks its own
                BitSet[] stored = new BitSet[storedPassages.length];
                for (int i = 0; i < stored.length; i++) {
                    stored[i] = new BitSet();
                }
                marks.add(stored);
                parts.add(pool.submit(() -> {
                    TermPass p = new TermPass();
                    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
                        computeTermRecords(reader, passageReader, allTerms(reader, from, to), staticId, stored, (term, record) -> {
                            os.write(record);
                            p.add(StaticIndexFormat.fnv1a32(term.utf8ToString()), record.length);
                        });
                    }
                    return p;
                }));
            }
            try (java.nio.channels.FileChannel joined = java.nio.channels.FileChannel.open(file,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                for (int c = 0; c < chunks; c++) {
                    TermPass p = await(parts.get(c));
                    for (int i = 0; i < p.count; i++) {
                        pass.add(p.hash[i], (int) (p.offset[i + 1] - p.offset[i]));
                    }
                    Path part = scratch.resolve("terms-" + c + ".bin");
                    try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(part, StandardOpenOption.READ)) {
                        long size = in.size();
                        for (long at = 0; at < size; ) {
                            at += in.transferTo(at, size - at, joined);
                        }
                    }
                    Files.delete(part);
                    BitSet[] stored = marks.get(c);
                    for (int i = 0; i < stored.length; i++) {
                        storedPassages[i].or(stored[i]);
                    }
                }
            }
        } finally {
            shutDown(pool);
        }
        return pass;
    }

    /**
     * 語の記録: computes the static index record (see {@link StaticIndexFormat}) of each selected term
     * and hands it to {@code sink}, in term order; a selected term that no scored field has gets no
     * record. A document's score for a term adds, over the scored fields, the field's weight times
     * Lucene's BM25 with the field's {@link GridStatistics}; the {@code postingsPerTerm} best documents
     * are kept, each with its densest passage. Marks in {@code storedPassages[staticId]} the passage
     * each kept posting points to. The records depend on the index's term and collection statistics,
     * not on which other terms are selected, so the same method serves a subset of the terms.
     */
    private void computeTermRecords(IndexReader reader, IndexReader passageReader, TermSelection selection, int[] staticId,
            BitSet[] storedPassages, TermRecordSink sink) throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        BM25Similarity sim = new BM25Similarity();
        List<FieldCursor> cursors = new ArrayList<>();
        for (int i = 0; i < FIELDS.length; i++) {
            for (String prefix : new String[] {"g_", "r_"}) {
                String f = prefix + FIELDS[i];
                Terms t = MultiTerms.getTerms(reader, f);
                CollectionStatistics cs = searcher.collectionStatistics(f);
                if (t != null && cs != null) {
                    float w = prefix.equals("g_") ? WEIGHTS[i] : WEIGHTS[i] * READING_WEIGHT;
                    cursors.add(new FieldCursor(f, w, t, GridStatistics.of(cs), reader));
                }
            }
        }
        // surface first: a reading match shows its passage only where the surface is absent
        PassageCursor[] pcs = {new PassageCursor(MultiTerms.getTerms(passageReader, "pg")),
            new PassageCursor(MultiTerms.getTerms(passageReader, "pr"))};
        int maxDoc = reader.maxDoc();
        int[] passage = new int[maxDoc];
        int[] passageSet = new int[maxDoc];
        int[] passageSetCount = new int[1];
        double[] acc = new double[maxDoc];
        int[] touched = new int[maxDoc];
        boolean[] seen = new boolean[maxDoc];
        int k = config.postingsPerTerm();
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        for (BytesRef term = selection.next(); term != null; term = selection.next()) {
            int n = 0;
            for (FieldCursor c : cursors) {
                if (!c.seek(term)) {
                    continue;
                }
                TermStatistics ts = new TermStatistics(term, c.terms.docFreq(), c.terms.totalTermFreq());
                Similarity.SimScorer scorer = sim.scorer(1f, c.stats, ts);
                c.postings = c.terms.postings(c.postings, PostingsEnum.FREQS);
                for (int doc = c.postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = c.postings.nextDoc()) {
                    if (!seen[doc]) {
                        seen[doc] = true;
                        touched[n++] = doc;
                    }
                    acc[doc] += c.weight * scorer.score(c.postings.freq(), c.norms[doc]);
                }
                c.advance();
            }
            if (n == 0) {
                continue;
            }
            for (PassageCursor pc : pcs) {
                if (pc.seek(term)) {
                    pc.best(staticId, passage, passageSet, passageSetCount);
                    pc.advance();
                }
            }
            rec.reset();
            encodeTerm(rec, term, acc, touched, n, staticId, k, passage, storedPassages);
            for (int i = 0; i < n; i++) {
                acc[touched[i]] = 0;
                seen[touched[i]] = false;
            }
            for (int i = 0; i < passageSetCount[0]; i++) {
                passage[passageSet[i]] = 0;
            }
            passageSetCount[0] = 0;
            sink.accept(term, rec.toByteArray());
        }
    }

    /**
     * Encodes one term record: the {@code k} best of the {@code n} touched documents in static doc
     * order, each with its q and its passage (+ 1, 0 = none); marks the passages in
     * {@code storedPassages}.
     */
    private static void encodeTerm(ByteArrayOutputStream out, BytesRef term, double[] acc, int[] touched, int n,
            int[] staticId, int k, int[] passage, BitSet[] storedPassages) {
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
            int p = passage[id];
            StaticIndexFormat.writeVarint(out, p);
            if (p > 0) {
                storedPassages[id].set(p - 1);
            }
        }
    }

    /** Groups the term records of scratch/terms.bin into {@code shards} term shards. */
    private void writeTermShards(TermPass pass, int shards, Staging staging) throws IOException {
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
        // the records are a few bytes each: read them all at once (a few MB per 10,000 documents)
        // rather than with one read call per term
        byte[] all = Files.readAllBytes(scratch.resolve("terms.bin"));
        for (int s = 0; s < shards; s++) {
            ByteArrayOutputStream shard = new ByteArrayOutputStream();
            StaticIndexFormat.writeVarint(shard, counts[s + 1] - counts[s]);
            for (int j = counts[s]; j < counts[s + 1]; j++) {
                int t = order[j];
                shard.write(all, (int) pass.offset[t], (int) (pass.offset[t + 1] - pass.offset[t]));
            }
            staging.write(StaticIndexFormat.termShardPath(s, shards), shard.toByteArray());
        }
    }

    // ---------------------------------------------------------------- files

    /**
     * The generation directory while it is written: every file goes through {@link #write}, which
     * notes its content digest for the generation name ({@link StaticIndexFormat#generationName}).
     */
    private static final class Staging implements AutoCloseable {
        /** Bytes of files handed to the writers and not yet written, at most (bounds memory). */
        private static final int PENDING_BYTES = 32 << 20;
        private final Path dir;
        private final TreeMap<String, String> digests = new TreeMap<>();
        private final Set<Path> directories = new java.util.HashSet<>();
        private long bytes;
        /**
         * Writes the files while the caller computes the next ones: the static index is tens of
         * thousands of small files, and creating a file costs the file system more than its bytes.
         */
        private final java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "kohyo-index-writer");
            t.setDaemon(true);
            return t;
        });
        private final java.util.concurrent.Semaphore pending = new java.util.concurrent.Semaphore(PENDING_BYTES);
        private final java.util.ArrayDeque<java.util.concurrent.Future<?>> writes = new java.util.ArrayDeque<>();

        /** The previous build's generation directory and its digests (差分ビルド), or null. */
        private Path previousDir;
        private Map<String, String> previousDigests = Map.of();

        Staging(Path dir) throws IOException {
            this.dir = Files.createDirectories(dir);
        }

        /**
         * From now on a file written with the same content as the previous generation's file of the
         * same path is kept (linked) instead: the same bytes, and known to the leak check already.
         */
        void reuse(Path previousGeneration, Map<String, String> digests) {
            this.previousDir = previousGeneration;
            this.previousDigests = digests;
        }

        /**
         * Writes a file at {@code path} ('/'-separated, relative to the generation directory); the
         * bytes reach the disk in the background, by {@link #contentDigests} at the latest.
         */
        void write(String path, byte[] content) throws IOException {
            String digest = StaticIndexFormat.sha256Hex(content);
            if (previousDir != null && digest.equals(previousDigests.get(path)) && Files.isRegularFile(previousDir.resolve(path))) {
                keep(path, previousDir.resolve(path), digest);
                return;
            }
            if (digests.putIfAbsent(path, digest) != null) {
                throw new IllegalStateException("static index file written twice: " + path);
            }
            Path file = dir.resolve(path);
            if (directories.add(file.getParent())) {
                Files.createDirectories(file.getParent());
            }
            int permits = Math.min(content.length, PENDING_BYTES);
            pending.acquireUninterruptibly(permits);
            writes.add(writers.submit(() -> {
                try {
                    Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } finally {
                    pending.release(permits);
                }
                return null;
            }));
            while (writes.size() > 4096) {
                await(writes.poll());
            }
            bytes += content.length;
        }

        /** Waits until every file handed over is written; throws the first failure. */
        private void awaitWrites() throws IOException {
            try {
                while (!writes.isEmpty()) {
                    await(writes.poll());
                }
            } finally {
                writes.clear();
            }
        }


        @Override
        public void close() {
            shutDown(writers);
        }

        /**
         * Keeps a file of the previous generation as it is (a hard link, or a copy): its content and
         * digest are the previous build's.
         */
        void keep(String path, Path previous, String digest) throws IOException {
            String d = digest != null ? digest : StaticIndexFormat.sha256Hex(Files.readAllBytes(previous));
            if (digests.putIfAbsent(path, d) != null) {
                throw new IllegalStateException("static index file written twice: " + path);
            }
            Path file = dir.resolve(path);
            if (directories.add(file.getParent())) {
                Files.createDirectories(file.getParent());
            }
            bytes += Files.size(previous);
            // linking costs the file system as much as writing: in the background too
            writes.add(writers.submit(() -> {
                link(previous, file);
                return null;
            }));
            while (writes.size() > 4096) {
                await(writes.poll());
            }
        }

        Path dir() {
            return dir;
        }

        /** Path → lower-case hex SHA-256 of every file written, in path order; once every file is on disk. */
        SortedMap<String, String> contentDigests() throws IOException {
            awaitWrites();
            return Collections.unmodifiableSortedMap(digests);
        }

        long bytes() {
            return bytes;
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
            if (open != null) {
                open.rollback();
                open = null;
            }
        } finally {
            gramAnalyzer.close();
            wordAnalyzer.close();
            readings.close();
        }
    }
}

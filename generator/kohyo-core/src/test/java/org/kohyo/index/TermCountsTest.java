package org.kohyo.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * Replaying {@link TermCounts} into Lucene indexes exactly what the analyzer's own stream indexes:
 * the same terms, frequencies, norms and field statistics, for every chain, with and without
 * overlapping tokens (readings and synonyms put several tokens at one position).
 */
class TermCountsTest {

    private static final FieldType FREQS = new FieldType();

    static {
        FREQS.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        FREQS.setTokenized(true);
        FREQS.freeze();
    }

    private static final String[] TEXTS = {
        "住民基本台帳に関する事務 全項目評価書",
        "予防接種法による予防接種の実施、給付の支給又は実費の徴収に関する事務\n児童手当の支給に関する事務",
        "ﾏｲﾅﾝﾊﾞｰ（個人番号）を用いて、サーバ及びサーバーで住基ネットに照会する。",
        "",
        "あ",
    };

    @Test
    void replayIndexesWhatTheAnalyzerIndexes() throws Exception {
        SynonymTable synonyms = SynonymTable.parse(SearchConfig.defaultSynonymLines());
        try (Analyzer grams = new GramAnalyzer(synonyms); ReadingAnalyzer readings = new ReadingAnalyzer();
             Analyzer words = WordAnalyzer.create(SearchConfig.defaultSynonymLines(), true)) {
            for (Analyzer a : List.of(grams, readings, words)) {
                for (String text : TEXTS) {
                    assertEquals(index(a, text, false), index(a, text, true), a.getClass().getSimpleName() + ": " + text);
                }
            }
        }
    }

    /**
     * The collector's counts and best passages equal those of a plain map over the analyzer's own
     * tokens, for texts grouped into passages (many distinct terms, so that its table grows).
     */
    @Test
    void countsAndBestPassagesEqualAPlainCount() throws Exception {
        SynonymTable synonyms = SynonymTable.parse(SearchConfig.defaultSynonymLines());
        java.util.Random random = new java.util.Random(7);
        List<List<String>> passages = new ArrayList<>();
        for (int p = 0; p < 40; p++) {
            List<String> parts = new ArrayList<>();
            for (int q = 0; q < 1 + random.nextInt(3); q++) {
                String base = TEXTS[random.nextInt(3)];
                StringBuilder b = new StringBuilder(base.substring(random.nextInt(base.length() / 2)));
                // characters of many kinds, so that the table sees hundreds of distinct terms
                for (int i = 0; i < 30; i++) {
                    b.append((char) (0x4E00 + random.nextInt(3000)));
                }
                parts.add(b.toString());
            }
            passages.add(parts);
        }
        try (Analyzer grams = new GramAnalyzer(synonyms); ReadingAnalyzer readings = new ReadingAnalyzer()) {
            for (Analyzer a : List.of(grams, readings)) {
                TermCounts.Collector c = new TermCounts.Collector();
                java.util.Map<String, Integer> total = new java.util.TreeMap<>();
                java.util.Map<String, int[]> best = new java.util.HashMap<>(); // {count, passage + 1}
                for (int p = 0; p < passages.size(); p++) {
                    c.passage();
                    java.util.Map<String, Integer> here = new java.util.HashMap<>();
                    for (String part : passages.get(p)) {
                        c.add(a, "f", part);
                        try (var ts = a.tokenStream("f", part)) {
                            var term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
                            ts.reset();
                            while (ts.incrementToken()) {
                                total.merge(term.toString(), 1, Integer::sum);
                                here.merge(term.toString(), 1, Integer::sum);
                            }
                            ts.end();
                        }
                    }
                    for (var e : here.entrySet()) {
                        int[] b = best.computeIfAbsent(e.getKey(), k -> new int[2]);
                        if (e.getValue() > b[0]) {
                            b[0] = e.getValue();
                            b[1] = p + 1;
                        }
                    }
                }
                TermCounts counts = c.done();
                TermCounts bestPassages = c.bestPassages();
                assertTrue(total.size() > 300, "distinct terms: " + total.size()); // beyond the initial 256, so the table grows
                assertEquals(total.size(), counts.distinct());
                assertEquals(total.size(), bestPassages.distinct());
                int i = 0;
                for (var e : total.entrySet()) {
                    assertEquals(e.getKey(), counts.term(i));
                    assertEquals(e.getValue(), counts.freq(i));
                    assertEquals(e.getKey(), bestPassages.term(i));
                    assertEquals(best.get(e.getKey())[1], bestPassages.freq(i), e.getKey());
                    i++;
                }
                assertEquals(total.values().stream().mapToInt(Integer::intValue).sum(), counts.length());
            }
        }
    }

    @Test
    void overlapsBeyondTheTermCountAreReplayed() throws Exception {
        // a stream where most tokens overlap: more overlaps than distinct terms
        TermCounts.Collector c = new TermCounts.Collector();
        try (Analyzer words = WordAnalyzer.create(List.of("住基,住民基本台帳,住基ネット,じゅうき"), true)) {
            c.add(words, "w", "住基 住基 住基 住基");
        }
        TermCounts t = c.done();
        assertTrue(t.overlap() > 0, "the synonym chain overlaps tokens");
        int emitted = 0;
        int sum = 0;
        int overlaps = 0;
        try (var ts = t.tokenStream()) {
            var tf = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.TermFrequencyAttribute.class);
            var inc = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                emitted++;
                sum += tf.getTermFrequency();
                overlaps += inc.getPositionIncrement() == 0 ? 1 : 0;
            }
        }
        assertTrue(emitted >= t.distinct());
        assertEquals(t.length(), sum);
        assertEquals(t.overlap(), overlaps);
    }

    /** Terms with frequencies, the norm and the field statistics of a one-document index. */
    private static List<String> index(Analyzer a, String text, boolean replay) throws Exception {
        try (Directory dir = new ByteBuffersDirectory()) {
            IndexWriterConfig iwc = new IndexWriterConfig(a).setSimilarity(new BM25Similarity());
            try (IndexWriter w = new IndexWriter(dir, iwc)) {
                Document d = new Document();
                d.add(replay ? new Field("f", TermCounts.of(a, "f", text).tokenStream(), FREQS) : new Field("f", text, FREQS));
                w.addDocument(d);
            }
            List<String> out = new ArrayList<>();
            try (DirectoryReader r = DirectoryReader.open(dir)) {
                LeafReader leaf = r.leaves().get(0).reader();
                Terms terms = leaf.terms("f");
                if (terms != null) {
                    out.add("stats " + terms.getSumTotalTermFreq() + " " + terms.getSumDocFreq() + " " + terms.getDocCount());
                    TermsEnum te = terms.iterator();
                    PostingsEnum pe = null;
                    for (BytesRef t = te.next(); t != null; t = te.next()) {
                        pe = te.postings(pe, PostingsEnum.FREQS);
                        pe.nextDoc();
                        out.add(t.utf8ToString() + "=" + pe.freq());
                    }
                }
                NumericDocValues norms = leaf.getNormValues("f");
                if (norms != null && norms.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
                    out.add("norm " + norms.longValue());
                }
            }
            return out;
        }
    }
}

package org.kohyo.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermFrequencyAttribute;

/**
 * 語の出現数: one field of one document after analysis, reduced to what a Lucene field indexed with
 * {@code DOCS_AND_FREQS} keeps — each distinct term with its frequency, and the field's length and
 * overlap count (tokens at position increment 0), from which Lucene computes the norm. Analysis
 * (kuromoji, the char filters, bigrams) runs on worker threads into these; {@link #tokenStream}
 * replays them into the single-threaded index writer with one token per distinct term, so the writer
 * indexes exactly what the analyzer's own stream would have given it.
 */
final class TermCounts {

    static final TermCounts EMPTY = new TermCounts(new String[0], new int[0], 0, 0);

    private final String[] terms;
    private final int[] freqs;
    private final int length;
    private final int overlap;

    private TermCounts(String[] terms, int[] freqs, int length, int overlap) {
        this.terms = terms;
        this.freqs = freqs;
        this.length = length;
        this.overlap = overlap;
    }

    /** Collects term counts across several texts analysed one after another. */
    static final class Collector {
        private final Map<String, int[]> counts = new HashMap<>();
        private int length;
        private int overlap;

        /** Analyses {@code text} and adds its tokens, handing each token's term to {@code each} when given. */
        void add(Analyzer analyzer, String field, String text, TermSink each) {
            if (text == null || text.isEmpty()) {
                return;
            }
            try (TokenStream ts = analyzer.tokenStream(field, text)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
                ts.reset();
                boolean first = true;
                while (ts.incrementToken()) {
                    String t = term.toString();
                    counts.computeIfAbsent(t, k -> new int[1])[0]++;
                    // the first token of a field value cannot overlap (Lucene would refuse it)
                    if (inc.getPositionIncrement() == 0 && !(first && length == 0)) {
                        overlap++;
                    }
                    length++;
                    first = false;
                    if (each != null) {
                        each.accept(t);
                    }
                }
                ts.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        TermCounts done() {
            if (counts.isEmpty()) {
                return EMPTY;
            }
            String[] t = counts.keySet().toArray(new String[0]);
            Arrays.sort(t);
            int[] f = new int[t.length];
            for (int i = 0; i < t.length; i++) {
                f[i] = counts.get(t[i])[0];
            }
            return new TermCounts(t, f, length, overlap);
        }
    }

    /** Receives each token's term. */
    interface TermSink {
        void accept(String term);
    }

    /** Counts of one text. */
    static TermCounts of(Analyzer analyzer, String field, String text) {
        Collector c = new Collector();
        c.add(analyzer, field, text, null);
        return c.done();
    }

    /** Terms given with an explicit frequency each and no overlaps (the length is their sum). */
    static TermCounts ofFrequencies(Map<String, Integer> byTerm) {
        String[] t = byTerm.keySet().toArray(new String[0]);
        Arrays.sort(t);
        int[] f = new int[t.length];
        int length = 0;
        for (int i = 0; i < t.length; i++) {
            f[i] = byTerm.get(t[i]);
            length += f[i];
        }
        return new TermCounts(t, f, length, 0);
    }

    int distinct() {
        return terms.length;
    }

    String term(int i) {
        return terms[i];
    }

    int freq(int i) {
        return freqs[i];
    }

    int length() {
        return length;
    }

    int overlap() {
        return overlap;
    }

    /**
     * The counts as a token stream with custom term frequencies: every term at least once, its
     * frequencies summing to {@link #length}, and exactly {@link #overlap} tokens at increment 0,
     * so that Lucene's field length, overlap count, norm and postings equal those of the analysed
     * text. Tokens beyond one per term are needed only when there are more overlaps than terms.
     */
    TokenStream tokenStream() {
        int n = terms.length;
        int emissions = length == 0 ? 0 : Math.max(n, overlap + 1);
        int[] at = new int[emissions];
        int[] freq = new int[emissions];
        int extra = emissions - n;
        int e = 0;
        for (int i = 0; i < n; i++) {
            int f = freqs[i];
            while (extra > 0 && f > 1) {
                at[e] = i;
                freq[e++] = 1;
                f--;
                extra--;
            }
            at[e] = i;
            freq[e++] = f;
        }
        if (extra > 0) {
            throw new IllegalStateException("overlaps exceed tokens");
        }
        return new TokenStream() {
            private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
            private final TermFrequencyAttribute tf = addAttribute(TermFrequencyAttribute.class);
            private final PositionIncrementAttribute inc = addAttribute(PositionIncrementAttribute.class);
            private int next;

            @Override
            public boolean incrementToken() {
                if (next >= emissions) {
                    return false;
                }
                clearAttributes();
                term.setEmpty().append(terms[at[next]]);
                tf.setTermFrequency(freq[next]);
                inc.setPositionIncrement(next == 0 || next > overlap ? 1 : 0);
                next++;
                return true;
            }

            @Override
            public void reset() throws IOException {
                super.reset();
                next = 0;
            }
        };
    }
}

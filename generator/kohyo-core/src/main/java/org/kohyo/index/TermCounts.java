package org.kohyo.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
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

    /**
     * Collects term counts across several texts analysed one after another, and optionally, text by
     * text grouped into passages ({@link #passage}), each term's passage of most occurrences.
     *
     * <p>Analysis produces millions of tokens per build, so terms are counted in an open-addressing
     * table keyed by the token's characters, without making a {@code String} per token: a term
     * becomes a string once, when {@link #done} sorts the distinct terms.
     */
    static final class Collector {
        /** The distinct terms' characters, one after another. */
        private char[] chars = new char[4096];
        private int charsUsed;
        /** Per term id: where its characters start, how many, its hash, its count. */
        private int[] start = new int[256];
        private int[] length = new int[256];
        private int[] hash = new int[256];
        private int[] count = new int[256];
        private int size;
        /** id + 1 per slot, 0 when free; a power of two, at most half full. */
        private int[] slots = new int[512];
        private int tokens;
        private int overlap;
        /** Passage tracking, when {@link #passage} was called: counts in the current passage. */
        private int passage = -1;
        private int[] here;
        private int[] touched;
        private int touchedSize;
        private int[] bestCount;
        private int[] bestPassage;

        /** Analyses {@code text} and counts its tokens (in the current passage too, if any). */
        void add(Analyzer analyzer, String field, String text) {
            if (text == null || text.isEmpty()) {
                return;
            }
            try (TokenStream ts = analyzer.tokenStream(field, text)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
                ts.reset();
                boolean first = true;
                while (ts.incrementToken()) {
                    int id = id(term.buffer(), term.length());
                    count[id]++;
                    if (passage >= 0) {
                        if (here[id]++ == 0) {
                            touched[touchedSize++] = id;
                        }
                    }
                    // the first token of a field value cannot overlap (Lucene would refuse it)
                    if (inc.getPositionIncrement() == 0 && !(first && tokens == 0)) {
                        overlap++;
                    }
                    tokens++;
                    first = false;
                }
                ts.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Starts the next passage (the first call starts passage 0): the texts added until the next
         * call belong to it.
         */
        void passage() {
            if (passage < 0) {
                here = new int[start.length];
                touched = new int[start.length];
                bestCount = new int[start.length];
                bestPassage = new int[start.length];
            } else {
                closePassage();
            }
            passage++;
        }

        private void closePassage() {
            for (int i = 0; i < touchedSize; i++) {
                int id = touched[i];
                int n = here[id];
                // ties to the earliest passage
                if (n > bestCount[id]) {
                    bestCount[id] = n;
                    bestPassage[id] = passage + 1;
                }
                here[id] = 0;
            }
            touchedSize = 0;
        }

        /** The id of the term in {@code buf[0..len)}, added if new. */
        private int id(char[] buf, int len) {
            int h = 0;
            for (int i = 0; i < len; i++) {
                h = 31 * h + buf[i];
            }
            h ^= h >>> 16;
            int mask = slots.length - 1;
            for (int s = h & mask; ; s = (s + 1) & mask) {
                int v = slots[s];
                if (v == 0) {
                    int id = newTerm(buf, len, h);
                    slots[s] = id + 1;
                    if (2 * size > slots.length) {
                        rehash();
                    }
                    return id;
                }
                int id = v - 1;
                if (hash[id] == h && length[id] == len && same(start[id], buf, len)) {
                    return id;
                }
            }
        }

        /** Whether the term at {@code at} is {@code buf[0..len)} (most terms are bigrams: a plain loop). */
        private boolean same(int at, char[] buf, int len) {
            for (int i = 0; i < len; i++) {
                if (chars[at + i] != buf[i]) {
                    return false;
                }
            }
            return true;
        }

        private int newTerm(char[] buf, int len, int h) {
            if (size == start.length) {
                int n = size * 2;
                start = Arrays.copyOf(start, n);
                length = Arrays.copyOf(length, n);
                hash = Arrays.copyOf(hash, n);
                count = Arrays.copyOf(count, n);
                if (here != null) {
                    here = Arrays.copyOf(here, n);
                    touched = Arrays.copyOf(touched, n);
                    bestCount = Arrays.copyOf(bestCount, n);
                    bestPassage = Arrays.copyOf(bestPassage, n);
                }
            }
            if (charsUsed + len > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charsUsed + len));
            }
            System.arraycopy(buf, 0, chars, charsUsed, len);
            int id = size++;
            start[id] = charsUsed;
            length[id] = len;
            hash[id] = h;
            charsUsed += len;
            return id;
        }

        private void rehash() {
            int[] fresh = new int[slots.length * 2];
            int mask = fresh.length - 1;
            for (int id = 0; id < size; id++) {
                int s = hash[id] & mask;
                while (fresh[s] != 0) {
                    s = (s + 1) & mask;
                }
                fresh[s] = id + 1;
            }
            slots = fresh;
        }

        /** The distinct terms, each with its id, in term order (once: nothing is added after {@link #done}). */
        private Sorted sorted() {
            if (sorted != null) {
                return sorted;
            }
            String[] t = new String[size];
            Integer[] order = new Integer[size];
            for (int id = 0; id < size; id++) {
                t[id] = new String(chars, start[id], length[id]);
                order[id] = id;
            }
            Arrays.sort(order, (a, b) -> t[a].compareTo(t[b]));
            String[] terms = new String[size];
            int[] ids = new int[size];
            for (int i = 0; i < size; i++) {
                ids[i] = order[i];
                terms[i] = t[ids[i]];
            }
            sorted = new Sorted(terms, ids);
            return sorted;
        }

        private Sorted sorted;

        private record Sorted(String[] terms, int[] ids) {}

        TermCounts done() {
            if (size == 0) {
                return EMPTY;
            }
            Sorted s = sorted();
            int[] f = new int[size];
            for (int i = 0; i < size; i++) {
                f[i] = count[s.ids()[i]];
            }
            return new TermCounts(s.terms(), f, tokens, overlap);
        }

        /**
         * Each term with the passage (+ 1) holding most of its occurrences, ties to the earliest, as
         * its frequency; no overlaps (the length is their sum). Empty when {@link #passage} was never called.
         */
        TermCounts bestPassages() {
            if (size == 0 || passage < 0) {
                return EMPTY;
            }
            closePassage();
            Sorted s = sorted();
            int[] f = new int[size];
            int sum = 0;
            for (int i = 0; i < size; i++) {
                f[i] = bestPassage[s.ids()[i]];
                sum += f[i];
            }
            return new TermCounts(s.terms(), f, sum, 0);
        }
    }

    /** Counts of one text. */
    static TermCounts of(Analyzer analyzer, String field, String text) {
        Collector c = new Collector();
        c.add(analyzer, field, text);
        return c.done();
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
                // every attribute this stream sets is set anew; the others keep their defaults
                // (clearing every attribute per token costs more than the rest of the replay)
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

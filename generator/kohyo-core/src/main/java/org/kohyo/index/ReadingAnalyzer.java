package org.kohyo.index;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ja.JapaneseReadingFormFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * 読みバイグラム解析, so that kana queries find kanji (せっしゅ → 予防接種). Per line:
 * {@link NfkcCharFilter} → JapaneseTokenizer (NORMAL mode: a compound's reading is its parts'
 * readings joined, and NORMAL is the fastest mode) → JapaneseReadingFormFilter (katakana readings)
 * → {@link KanaFoldFilter} → {@link LongVowelFilter} → {@link ReadingRunFilter}; then
 * {@link LineRunsTokenizer} emits the runs and {@link BigramFilter} splits them. Its terms are in
 * the same space as {@link GramAnalyzer}'s, so a dictionary-free query matches them.
 *
 * <p>評価書 repeat the form's sentences across thousands of documents, so the runs of a line are
 * kept in a bounded LRU cache owned by this analyzer (thread-safe); kuromoji runs once per
 * distinct line.
 */
public final class ReadingAnalyzer extends Analyzer {

    private static final int CACHE_LINES = 50_000;
    private static final int CACHE_LINE_CHARS = 2_000;

    private final Analyzer runs = new ReadingRunsOnly();
    private final Map<String, List<String>> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > CACHE_LINES;
        }
    };

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer t = new LineRunsTokenizer(this::runsOf);
        return new TokenStreamComponents(t, new BigramFilter(t));
    }

    /** Kuromoji in NORMAL mode, punctuation discarded. */
    static Tokenizer newTokenizer() {
        return new JapaneseTokenizer(null, true, JapaneseTokenizer.Mode.NORMAL);
    }

    /** The hiragana reading runs of one line, cached. */
    List<String> runsOf(String line) {
        if (line.length() > CACHE_LINE_CHARS) {
            return analyzeRuns(line);
        }
        synchronized (cache) {
            List<String> hit = cache.get(line);
            if (hit != null) {
                return hit;
            }
        }
        List<String> r = analyzeRuns(line);
        synchronized (cache) {
            cache.put(line, r);
        }
        return r;
    }

    private List<String> analyzeRuns(String line) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = runs.tokenStream("r", line)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    /** The hiragana reading of a short text (an 事務名), for suggestions: runs joined. */
    public String reading(String text) {
        return String.join("", analyzeRuns(text));
    }

    @Override
    public void close() {
        runs.close();
        super.close();
    }

    /** The per-line chain up to the reading runs. */
    private static final class ReadingRunsOnly extends Analyzer {
        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new NfkcCharFilter(reader);
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer t = newTokenizer();
            return new TokenStreamComponents(t,
                    new ReadingRunFilter(new LongVowelFilter(new KanaFoldFilter(new JapaneseReadingFormFilter(t, false)))));
        }
    }
}

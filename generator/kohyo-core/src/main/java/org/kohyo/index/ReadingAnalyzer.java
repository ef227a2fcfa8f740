package org.kohyo.index;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ja.JapaneseReadingFormFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;

/**
 * 読みバイグラム解析, so that kana queries find kanji (せっしゅ → 予防接種):
 * {@link NfkcCharFilter} → JapaneseTokenizer (NORMAL mode: the reading of a compound is the
 * concatenation of its parts' readings, and NORMAL is the fastest mode) →
 * JapaneseReadingFormFilter (katakana readings) → {@link KanaFoldFilter} → {@link LongVowelFilter}
 * → {@link ReadingRunFilter} → {@link BigramFilter}. Its terms are in the same space as
 * {@link GramAnalyzer}'s, so a dictionary-free query matches them.
 */
public final class ReadingAnalyzer extends Analyzer {

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new NfkcCharFilter(reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer t = newTokenizer();
        return new TokenStreamComponents(t,
                new BigramFilter(new ReadingRunFilter(new LongVowelFilter(new KanaFoldFilter(
                        new JapaneseReadingFormFilter(t, false))))));
    }

    /** Kuromoji in NORMAL mode, punctuation discarded. */
    static Tokenizer newTokenizer() {
        return new JapaneseTokenizer(null, true, JapaneseTokenizer.Mode.NORMAL);
    }

    /** The hiragana reading of a short text (an 事務名), for suggestions: runs joined. */
    public String reading(String text) {
        StringBuilder sb = new StringBuilder();
        try (var ts = new ReadingRunsOnly().tokenStream("r", text)) {
            var term = ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                sb.append(term);
            }
            ts.end();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** The same chain without the bigrams. */
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

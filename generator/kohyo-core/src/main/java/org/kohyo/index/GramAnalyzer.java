package org.kohyo.index;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;

/**
 * 表記バイグラム解析: the surface chain of the static index and of the browser query.
 * {@link NfkcCharFilter} → {@link KanaFoldCharFilter} → {@link LongVowelCharFilter}
 * → ({@link SynonymCharFilter}, index side only) → {@link ScriptRunTokenizer} → {@link BigramFilter}.
 */
public final class GramAnalyzer extends Analyzer {

    private final SynonymTable expand;

    /** @param expand synonyms appended at index time, or null for the query side */
    public GramAnalyzer(SynonymTable expand) {
        this.expand = expand;
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        Reader r = new LongVowelCharFilter(new KanaFoldCharFilter(new NfkcCharFilter(reader)));
        return expand == null || expand.isEmpty() ? r : new SynonymCharFilter(r, expand);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer t = new ScriptRunTokenizer();
        return new TokenStreamComponents(t, new BigramFilter(t));
    }
}

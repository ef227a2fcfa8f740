package org.kohyo.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * 検索語の解析 without a dictionary, exactly as search.js does it: {@link JapaneseFolding#normalize}
 * → {@link SynonymTable#variants} → for each variant the terms of {@link GramAnalyzer} (character
 * bigrams of CJK runs, whole words otherwise), duplicates dropped in first-seen order; variants
 * without terms or with the same terms as an earlier one are dropped.
 */
public final class QueryAnalyzer implements AutoCloseable {

    private final SynonymTable synonyms;
    private final Analyzer grams = new GramAnalyzer(null);

    public QueryAnalyzer(SynonymTable synonyms) {
        this.synonyms = synonyms;
    }

    /** The query as normalized. */
    public String normalize(String query) {
        return JapaneseFolding.normalize(query);
    }

    /** The term lists of the query's variants, the query itself first. */
    public List<List<String>> variants(String query) {
        List<List<String>> out = new ArrayList<>();
        for (String v : synonyms.variants(normalize(query))) {
            List<String> terms = terms(v);
            if (!terms.isEmpty() && !out.contains(terms)) {
                out.add(terms);
            }
        }
        return out;
    }

    /** The bigram/word terms of already normalized text, unique, in first-seen order. */
    public List<String> terms(String normalizedText) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = grams.tokenStream("q", normalizedText)) {
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

    @Override
    public void close() {
        grams.close();
    }
}

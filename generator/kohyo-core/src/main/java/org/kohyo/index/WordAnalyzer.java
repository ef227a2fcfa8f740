package org.kohyo.index;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.ParseException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.ja.JapaneseKatakanaStemFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * 形態素（単語）解析 for the server-side Lucene index (search/lucene/): {@link NfkcCharFilter} →
 * JapaneseTokenizer (SEARCH mode, {@code discardCompoundToken=false}: 関西国際空港 is kept beside
 * 関西|国際|空港) → JapaneseKatakanaStemFilter → SynonymGraphFilter (the site's synonym lines)
 * → FlattenGraphFilter when indexing. Not used by the browser, which has no dictionary.
 */
public final class WordAnalyzer extends Analyzer {

    private final SynonymMap synonyms;
    private final boolean indexing;

    private final boolean keepCompounds;

    private WordAnalyzer(SynonymMap synonyms, boolean indexing, boolean keepCompounds) {
        this.synonyms = synonyms;
        this.indexing = indexing;
        this.keepCompounds = keepCompounds;
    }

    /** Kuromoji in SEARCH mode keeping compounds, punctuation discarded. */
    static Tokenizer newTokenizer() {
        return new JapaneseTokenizer(null, true, false, JapaneseTokenizer.Mode.SEARCH);
    }

    /**
     * @param synonymLines Solr-format synonym lines
     * @param indexing     true to flatten the synonym graph for indexing
     */
    public static WordAnalyzer create(java.util.List<String> synonymLines, boolean indexing) {
        SynonymMap map = null;
        if (!synonymLines.isEmpty()) {
            // the synonym parser needs a linear token stream: decompound, drop the compound token
            try (Analyzer plain = new WordAnalyzer(null, false, false)) {
                SolrSynonymParser parser = new SolrSynonymParser(true, true, plain);
                parser.parse(new StringReader(String.join("\n", synonymLines)));
                map = parser.build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ParseException e) {
                throw new IllegalArgumentException("synonym lines: " + e.getMessage(), e);
            }
        }
        return new WordAnalyzer(map, indexing, true);
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
        return new NfkcCharFilter(reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer t = keepCompounds ? newTokenizer()
                : new JapaneseTokenizer(null, true, true, JapaneseTokenizer.Mode.SEARCH);
        TokenStream s = new JapaneseKatakanaStemFilter(t);
        if (synonyms != null) {
            s = new SynonymGraphFilter(s, synonyms, true);
            if (indexing) {
                s = new FlattenGraphFilter(s);
            }
        }
        return new TokenStreamComponents(t, s);
    }
}

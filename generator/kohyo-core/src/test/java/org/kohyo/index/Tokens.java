package org.kohyo.index;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** Test helpers: run a char filter, a token filter or an analyzer and collect the output. */
final class Tokens {

    private Tokens() {}

    static String read(Reader r) {
        try (r) {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[3];
            int n;
            while ((n = r.read(buf, 0, buf.length)) != -1) {
                sb.append(buf, 0, n);
            }
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> terms(TokenStream ts) {
        List<String> out = new ArrayList<>();
        try (ts) {
            CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(t.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<String> analyze(Analyzer a, String text) {
        return terms(a.tokenStream("f", text));
    }

    /** Whitespace tokens of the text through one filter. */
    static List<String> filter(String text, Function<TokenStream, TokenStream> filter) {
        Tokenizer t = new WhitespaceTokenizer();
        t.setReader(new StringReader(text));
        return terms(filter.apply(t));
    }

    /** The tokenizer alone over the text. */
    static List<String> tokenize(Tokenizer t, String text) {
        t.setReader(new StringReader(text));
        return terms(t);
    }
}

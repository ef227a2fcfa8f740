package org.kohyo.index;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * 文字バイグラム: a {@link ScriptRunTokenizer#CJK} run of two or more code points becomes its
 * overlapping bigrams (予防接種 → 予防 防接 接種); a single CJK character and a word run pass
 * through whole. This is the unit both the index and the browser agree on.
 */
public final class BigramFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);

    private String run;
    private int next;

    public BigramFilter(TokenStream in) {
        super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (run != null) {
            if (emitBigram()) {
                return true;
            }
            run = null;
        }
        if (!input.incrementToken()) {
            return false;
        }
        if (!ScriptRunTokenizer.CJK.equals(type.type())) {
            return true;
        }
        String s = term.toString();
        if (s.codePointCount(0, s.length()) < 2) {
            return true;
        }
        run = s;
        next = 0;
        emitBigram();
        return true;
    }

    /** Writes the bigram starting at {@code next} and advances; false when none is left. */
    private boolean emitBigram() {
        if (next >= run.length()) {
            return false;
        }
        int second = next + Character.charCount(run.codePointAt(next));
        if (second >= run.length()) {
            return false;
        }
        int end = second + Character.charCount(run.codePointAt(second));
        term.setEmpty().append(run, next, end);
        if (next > 0) {
            posInc.setPositionIncrement(1);
        }
        next = second;
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        run = null;
        next = 0;
    }
}

package org.kohyo.index;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * 長音符の除去 on tokens: drops every ー (サーバー → サーバ). A token that consisted only of ー
 * is kept empty-free: it is removed from the stream.
 */
public final class LongVowelFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);

    public LongVowelFilter(TokenStream in) {
        super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
        int skipped = 0;
        while (input.incrementToken()) {
            char[] b = term.buffer();
            int w = 0;
            for (int r = 0, n = term.length(); r < n; r++) {
                if (b[r] != JapaneseFolding.LONG_VOWEL) {
                    b[w++] = b[r];
                }
            }
            term.setLength(w);
            if (w > 0) {
                posInc.setPositionIncrement(posInc.getPositionIncrement() + skipped);
                return true;
            }
            skipped += posInc.getPositionIncrement();
        }
        return false;
    }
}

package org.kohyo.index;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** かな折り畳み on tokens: katakana → hiragana (readings ヨボウ → よぼう). */
public final class KanaFoldFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    public KanaFoldFilter(TokenStream in) {
        super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        char[] b = term.buffer();
        for (int i = 0, n = term.length(); i < n; i++) {
            b[i] = JapaneseFolding.kanaFold(b[i]);
        }
        return true;
    }
}

package org.kohyo.index;

import java.io.Reader;

/** かな折り畳み: katakana → hiragana, one char for one char (キオスク → きおすく). */
public final class KanaFoldCharFilter extends FoldingCharFilter {

    public KanaFoldCharFilter(Reader in) {
        super(in);
    }

    @Override
    protected int fold(CharSequence in, int pos, StringBuilder out) {
        out.append(JapaneseFolding.kanaFold(in.charAt(pos)));
        return pos + 1;
    }
}

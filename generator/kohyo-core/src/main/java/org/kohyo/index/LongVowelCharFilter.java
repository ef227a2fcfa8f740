package org.kohyo.index;

import java.io.Reader;

/** 長音符の除去: drops ー so that サーバ and サーバー fold to the same text. */
public final class LongVowelCharFilter extends FoldingCharFilter {

    public LongVowelCharFilter(Reader in) {
        super(in);
    }

    @Override
    protected int fold(CharSequence in, int pos, StringBuilder out) {
        char c = in.charAt(pos);
        if (c != JapaneseFolding.LONG_VOWEL) {
            out.append(c);
        }
        return pos + 1;
    }
}

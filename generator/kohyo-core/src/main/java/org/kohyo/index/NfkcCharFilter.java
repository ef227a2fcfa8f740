package org.kohyo.index;

import java.io.Reader;

/**
 * 全角・半角と互換文字の正規化: NFKC per grapheme cluster, then ASCII lower-case
 * (ＬＧＷＡＮ → lgwan, ｷｵｽｸ → キオスク, ㈱ → (株)). Subsumes Lucene's CJKWidthCharFilter without ICU.
 */
public final class NfkcCharFilter extends FoldingCharFilter {

    public NfkcCharFilter(Reader in) {
        super(in);
    }

    @Override
    protected int fold(CharSequence in, int pos, StringBuilder out) {
        int end = pos + Character.charCount(Character.codePointAt(in, pos));
        while (end < in.length()) {
            int cp = Character.codePointAt(in, end);
            if (!JapaneseFolding.isClusterContinuation(cp)) {
                break;
            }
            end += Character.charCount(cp);
        }
        JapaneseFolding.appendWidthFold(in, pos, end, out);
        return end;
    }
}

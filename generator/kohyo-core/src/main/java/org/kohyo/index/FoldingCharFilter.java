package org.kohyo.index;

import java.io.Reader;

/**
 * A CharFilter that reads its whole input (one field of one document), rewrites it unit by unit
 * and keeps Lucene's offset corrections, so that token offsets still point into the original text.
 */
abstract class FoldingCharFilter extends WholeTextCharFilter {

    FoldingCharFilter(Reader in) {
        super(in);
    }

    /**
     * Consumes at least one char of {@code in} starting at {@code pos}, appends the replacement
     * to {@code out}, and returns the position after what it consumed.
     */
    protected abstract int fold(CharSequence in, int pos, StringBuilder out);

    @Override
    protected String rewrite(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int pos = 0;
        int lastDiff = 0;
        while (pos < raw.length()) {
            pos = fold(raw, pos, out);
            int diff = pos - out.length();
            if (diff != lastDiff) {
                addOffCorrectMap(out.length(), diff);
                lastDiff = diff;
            }
        }
        return out.toString();
    }
}

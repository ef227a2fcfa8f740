package org.kohyo.index;

import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.charfilter.BaseCharFilter;

/**
 * A CharFilter that reads its whole input (one field of one document), rewrites it unit by unit
 * and keeps Lucene's offset corrections, so that token offsets still point into the original text.
 */
abstract class FoldingCharFilter extends BaseCharFilter {

    private String output;
    private int readPos;

    FoldingCharFilter(Reader in) {
        super(in);
    }

    /**
     * Consumes at least one char of {@code in} starting at {@code pos}, appends the replacement
     * to {@code out}, and returns the position after what it consumed.
     */
    protected abstract int fold(CharSequence in, int pos, StringBuilder out);

    private void fill() throws IOException {
        StringBuilder raw = new StringBuilder();
        char[] buf = new char[8192];
        int n;
        while ((n = input.read(buf)) != -1) {
            raw.append(buf, 0, n);
        }
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
        output = out.toString();
        readPos = 0;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (output == null) {
            fill();
        }
        if (readPos >= output.length()) {
            return -1;
        }
        int n = Math.min(len, output.length() - readPos);
        output.getChars(readPos, readPos + n, cbuf, off);
        readPos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        output = null;
        super.close();
    }
}

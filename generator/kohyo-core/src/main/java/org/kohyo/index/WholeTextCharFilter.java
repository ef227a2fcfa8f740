package org.kohyo.index;

import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.charfilter.BaseCharFilter;

/**
 * A CharFilter that reads its whole input (one field of one document), rewrites it once with
 * {@link #rewrite(String)} and then serves the result. Subclasses record offset corrections with
 * {@link #addOffCorrectMap(int, int)} while rewriting when they change lengths.
 */
abstract class WholeTextCharFilter extends BaseCharFilter {
    private String output;
    private int readPos;

    WholeTextCharFilter(Reader in) {
        super(in);
    }

    /** The text to serve for this input. */
    protected abstract String rewrite(String input);

    private void fill() throws IOException {
        String raw;
        if (input instanceof WholeTextCharFilter inner) {
            // a chain of these filters hands the text on whole, without copying it through buffers
            raw = inner.rest();
        } else {
            StringBuilder b = new StringBuilder(256);
            char[] buf = new char[256];
            int n;
            while ((n = input.read(buf)) != -1) {
                b.append(buf, 0, n);
            }
            raw = b.toString();
        }
        output = rewrite(raw);
        readPos = 0;
    }

    /** Everything not read yet, as if read to the end. */
    private String rest() throws IOException {
        if (output == null) {
            fill();
        }
        String r = readPos == 0 ? output : output.substring(readPos);
        readPos = output.length();
        return r;
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

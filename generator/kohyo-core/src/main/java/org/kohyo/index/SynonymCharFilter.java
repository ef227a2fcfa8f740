package org.kohyo.index;

import java.io.IOException;
import java.io.Reader;
import org.apache.lucene.analysis.charfilter.BaseCharFilter;

/**
 * 同義語展開 at index time, for the bigram fields: reads the (already normalized) field text and
 * appends, after it, each alternative of each {@link SynonymTable} match, one per line
 * (…住民基本台帳… gains "\n住基"). Appending instead of inserting keeps the bigrams of the
 * original text intact. Offsets of the appended part lie past the end of the text; the bigram
 * fields index no offsets.
 */
public final class SynonymCharFilter extends BaseCharFilter {

    private final SynonymTable table;
    private String output;
    private int readPos;

    public SynonymCharFilter(Reader in, SynonymTable table) {
        super(in);
        this.table = table;
    }

    private void fill() throws IOException {
        StringBuilder raw = new StringBuilder();
        char[] buf = new char[8192];
        int n;
        while ((n = input.read(buf)) != -1) {
            raw.append(buf, 0, n);
        }
        String text = raw.toString();
        for (SynonymTable.Match m : table.matches(text)) {
            for (String alt : table.alternatives(m.key())) {
                raw.append('\n').append(alt);
            }
        }
        output = raw.toString();
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

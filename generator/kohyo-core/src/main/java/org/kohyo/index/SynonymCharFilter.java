package org.kohyo.index;

import java.io.Reader;

/**
 * 同義語展開 at index time, for the bigram fields: reads the (already normalized) field text and
 * appends, after it, each alternative of each {@link SynonymTable} match, one per line
 * (…住民基本台帳… gains "\n住基"). Appending instead of inserting keeps the bigrams of the
 * original text intact. Offsets of the appended part lie past the end of the text; the bigram
 * fields index no offsets.
 */
public final class SynonymCharFilter extends WholeTextCharFilter {

    private final SynonymTable table;

    public SynonymCharFilter(Reader in, SynonymTable table) {
        super(in);
        this.table = table;
    }

    @Override
    protected String rewrite(String text) {
        StringBuilder raw = new StringBuilder(text);
        for (SynonymTable.Match m : table.matches(text)) {
            for (String alt : table.alternatives(m.key())) {
                raw.append('\n').append(alt);
            }
        }
        return raw.toString();
    }
}

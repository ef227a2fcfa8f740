package org.kohyo.index;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Splits the input into lines and emits, for each line, the runs a function gives for it (typed
 * {@link ScriptRunTokenizer#CJK}, offsets of the line). Lets {@link ReadingAnalyzer} cache its
 * per-line kuromoji work.
 */
public final class LineRunsTokenizer extends Tokenizer {

    private final Function<String, List<String>> runsOfLine;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final StringBuilder text = new StringBuilder();
    private boolean filled;
    private int pos;
    private List<String> pending = List.of();
    private int next;
    private int lineStart;
    private int lineEnd;

    public LineRunsTokenizer(Function<String, List<String>> runsOfLine) {
        this.runsOfLine = runsOfLine;
    }

    @Override
    public boolean incrementToken() throws IOException {
        clearAttributes();
        if (!filled) {
            char[] buf = new char[8192];
            int n;
            while ((n = input.read(buf)) != -1) {
                text.append(buf, 0, n);
            }
            filled = true;
        }
        while (next >= pending.size()) {
            if (pos >= text.length()) {
                return false;
            }
            int nl = text.indexOf("\n", pos);
            lineStart = pos;
            lineEnd = nl < 0 ? text.length() : nl;
            pos = lineEnd + 1;
            String line = text.substring(lineStart, lineEnd).strip();
            pending = line.isEmpty() ? List.of() : runsOfLine.apply(line);
            next = 0;
        }
        term.setEmpty().append(pending.get(next++));
        offset.setOffset(correctOffset(lineStart), correctOffset(lineEnd));
        type.setType(ScriptRunTokenizer.CJK);
        return true;
    }

    @Override
    public void end() throws IOException {
        super.end();
        int end = correctOffset(text.length());
        offset.setOffset(end, end);
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        text.setLength(0);
        filled = false;
        pos = 0;
        pending = List.of();
        next = 0;
    }
}

package org.kohyo.index;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * 読みの連結: joins the hiragana readings of adjacent kuromoji words into one run
 * (予防|接種|に|関する → よぼうせっしゅにかんする), so that its bigrams match a kana query typed
 * across word boundaries. Compound tokens (position length &gt; 1, kept by the SEARCH mode) are
 * skipped because their parts carry the same reading; a token that is not all hiragana (latin,
 * digits, a word without reading) or a gap in the offsets ends the run. Runs are typed
 * {@link ScriptRunTokenizer#CJK} for {@link BigramFilter}.
 */
public final class ReadingRunFilter extends TokenFilter {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionLengthAttribute posLen = addAttribute(PositionLengthAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);

    private final StringBuilder run = new StringBuilder();
    private int runStart = -1;
    private int runEnd = -1;
    private final StringBuilder pending = new StringBuilder();
    private int pendingStart;
    private int pendingEnd;
    private boolean hasPending;
    private boolean exhausted;

    public ReadingRunFilter(TokenStream in) {
        super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (hasPending) {
            run.setLength(0);
            run.append(pending);
            runStart = pendingStart;
            runEnd = pendingEnd;
            hasPending = false;
        }
        while (!exhausted) {
            if (!input.incrementToken()) {
                exhausted = true;
                break;
            }
            if (posLen.getPositionLength() > 1) {
                continue;
            }
            boolean kana = JapaneseFolding.isHiragana(term);
            int s = offset.startOffset();
            int e = offset.endOffset();
            if (kana && (run.length() == 0 || s == runEnd)) {
                if (run.length() == 0) {
                    runStart = s;
                }
                run.append(term);
                runEnd = e;
                continue;
            }
            if (kana) {
                pending.setLength(0);
                pending.append(term);
                pendingStart = s;
                pendingEnd = e;
                hasPending = true;
            }
            if (run.length() > 0) {
                return emitRun();
            }
            if (hasPending) {
                return incrementToken();
            }
        }
        if (run.length() > 0) {
            return emitRun();
        }
        return false;
    }

    private boolean emitRun() {
        clearAttributes();
        term.setEmpty().append(run);
        offset.setOffset(runStart, runEnd);
        type.setType(ScriptRunTokenizer.CJK);
        posInc.setPositionIncrement(1);
        run.setLength(0);
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        run.setLength(0);
        pending.setLength(0);
        hasPending = false;
        exhausted = false;
        runStart = runEnd = -1;
    }
}

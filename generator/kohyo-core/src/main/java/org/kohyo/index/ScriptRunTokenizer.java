package org.kohyo.index;

import java.io.IOException;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Splits normalized text into runs: maximal runs of CJK characters (type {@value #CJK}) and
 * maximal runs of other letters and digits (type {@value #WORD}); everything else separates.
 * A word run longer than {@value #MAX_WORD} chars is dropped. Dictionary-free, so the browser can
 * do exactly the same (see {@link JapaneseFolding#charClass(int)}).
 */
public final class ScriptRunTokenizer extends Tokenizer {

    public static final String CJK = "cjk";
    public static final String WORD = "word";
    public static final int MAX_WORD = 255;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);

    private final StringBuilder text = new StringBuilder();
    private int pos;
    private boolean filled;

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
        while (pos < text.length()) {
            int cp = text.codePointAt(pos);
            JapaneseFolding.CharClass cls = JapaneseFolding.charClass(cp);
            if (cls == JapaneseFolding.CharClass.OTHER) {
                pos += Character.charCount(cp);
                continue;
            }
            int start = pos;
            pos += Character.charCount(cp);
            while (pos < text.length()) {
                int c = text.codePointAt(pos);
                if (JapaneseFolding.charClass(c) != cls) {
                    break;
                }
                pos += Character.charCount(c);
            }
            if (cls == JapaneseFolding.CharClass.WORD && pos - start > MAX_WORD) {
                continue;
            }
            term.setEmpty().append(text, start, pos);
            offset.setOffset(correctOffset(start), correctOffset(pos));
            type.setType(cls == JapaneseFolding.CharClass.CJK ? CJK : WORD);
            return true;
        }
        return false;
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
        pos = 0;
        filled = false;
    }
}

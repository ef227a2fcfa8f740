package org.kohyo.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.CharBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.kohyo.text.TextNormalizer;

/**
 * The leak verifier folds with {@link TextNormalizer#fold(char[], int, int, CharBuffer)}, which
 * looks characters up in a table instead of normalizing the whole text: it must give exactly what
 * {@link TextNormalizer#fold(String)} gives (the fragments are folded with that), and
 * {@link TextNormalizer#foldsApart} must only claim cuts that change nothing.
 */
class FoldEquivalenceTest {
    /** Characters that combine with their neighbours under NFKC, or stop others from doing so. */
    private static final String NEIGHBOURS = "e\u0301\u0308\u0323\u0345\u0334\u0338\u3099\u309A\u309B\uFF9E\u1100\u1161\u11A8"
            + "\uAC00\u0B47\u0B3E\u0B57\u0DD9\u0DCF\u00A8\u00A0\u3000\u00AD\u200B\uFEFFｶｱ>か=<\uD800\uDC00";

    @Test
    void everyCharacterAloneAndBetweenNeighbours() {
        for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
            String s = String.valueOf((char) c);
            assertFolds(s);
            // each character with a few of the neighbours it could combine with
            char before = NEIGHBOURS.charAt(c % NEIGHBOURS.length());
            char after = NEIGHBOURS.charAt((c / NEIGHBOURS.length()) % NEIGHBOURS.length());
            assertFolds(before + s + after);
            assertFolds(s + "\u0301" + s);
        }
    }

    @Test
    void decomposedCharactersComposeAgain() {
        // every canonical decomposition, of the first two planes: what composes must compose in the fast fold too
        for (int cp = 0; cp < 0x20000; cp++) {
            if (Character.isDefined(cp) && !Character.isSurrogate((char) cp)) {
                String d = java.text.Normalizer.normalize(Character.toString(cp), java.text.Normalizer.Form.NFD);
                if (d.length() > Character.charCount(cp)) {
                    assertFolds(d);
                    assertFolds("鰐" + d + "鮫");
                }
            }
        }
    }

    @Test
    void randomTexts() {
        Random r = new Random(5);
        String common = "鰐鮫データセンター地下三階のラック列にＴｙｐｅ－２３ｱﾞ①（）・、。abc 123\n\t";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(40);
            for (int k = 0; k < n; k++) {
                switch (r.nextInt(4)) {
                    case 0 -> b.append((char) r.nextInt(Character.MAX_VALUE + 1));
                    case 1 -> b.append(NEIGHBOURS.charAt(r.nextInt(NEIGHBOURS.length())));
                    default -> b.append(common.charAt(r.nextInt(common.length())));
                }
            }
            assertFolds(b.toString());
        }
    }

    @Test
    void foldsApartOnlyWhereNothingJoins() {
        Random r = new Random(9);
        for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
            if (!TextNormalizer.foldsApart((char) c)) {
                continue;
            }
            for (int k = 0; k < 3; k++) {
                String a = String.valueOf(NEIGHBOURS.charAt(r.nextInt(NEIGHBOURS.length())))
                        + NEIGHBOURS.charAt(r.nextInt(NEIGHBOURS.length()));
                String b = (char) c + String.valueOf(NEIGHBOURS.charAt(r.nextInt(NEIGHBOURS.length())));
                if (!TextNormalizer.fold(a + b).equals(TextNormalizer.fold(a) + TextNormalizer.fold(b))) {
                    fail(String.format("U+%04X does not fold apart after %s", c, a));
                }
            }
        }
    }

    private static void assertFolds(String s) {
        // after other text, in a buffer too small: what was there stays, the buffer grows
        CharBuffer out = CharBuffer.allocate(2).put("前");
        char[] chars = ("<" + s + ">").toCharArray();
        CharBuffer folded = TextNormalizer.fold(chars, 1, chars.length - 1, out);
        String expected = "前" + TextNormalizer.fold(s);
        String found = new String(folded.array(), 0, folded.position());
        if (!expected.equals(found)) {
            StringBuilder hex = new StringBuilder();
            s.chars().forEach(ch -> hex.append(String.format("U+%04X ", ch)));
            assertEquals(expected, found, "folding " + hex);
        }
    }
}

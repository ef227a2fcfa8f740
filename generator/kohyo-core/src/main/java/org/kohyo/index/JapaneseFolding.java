package org.kohyo.index;

import java.text.Normalizer;

/**
 * The dictionary-free text folding shared by the index (Java) and the browser (search.js):
 * 全角・半角の正規化 (NFKC per grapheme cluster), ASCII lower-casing, かな折り畳み (カタカナ→ひらがな)
 * and 長音符の除去 (サーバ / サーバー match).
 *
 * <p>This class is the specification: search.js implements the same steps, and
 * tests/search/vectors.json proves that both agree. Change both or neither.
 *
 * <ol>
 *   <li>Split the text into clusters: a code point followed by any combining marks
 *       (Unicode categories Mn, Mc, Me) and half-width (semi-)voiced sound marks U+FF9E/U+FF9F.</li>
 *   <li>NFKC-normalize each cluster (ｷﾞ → ギ, ＬＧＷＡＮ → LGWAN, ㈱ → (株)).</li>
 *   <li>Lower-case A–Z only (no locale rules).</li>
 *   <li>Fold katakana U+30A1–U+30F6 and U+30FD–U+30FE to hiragana (subtract 0x60).</li>
 *   <li>Drop the prolonged sound mark U+30FC (ー).</li>
 * </ol>
 */
public final class JapaneseFolding {

    /** 長音符 KATAKANA-HIRAGANA PROLONGED SOUND MARK. */
    public static final char LONG_VOWEL = '\u30FC';

    private JapaneseFolding() {}

    /** Whether the code point continues the cluster started by the previous one. */
    public static boolean isClusterContinuation(int cp) {
        if (cp == 0xFF9E || cp == 0xFF9F) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /**
     * {@link #widthFold} of every single BMP char that it changes (null where it leaves the char as
     * it is), computed once: the per-char fast path of the index chains.
     */
    private static final String[] CHAR_FOLD = new String[0x10000];

    static {
        for (int c = 0; c < 0x10000; c++) {
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            String f = widthFoldSlow(String.valueOf((char) c));
            if (f.length() != 1 || f.charAt(0) != c) {
                CHAR_FOLD[c] = f;
            }
        }
    }

    /** {@link #widthFold} of one BMP char that is a cluster on its own. */
    static String widthFold(char c) {
        String f = Character.isSurrogate(c) ? null : CHAR_FOLD[c];
        return f != null ? f : String.valueOf(c);
    }

    /** Appends {@link #widthFold} of the cluster {@code text[start, end)} to {@code out}. */
    static void appendWidthFold(CharSequence text, int start, int end, StringBuilder out) {
        if (end == start + 1) {
            char c = text.charAt(start);
            String f = Character.isSurrogate(c) ? null : CHAR_FOLD[c];
            if (f == null && !Character.isSurrogate(c)) {
                out.append(c);
            } else {
                out.append(f != null ? f : widthFoldSlow(text.subSequence(start, end)));
            }
            return;
        }
        out.append(widthFoldSlow(text.subSequence(start, end)));
    }

    /** Step 2 and 3: NFKC of one cluster, then ASCII lower-case. */
    public static String widthFold(CharSequence cluster) {
        if (cluster.length() == 1) {
            return widthFold(cluster.charAt(0));
        }
        return widthFoldSlow(cluster);
    }

    private static String widthFoldSlow(CharSequence cluster) {
        String n = Normalizer.normalize(cluster, Normalizer.Form.NFKC);
        StringBuilder sb = null;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (sb == null) {
                    sb = new StringBuilder(n);
                }
                sb.setCharAt(i, (char) (c + 32));
            }
        }
        return sb == null ? n : sb.toString();
    }

    /** Step 4: katakana → hiragana for one UTF-16 unit; other characters unchanged. */
    public static char kanaFold(char c) {
        if ((c >= '\u30A1' && c <= '\u30F6') || c == '\u30FD' || c == '\u30FE') {
            return (char) (c - 0x60);
        }
        return c;
    }

    /** Step 4 over a string. */
    public static String kanaFold(CharSequence s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            sb.append(kanaFold(s.charAt(i)));
        }
        return sb.toString();
    }

    /** Step 5 over a string. */
    public static String dropLongVowels(CharSequence s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != LONG_VOWEL) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** All steps: the text as both the index and the browser see it before splitting. */
    public static String normalize(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = i;
            i += Character.charCount(Character.codePointAt(text, i));
            while (i < n) {
                int cp = Character.codePointAt(text, i);
                if (!isClusterContinuation(cp)) {
                    break;
                }
                i += Character.charCount(cp);
            }
            String folded = i == start + 1 ? widthFold(text.charAt(start)) : widthFoldSlow(text.subSequence(start, i));
            for (int k = 0; k < folded.length(); k++) {
                char c = kanaFold(folded.charAt(k));
                if (c != LONG_VOWEL) {
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    /** Character classes used to split normalized text into runs. */
    public enum CharClass { CJK, WORD, OTHER }

    /**
     * The class of a code point of normalized text: CJK (hiragana, katakana, kanji, 々〆〇),
     * WORD (any other letter or digit), or OTHER (a separator).
     */
    public static CharClass charClass(int cp) {
        if ((cp >= 0x3041 && cp <= 0x3096) // hiragana
                || (cp >= 0x309D && cp <= 0x309F) // ゝゞゟ
                || (cp >= 0x30A1 && cp <= 0x30FA) // katakana (ヷ–ヺ remain after folding), not ・
                || (cp >= 0x30FC && cp <= 0x30FF) // ー ヽ ヾ ヿ
                || (cp >= 0x3400 && cp <= 0x4DBF) // CJK ext A
                || (cp >= 0x4E00 && cp <= 0x9FFF) // CJK unified
                || (cp >= 0xF900 && cp <= 0xFAFF) // CJK compatibility
                || (cp >= 0x20000 && cp <= 0x3FFFF) // CJK ext B and later
                || cp == 0x3005 || cp == 0x3006 || cp == 0x3007) {
            return CharClass.CJK;
        }
        if (Character.isLetterOrDigit(cp)) {
            return CharClass.WORD;
        }
        return CharClass.OTHER;
    }

    /** Whether every character is hiragana (U+3041–U+309F), and there is at least one. */
    public static boolean isHiragana(CharSequence s) {
        if (s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '\u3041' || c > '\u309F') {
                return false;
            }
        }
        return true;
    }
}

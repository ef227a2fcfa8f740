package org.kohyo.text;

import java.nio.CharBuffer;
import java.text.Normalizer;

/** 表記のゆれの吸収 — normalisation shared by key matching, validation and the leak verifier. */
public final class TextNormalizer {
    /** Characters folded by table between two runs that are normalized together instead. */
    private static final int NEAR = 32;

    private TextNormalizer() {}

    /**
     * The key used to match a source key with a printed label: NFKC (so Ⅰ = I, ① = 1 is NOT applied
     * here because NFKC folds ① to 1 — we keep circled numbers by folding before), without white
     * space and without ：/: separators.
     */
    public static String labelKey(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        String n = Normalizer.normalize(protectCircled(s), Normalizer.Form.NFKC);
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isWhitespace(c) || c == ':' || c == '：' || c == '\u3000') {
                continue;
            }
            b.append(c);
        }
        return unprotectCircled(b.toString());
    }

    /**
     * Folds width and spacing for comparisons of running text (leak verification): NFKC, and every
     * white space and format character removed.
     */
    public static String fold(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC);
        StringBuilder b = new StringBuilder(n.length());
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!removedByFold(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * {@link #fold(String)} for long texts (the leak verifier): puts the folded form of
     * {@code s[from, to)}, the same characters as {@code fold(new String(s, from, to - from))}, into
     * {@code out} at its position. Returns {@code out}, or when it has not room enough a larger
     * buffer that starts with the same characters up to that position; either way positioned after
     * the folded text. The buffer returned is backed by an array ({@link CharBuffer#allocate}), its
     * limit its capacity.
     *
     * <p>Characters that NFKC leaves alone or maps on their own whatever their neighbours (ASCII,
     * kana, kanji, full-width forms: see {@link FoldTable}) are folded by table lookups, runs of
     * kept ones copied at once; only the runs of other characters (combining marks, surrogate
     * pairs…), each with the character before it, which they may combine with, go through the
     * normalizer (with what lies between them when they are close together). The normalizer may
     * cut a text before any character folded by table, so each such run is normalized as it would
     * be within the whole text.
     */
    public static CharBuffer fold(char[] s, int from, int to, CharBuffer out) {
        Folding f = new Folding(out, to - from);
        byte[] kinds = FoldTable.KIND;
        int i = from;
        while (i < to) {
            // a run of characters that stay as they are, copied at once
            int run = i;
            while (i < to && kinds[s[i]] == FoldTable.KEEP) {
                i++;
            }
            if (run < i) {
                f.copy(s, run, i - run);
            }
            if (i < to) {
                i = f.other(s, from, to, i);
            }
        }
        return f.done();
    }

    /**
     * The state of {@link #fold(char[], int, int, CharBuffer)}: the array it writes to, grown as
     * needed, and the handling of the characters that are not simply kept (kept apart from the
     * main loop, which stays small).
     */
    private static final class Folding {
        private CharBuffer buffer;
        private char[] chars;
        /** The next index to write in {@link #chars}. */
        private int at;
        /** Where the folded form of the last character folded starts. */
        private int previous;

        /** Writes after the position of {@code out}, with room for {@code expected} characters. */
        Folding(CharBuffer out, int expected) {
            buffer = out;
            at = out.position();
            if (!out.hasArray() || out.arrayOffset() != 0) {
                buffer = CharBuffer.allocate(at + expected);
                buffer.put(out.duplicate().flip());
            }
            chars = buffer.array();
            previous = at;
            room(expected);
        }

        /**
         * Makes room for {@code n} more characters. There is always room for one character per
         * character left to read: only mapped and normalized characters ask for more.
         */
        private void room(int n) {
            if (at + n > chars.length) {
                CharBuffer larger = CharBuffer.allocate(Math.max(2 * chars.length, at + n));
                System.arraycopy(chars, 0, larger.array(), 0, at);
                buffer = larger;
                chars = larger.array();
            }
        }

        /** Writes {@code s[from, from + n)}, characters that stay as they are. */
        void copy(char[] s, int from, int n) {
            System.arraycopy(s, from, chars, at, n);
            at += n;
            previous = at - 1;
        }

        /** Folds the character at {@code i} in {@code s[from, to)}, which is not simply kept; returns where to go on. */
        int other(char[] s, int from, int to, int i) {
            char c = s[i];
            byte kind = FoldTable.KIND[c];
            if (kind == FoldTable.OTHER || kind == FoldTable.SURROGATE && !isLone(s, from, to, i)) {
                return normalized(s, from, to, i);
            }
            previous = at;
            if (kind == FoldTable.MAP) {
                String m = FoldTable.MAPPED[c];
                room(m.length() + to - i);
                m.getChars(0, m.length(), chars, at);
                at += m.length();
                return i + 1;
            }
            if (kind == FoldTable.SURROGATE) {
                chars[at++] = c;
            }
            // else DROP: white space or a format character that NFKC leaves alone
            return i + 1;
        }

        /**
         * Folds through the normalizer the run of characters that needs it from {@code i}, with the
         * character before it, which they may combine with, and with the next such runs when they
         * are close (fewer calls in binary data); returns where to go on.
         */
        private int normalized(char[] s, int from, int to, int i) {
            int end = i + 1;
            for (int j = end; j < to && j - end < NEAR; j++) {
                byte kind = FoldTable.KIND[s[j]];
                if (kind == FoldTable.OTHER || kind == FoldTable.SURROGATE && !isLone(s, from, to, j)) {
                    end = j + 1;
                }
            }
            int start = i;
            if (i > from) {
                // take back the character before: it is normalized again with the run
                start = i - 1;
                at = previous;
            }
            previous = at;
            String n = Normalizer.normalize(new String(s, start, end - start), Normalizer.Form.NFKC);
            room(n.length() + to - end);
            for (int k = 0; k < n.length(); k++) {
                char d = n.charAt(k);
                if ((FoldTable.REMOVED[d >>> 6] & (1L << d)) == 0) {
                    chars[at++] = d;
                }
            }
            return end;
        }

        CharBuffer done() {
            return buffer.limit(buffer.capacity()).position(at);
        }
    }

    /**
     * Whether {@code fold(a + b)} is {@code fold(a) + fold(b)} for every {@code a} when {@code b}
     * starts with {@code c}: true of the characters that {@link #fold(char[], int, int, CharBuffer)}
     * folds by table.
     */
    public static boolean foldsApart(char c) {
        byte kind = FoldTable.KIND[c];
        return kind == FoldTable.KEEP || kind == FoldTable.DROP || kind == FoldTable.MAP;
    }

    /** Whether the surrogate at {@code i} is unpaired within {@code s[from, to)}. */
    private static boolean isLone(char[] s, int from, int to, int i) {
        return Character.isHighSurrogate(s[i])
                ? i + 1 == to || !Character.isLowSurrogate(s[i + 1])
                : i == from || !Character.isHighSurrogate(s[i - 1]);
    }

    /**
     * How {@link #fold(char[], int, int, CharBuffer)} treats each UTF-16 unit, worked out from
     * the normalizer itself on first use. A character is <em>stable</em> when NFKC keeps it and it
     * never combines with a neighbour: NFKC leaves it alone, its combining class is 0 (it does not
     * move past a mark placed before or after it) and it is not the second half of any canonical
     * composition. A text of stable characters is in NFKC, so is a text of characters whose own NFKC
     * is made of stable characters, once each is replaced by it (NFKC depends only on the full
     * decomposition, which is the same for both); and NFKC can cut a text in two before any of them.
     * An unpaired surrogate is stable too. Everything else (marks, Hangul jamo, surrogate pairs…)
     * goes through the normalizer with the character before it.
     */
    private static final class FoldTable {
        /** Stable, kept by folding. */
        static final byte KEEP = 0;
        /** Stable, removed by folding (white space, format characters). */
        static final byte DROP = 1;
        /** Replaced by {@link #MAPPED} (its NFKC, folded). */
        static final byte MAP = 2;
        /** Needs the normalizer. */
        static final byte OTHER = 3;
        /** Stable when unpaired, else part of a supplementary character that needs the normalizer. */
        static final byte SURROGATE = 4;
        static final byte[] KIND = new byte[Character.MAX_VALUE + 1];
        static final String[] MAPPED = new String[Character.MAX_VALUE + 1];
        /** {@link #removedByFold}, one bit per UTF-16 unit. */
        static final long[] REMOVED = new long[(Character.MAX_VALUE + 1) >>> 6];

        static {
            // what follows the first character of a canonical decomposition may combine with the
            // character before it (the planes past the first two have no such decompositions)
            boolean[] second = new boolean[Character.MAX_VALUE + 1];
            for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
                if (removedByFold((char) c)) {
                    REMOVED[c >>> 6] |= 1L << c;
                }
            }
            for (int cp = 0; cp < 0x20000; cp++) {
                if (Character.isSurrogate((char) cp) || cp > Character.MAX_VALUE && !Character.isDefined(cp)) {
                    continue;
                }
                String d = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFD);
                for (int i = Character.charCount(d.codePointAt(0)); i < d.length(); i++) {
                    second[d.charAt(i)] = true;
                }
            }
            boolean[] stable = new boolean[Character.MAX_VALUE + 1];
            char[] probe = {'\u0345', 0, '\u0334'};
            for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
                // U+0345 (class 240) before and U+0334 (class 1) after: a character of class 0 keeps
                // them in place, any other is reordered with them
                probe[1] = (char) c;
                String p = new String(probe);
                stable[c] = !Character.isSurrogate((char) c) && !second[c] && Normalizer.normalize(p, Normalizer.Form.NFKC).equals(p);
            }
            for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
                if (Character.isSurrogate((char) c)) {
                    KIND[c] = SURROGATE;
                } else if (stable[c]) {
                    KIND[c] = removedByFold((char) c) ? DROP : KEEP;
                } else {
                    String n = Normalizer.normalize(String.valueOf((char) c), Normalizer.Form.NFKC);
                    if (n.chars().allMatch(d -> stable[d])) {
                        KIND[c] = MAP;
                        StringBuilder kept = new StringBuilder();
                        n.chars().filter(d -> !removedByFold((char) d)).forEach(d -> kept.append((char) d));
                        MAPPED[c] = kept.toString();
                    } else {
                        KIND[c] = OTHER;
                    }
                }
            }
        }
    }

    /**
     * Whether folding drops {@code c} (after NFKC): white space and invisible format characters
     * (soft hyphen, zero-width space/joiners, BOM) cannot hide a leak.
     */
    private static boolean removedByFold(char c) {
        return Character.isWhitespace(c) || c == '\u3000' || Character.getType(c) == Character.FORMAT;
    }

    // NFKC turns ① into 1; numbering must stay distinct from digits in labels, so circled numbers
    // are shielded in the private use area during normalisation.
    private static String protectCircled(String s) {
        if (!hasCharIn(s, '\u2460', '\u2473')) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\u2460' && c <= '\u2473') {
                b.append((char) (0xE100 + (c - 0x2460)));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String unprotectCircled(String s) {
        if (!hasCharIn(s, '\uE100', '\uE113')) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\uE100' && c <= '\uE113') {
                b.append((char) (0x2460 + (c - 0xE100)));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean hasCharIn(String s, char from, char to) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= from && c <= to) {
                return true;
            }
        }
        return false;
    }
}

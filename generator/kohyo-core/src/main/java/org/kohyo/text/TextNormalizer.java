package org.kohyo.text;

import java.text.Normalizer;

/** 表記のゆれの吸収 — normalisation shared by key matching, validation and the leak verifier. */
public final class TextNormalizer {
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
            // white space and invisible format characters (soft hyphen, zero-width space/joiners,
            // BOM) cannot hide a leak
            if (!Character.isWhitespace(c) && c != '\u3000' && Character.getType(c) != Character.FORMAT) {
                b.append(c);
            }
        }
        return b.toString();
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

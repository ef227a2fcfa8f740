package org.kohyo.index;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * 抜粋 (snippets): the build splits each body into passages; the browser (search.js) and
 * {@link StaticSearcher} pick the passage most query terms point to and mark the query's matches
 * in it. {@link #choose} and {@link #marks} are mirrored in search.js ({@code choosePassage},
 * {@code marks}) and checked by tests/search/vectors.json.
 */
public final class Passages {

    private Passages() {}

    /**
     * Splits a body into passages of at most {@code max} code points: white space collapsed, lines
     * split after 。！？!?, sentences of a line joined, short lines joined with a space until a
     * passage reaches {@code max / 3} code points; a sentence longer than {@code max} is cut into
     * even pieces. The first passage is the document's opening text.
     */
    public static List<String> split(String body, int max) {
        List<String> out = new ArrayList<>();
        for (List<String> parts : splitParts(body, max)) {
            out.add(String.join("", parts));
        }
        return out;
    }

    /**
     * {@link #split} with each passage as its parts (sentences or pieces of them, a joining space
     * ending the part before it): the parts repeat across documents where whole passages do not,
     * so the build analyzes parts, and its per-line reading cache hits.
     */
    static List<List<String>> splitParts(String body, int max) {
        List<List<String>> out = new ArrayList<>();
        if (body == null || max < 1) {
            return out;
        }
        int min = Math.max(1, max / 3);
        List<String> cur = new ArrayList<>();
        int curLen = 0;
        for (String raw : body.split("\n")) {
            String line = raw.replaceAll("[\\s\\u3000]+", " ").strip();
            if (line.isEmpty()) {
                continue;
            }
            if (curLen >= min) {
                out.add(List.copyOf(cur));
                cur.clear();
                curLen = 0;
            }
            boolean newLine = true;
            for (String sentence : sentences(line)) {
                for (String piece : pieces(sentence, max)) {
                    int len = piece.codePointCount(0, piece.length());
                    int sep = curLen > 0 && newLine ? 1 : 0;
                    if (curLen > 0 && curLen + sep + len > max) {
                        out.add(List.copyOf(cur));
                        cur.clear();
                        curLen = 0;
                        sep = 0;
                    }
                    if (sep == 1) {
                        cur.set(cur.size() - 1, cur.get(cur.size() - 1) + " ");
                    }
                    cur.add(piece);
                    curLen += sep + len;
                    newLine = false;
                }
            }
        }
        if (curLen > 0) {
            out.add(List.copyOf(cur));
        }
        return out;
    }

    private static List<String> sentences(String line) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '。' || c == '！' || c == '？' || c == '!' || c == '?') {
                int end = i + 1;
                while (end < line.length() && (line.charAt(end) == '」' || line.charAt(end) == '）'
                        || line.charAt(end) == ')' || line.charAt(end) == ' ')) {
                    end++;
                }
                String s = line.substring(start, end).strip();
                if (!s.isEmpty()) {
                    out.add(s);
                }
                start = end;
                i = end - 1;
            }
        }
        String rest = line.substring(start).strip();
        if (!rest.isEmpty()) {
            out.add(rest);
        }
        return out;
    }

    private static List<String> pieces(String s, int max) {
        int len = s.codePointCount(0, s.length());
        if (len <= max) {
            return List.of(s);
        }
        int n = (len + max - 1) / max;
        int size = (len + n - 1) / n;
        List<String> out = new ArrayList<>(n);
        int from = 0;
        while (from < s.length()) {
            int to = s.offsetByCodePoints(from, Math.min(size, s.codePointCount(from, s.length())));
            out.add(s.substring(from, to));
            from = to;
        }
        return out;
    }

    /**
     * The passage to show: given, for each query term (unique, first-seen order over the
     * variants) that has a posting for the document, the posting's passage value (0 = none,
     * otherwise the passage's number within the document + 1), the value most terms give; a tie goes
     * to the smallest value.
     * 0 when no term points anywhere (show the opening passage).
     */
    public static int choose(int[] values) {
        int best = 0;
        int bestCount = 0;
        for (int v : values) {
            if (v <= 0) {
                continue;
            }
            int count = 0;
            for (int w : values) {
                if (w == v) {
                    count++;
                }
            }
            if (count > bestCount || (count == bestCount && v < best)) {
                best = v;
                bestCount = count;
            }
        }
        return best;
    }

    /** Normalized text ({@link JapaneseFolding#normalize}) and, per output char, its source [from, to). */
    record Mapped(String text, int[] from, int[] to) {}

    static Mapped normalizeMapped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int[] from = new int[text.length() * 4 + 4];
        int[] to = new int[from.length];
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = i;
            i += Character.charCount(text.codePointAt(i));
            while (i < n) {
                int cp = text.codePointAt(i);
                if (!JapaneseFolding.isClusterContinuation(cp)) {
                    break;
                }
                i += Character.charCount(cp);
            }
            String folded = JapaneseFolding.widthFold(text.substring(start, i));
            for (int k = 0; k < folded.length(); k++) {
                char c = JapaneseFolding.kanaFold(folded.charAt(k));
                if (c == JapaneseFolding.LONG_VOWEL) {
                    continue;
                }
                if (out.length() == from.length) {
                    from = java.util.Arrays.copyOf(from, from.length * 2);
                    to = java.util.Arrays.copyOf(to, to.length * 2);
                }
                from[out.length()] = start;
                to[out.length()] = i;
                out.append(c);
            }
        }
        return new Mapped(out.toString(), from, to);
    }

    private static boolean isBigram(String t) {
        return t.codePointCount(0, t.length()) == 2
                && JapaneseFolding.charClass(t.codePointAt(0)) == JapaneseFolding.CharClass.CJK;
    }

    /**
     * The ranges [start, end) of {@code text} (UTF-16 offsets into the original text) to mark for
     * the query's variants (term lists, see {@link QueryAnalyzer#variants}), sorted, overlapping
     * and touching ranges merged. Every occurrence of a term in the normalized text is marked,
     * except a CJK bigram of a variant with more terms that no other occurrence of one of that
     * variant's bigrams continues or precedes (so 住民基本台帳 does not mark the 基本 of 基本情報). A
     * range extends over long vowels (ー, ｰ) that directly follow it.
     */
    public static List<int[]> marks(String text, List<List<String>> variants) {
        Mapped m = normalizeMapped(text);
        String s = m.text();
        List<int[]> ranges = new ArrayList<>();
        for (List<String> v : variants) {
            List<int[]> occ = new ArrayList<>(); // [start, end, bigram?, next]
            Set<Integer> starts = new HashSet<>();
            Set<Integer> nexts = new HashSet<>();
            for (String t : v) {
                if (t.isEmpty()) {
                    continue;
                }
                boolean bigram = isBigram(t);
                int first = Character.charCount(t.codePointAt(0));
                for (int i = s.indexOf(t); i >= 0; i = s.indexOf(t, i + 1)) {
                    occ.add(new int[] {i, i + t.length(), bigram ? 1 : 0, i + first});
                    if (bigram) {
                        starts.add(i);
                        nexts.add(i + first);
                    }
                }
            }
            for (int[] o : occ) {
                if (o[2] == 0 || v.size() == 1 || starts.contains(o[3]) || nexts.contains(o[0])) {
                    int end = m.to()[o[1] - 1];
                    // the folding drops long vowels: mark the ー that ends サーバー as well
                    while (end < text.length() && (text.charAt(end) == '\u30FC' || text.charAt(end) == '\uFF70')) {
                        end++;
                    }
                    ranges.add(new int[] {m.from()[o[0]], end});
                }
            }
        }
        ranges.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        List<int[]> merged = new ArrayList<>();
        for (int[] r : ranges) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r[0] <= last[1]) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(new int[] {r[0], r[1]});
            }
        }
        return merged;
    }
}

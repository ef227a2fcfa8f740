package org.kohyo.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * 同義語表: rules from a normalized phrase to its alternatives, read from lines in the Solr
 * synonym format ({@code a, b, c} makes equivalents; {@code a, b => c, d} rewrites a and b to
 * c or d; {@code #} starts a comment line). Every phrase is normalized with
 * {@link JapaneseFolding#normalize}, so マイナンバー and ﾏｲﾅﾝﾊﾞｰ are one key.
 *
 * <p>Matching is longest-leftmost and non-overlapping; a key that starts (ends) with a letter or
 * digit outside CJK must start (end) at a word boundary, so "pia" does not match inside "olympia".
 * search.js implements {@link #matches} and {@link #variants} identically from {@link #rules()},
 * which the static index ships.
 */
public final class SynonymTable {

    /** The most query variants (the query itself included) that {@link #variants} returns. */
    public static final int MAX_VARIANTS = 8;

    /** One occurrence of a key in a text. */
    public record Match(int start, int end, String key) {}

    private final TreeMap<String, List<String>> rules;
    /** Keys by first char, longest first. */
    private final Map<Character, List<String>> byFirst = new java.util.HashMap<>();

    private SynonymTable(TreeMap<String, List<String>> rules) {
        this.rules = rules;
        for (String k : rules.keySet()) {
            byFirst.computeIfAbsent(k.charAt(0), c -> new ArrayList<>()).add(k);
        }
        byFirst.values().forEach(l -> l.sort((a, b) -> a.length() != b.length() ? b.length() - a.length() : a.compareTo(b)));
    }

    /** A table from already normalized rules (as shipped in the static index manifest). */
    public static SynonymTable of(Map<String, List<String>> normalizedRules) {
        TreeMap<String, List<String>> rules = new TreeMap<>();
        normalizedRules.forEach((k, v) -> {
            if (!k.isEmpty() && !v.isEmpty()) {
                rules.put(k, List.copyOf(v));
            }
        });
        return new SynonymTable(rules);
    }

    /** An empty table. */
    public static SynonymTable empty() {
        return new SynonymTable(new TreeMap<>());
    }

    /**
     * Parses synonym lines.
     *
     * @throws IllegalArgumentException for a malformed line, naming its number
     */
    public static SynonymTable parse(List<String> lines) {
        TreeMap<String, TreeSet<String>> acc = new TreeMap<>();
        int no = 0;
        for (String raw : lines) {
            no++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int arrow = line.indexOf("=>");
            if (arrow >= 0) {
                List<String> from = phrases(line.substring(0, arrow), no);
                List<String> to = phrases(line.substring(arrow + 2), no);
                if (from.isEmpty() || to.isEmpty() || line.indexOf("=>", arrow + 2) >= 0) {
                    throw new IllegalArgumentException("synonym line " + no + ": expected 'a, b => c, d': " + raw);
                }
                for (String f : from) {
                    for (String t : to) {
                        if (!t.equals(f)) {
                            acc.computeIfAbsent(f, k -> new TreeSet<>()).add(t);
                        }
                    }
                }
            } else {
                List<String> group = phrases(line, no);
                if (group.size() < 2) {
                    throw new IllegalArgumentException("synonym line " + no + ": a group needs two or more phrases: " + raw);
                }
                for (String a : group) {
                    for (String b : group) {
                        if (!a.equals(b)) {
                            acc.computeIfAbsent(a, k -> new TreeSet<>()).add(b);
                        }
                    }
                }
            }
        }
        TreeMap<String, List<String>> rules = new TreeMap<>();
        acc.forEach((k, v) -> {
            if (!v.isEmpty()) {
                rules.put(k, List.copyOf(v));
            }
        });
        return new SynonymTable(rules);
    }

    private static List<String> phrases(String part, int no) {
        List<String> out = new ArrayList<>();
        for (String p : part.split(",")) {
            String n = JapaneseFolding.normalize(p.strip()).strip();
            if (n.isEmpty()) {
                continue;
            }
            if (!out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** The rules, normalized key to sorted alternatives, in key order. */
    public Map<String, List<String>> rules() {
        return Collections.unmodifiableMap(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Longest-leftmost, non-overlapping occurrences of keys in normalized text. */
    public List<Match> matches(String text) {
        List<Match> out = new ArrayList<>();
        if (rules.isEmpty()) {
            return out;
        }
        int i = 0;
        int n = text.length();
        while (i < n) {
            String best = null;
            List<String> candidates = byFirst.get(text.charAt(i));
            if (candidates != null) {
                for (String k : candidates) {
                    if (text.startsWith(k, i) && bounded(text, i, i + k.length())) {
                        best = k;
                        break;
                    }
                }
            }
            if (best != null) {
                out.add(new Match(i, i + best.length(), best));
                i += best.length();
            } else {
                i++;
            }
        }
        return out;
    }

    private static boolean bounded(String text, int start, int end) {
        if (isWord(text.charAt(start)) && start > 0 && isWord(text.charAt(start - 1))) {
            return false;
        }
        return !(isWord(text.charAt(end - 1)) && end < text.length() && isWord(text.charAt(end)));
    }

    private static boolean isWord(char c) {
        return JapaneseFolding.charClass(c) == JapaneseFolding.CharClass.WORD;
    }

    /** The alternatives of one key (empty when it is not a key). */
    public List<String> alternatives(String key) {
        return rules.getOrDefault(key, List.of());
    }

    /**
     * The query variants of a normalized query: the query itself first, then, for each match in
     * order and each of its alternatives in order, the query with that one occurrence replaced;
     * duplicates dropped, at most {@link #MAX_VARIANTS}.
     */
    public List<String> variants(String normalizedQuery) {
        Set<String> out = new LinkedHashSet<>();
        out.add(normalizedQuery);
        for (Match m : matches(normalizedQuery)) {
            for (String alt : rules.get(m.key())) {
                if (out.size() >= MAX_VARIANTS) {
                    return List.copyOf(out);
                }
                out.add(normalizedQuery.substring(0, m.start()) + alt + normalizedQuery.substring(m.end()));
            }
        }
        return List.copyOf(out);
    }
}

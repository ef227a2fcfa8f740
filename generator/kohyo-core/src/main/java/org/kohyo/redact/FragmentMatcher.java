package org.kohyo.redact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * 断片の照合 — finds known fragments in folded text in one pass. Each distinct fragment text is
 * keyed by a rolling hash of its first {@link #LONG} characters (or {@link #SHORT} for shorter
 * ones); scanning computes both rolling hashes at every position and compares only the candidates
 * exactly. The same text owned by many withheld parts is compared once. Cost: linear in the text,
 * whatever the number of fragments.
 */
final class FragmentMatcher {
    static final int SHORT = 4;
    static final int LONG = 10;
    private static final long BASE = 1_000_003L;

    /** A fragment to find, with its owner. */
    record Fragment(String text, String document, int number) {}

    private final Map<String, List<Fragment>> owners = new LinkedHashMap<>();
    private final Map<Long, List<String>> byLong = new HashMap<>();
    private final Map<Long, List<String>> byShort = new HashMap<>();
    private final List<String> tiny = new ArrayList<>();
    private final long powLong;
    private final long powShort;

    FragmentMatcher(List<Fragment> fragments) {
        this.powLong = pow(LONG - 1);
        this.powShort = pow(SHORT - 1);
        for (Fragment f : fragments) {
            List<Fragment> o = owners.computeIfAbsent(f.text(), k -> new ArrayList<>());
            if (o.isEmpty()) {
                String t = f.text();
                if (t.length() >= LONG) {
                    byLong.computeIfAbsent(hash(t, 0, LONG), k -> new ArrayList<>()).add(t);
                } else if (t.length() >= SHORT) {
                    byShort.computeIfAbsent(hash(t, 0, SHORT), k -> new ArrayList<>()).add(t);
                } else {
                    tiny.add(t);
                }
            }
            o.add(f);
        }
    }

    boolean isEmpty() {
        return owners.isEmpty();
    }

    private static long pow(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= BASE;
        }
        return p;
    }

    private static long hash(CharSequence s, int from, int len) {
        long h = 0;
        for (int i = from; i < from + len; i++) {
            h = h * BASE + s.charAt(i);
        }
        return h;
    }

    /** Calls {@code hit} for every owner of every fragment found in {@code text} (possibly more than once). */
    void scan(String text, Consumer<Fragment> hit) {
        int n = text.length();
        if (!byShort.isEmpty() && n >= SHORT) {
            roll(text, SHORT, powShort, byShort, hit);
        }
        if (!byLong.isEmpty() && n >= LONG) {
            roll(text, LONG, powLong, byLong, hit);
        }
        for (String t : tiny) {
            if (text.contains(t)) {
                owners.get(t).forEach(hit);
            }
        }
    }

    private void roll(String text, int len, long pow, Map<Long, List<String>> index, Consumer<Fragment> hit) {
        long h = hash(text, 0, len);
        for (int i = 0; ; i++) {
            List<String> candidates = index.get(h);
            if (candidates != null) {
                for (String t : candidates) {
                    if (text.startsWith(t, i)) {
                        owners.get(t).forEach(hit);
                    }
                }
            }
            if (i + len >= text.length()) {
                break;
            }
            h = (h - text.charAt(i) * pow) * BASE + text.charAt(i + len);
        }
    }
}

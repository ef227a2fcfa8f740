package org.kohyo.redact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * 断片の照合 — finds known fragments in folded text in one pass: a rolling hash over windows of
 * {@link #WINDOW} characters selects candidates, which are then compared exactly. Fragments shorter
 * than the window are looked up with {@link String#indexOf}. No substring is built per position.
 */
final class FragmentMatcher {
    static final int WINDOW = 6;
    private static final long BASE = 1_000_003L;

    /** A fragment to find, with its owner. */
    record Fragment(String text, String document, int number) {}

    private final Map<Long, List<Fragment>> byWindowHash = new HashMap<>();
    private final List<Fragment> shortOnes = new ArrayList<>();
    private final long basePow;

    FragmentMatcher(List<Fragment> fragments) {
        long p = 1;
        for (int i = 0; i < WINDOW - 1; i++) {
            p *= BASE;
        }
        this.basePow = p;
        for (Fragment f : fragments) {
            if (f.text().length() >= WINDOW) {
                byWindowHash.computeIfAbsent(hash(f.text(), 0), k -> new ArrayList<>()).add(f);
            } else {
                shortOnes.add(f);
            }
        }
    }

    boolean isEmpty() {
        return byWindowHash.isEmpty() && shortOnes.isEmpty();
    }

    private static long hash(CharSequence s, int from) {
        long h = 0;
        for (int i = from; i < from + WINDOW; i++) {
            h = h * BASE + s.charAt(i);
        }
        return h;
    }

    /** Calls {@code hit} for every fragment found in {@code text} (possibly more than once). */
    void scan(String text, Consumer<Fragment> hit) {
        if (!byWindowHash.isEmpty() && text.length() >= WINDOW) {
            long h = hash(text, 0);
            for (int i = 0; ; i++) {
                List<Fragment> candidates = byWindowHash.get(h);
                if (candidates != null) {
                    for (Fragment f : candidates) {
                        if (text.startsWith(f.text(), i)) {
                            hit.accept(f);
                        }
                    }
                }
                if (i + WINDOW >= text.length()) {
                    break;
                }
                h = (h - text.charAt(i) * basePow) * BASE + text.charAt(i + WINDOW);
            }
        }
        for (Fragment f : shortOnes) {
            if (text.contains(f.text())) {
                hit.accept(f);
            }
        }
    }
}

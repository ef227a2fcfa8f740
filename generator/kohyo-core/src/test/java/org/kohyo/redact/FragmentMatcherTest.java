package org.kohyo.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FragmentMatcher} reports every owner of every fragment in the text, in a fixed order:
 * fragments of {@link FragmentMatcher#SHORT} to {@link FragmentMatcher#LONG} characters by position,
 * then longer ones by position, then the shorter ones in the order they were given. Checked against
 * a plain search on texts over a small alphabet, where hash collisions and overlaps abound.
 */
class FragmentMatcherTest {
    @Test
    void findsWhatAPlainSearchFinds() {
        Random r = new Random(17);
        String alphabet = "鰐鮫デaA1";
        for (int round = 0; round < 300; round++) {
            List<FragmentMatcher.Fragment> fragments = new ArrayList<>();
            int count = 1 + r.nextInt(40);
            for (int i = 0; i < count; i++) {
                String text = random(r, alphabet, 1 + r.nextInt(14));
                // some texts owned by several parts
                int owners = r.nextInt(4) == 0 ? 2 : 1;
                for (int o = 0; o < owners; o++) {
                    fragments.add(new FragmentMatcher.Fragment(text, "d" + r.nextInt(5), i * 10 + o));
                }
            }
            FragmentMatcher matcher = new FragmentMatcher(fragments);
            for (int t = 0; t < 5; t++) {
                String text = random(r, alphabet, r.nextInt(300));
                List<FragmentMatcher.Fragment> found = new ArrayList<>();
                matcher.scan(text, found::add);
                assertEquals(plainSearch(fragments, text), found, text);
                List<FragmentMatcher.Fragment> fromArray = new ArrayList<>();
                char[] padded = (text + "鰐鮫鰐鮫鰐鮫鰐鮫鰐鮫鰐鮫鰐鮫鰐鮫").toCharArray();
                matcher.scan(padded, text.length(), fromArray::add);
                assertEquals(found, fromArray, "only the given length is searched");
            }
        }
    }

    @Test
    void longestIsTheLongestFragment() {
        FragmentMatcher m = new FragmentMatcher(List.of(new FragmentMatcher.Fragment("abcd", "d", 1),
                new FragmentMatcher.Fragment("鰐鮫データセンター地下三階", "d", 2)));
        assertEquals(13, m.longest());
        assertTrue(new FragmentMatcher(List.of()).isEmpty());
    }

    /** The order of the original matcher, by brute force. */
    private static List<FragmentMatcher.Fragment> plainSearch(List<FragmentMatcher.Fragment> fragments, String text) {
        Map<String, List<FragmentMatcher.Fragment>> owners = new LinkedHashMap<>();
        for (FragmentMatcher.Fragment f : fragments) {
            owners.computeIfAbsent(f.text(), k -> new ArrayList<>()).add(f);
        }
        List<FragmentMatcher.Fragment> out = new ArrayList<>();
        if (text.length() >= FragmentMatcher.SHORT) {
            byPosition(owners, text, FragmentMatcher.SHORT, FragmentMatcher.LONG, out);
        }
        if (text.length() >= FragmentMatcher.LONG) {
            byPosition(owners, text, FragmentMatcher.LONG, Integer.MAX_VALUE, out);
        }
        owners.forEach((t, o) -> {
            if (t.length() < FragmentMatcher.SHORT && text.contains(t)) {
                out.addAll(o);
            }
        });
        return out;
    }

    private static void byPosition(Map<String, List<FragmentMatcher.Fragment>> owners, String text, int min, int max,
                                   List<FragmentMatcher.Fragment> out) {
        for (int i = 0; i < text.length(); i++) {
            for (Map.Entry<String, List<FragmentMatcher.Fragment>> e : owners.entrySet()) {
                String t = e.getKey();
                if (t.length() >= min && t.length() < max && text.startsWith(t, i)) {
                    out.addAll(e.getValue());
                }
            }
        }
    }

    private static String random(Random r, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}

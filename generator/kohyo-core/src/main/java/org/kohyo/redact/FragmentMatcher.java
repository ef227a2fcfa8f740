package org.kohyo.redact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * 断片の照合 — finds known fragments in folded text in one pass. Each distinct fragment text is
 * keyed by a rolling hash of its first {@link #LONG} characters (or {@link #SHORT} for shorter
 * ones); scanning computes both rolling hashes at every position and compares only the candidates
 * exactly. The same text owned by many withheld parts is compared once. Cost: linear in the text,
 * whatever the number of fragments.
 *
 * <p>The hashes live in primitive tables: a bit filter small enough to stay in the processor's
 * cache rejects almost every position with one memory access, and only the rest look up their
 * candidates. Fragments shorter than {@link #SHORT} are found by their first character.
 *
 * <p>Two ways to scan: {@link #scan} reports every owner of every fragment found (the leak
 * verifier, which names the withheld part); {@link #mark} only marks, in {@link Marks} shared by
 * any number of threads without a lock, which distinct texts occur (the catalog's 公開部分にもある断片,
 * where owners are looked up once at the end and a text already marked is not compared again).
 */
final class FragmentMatcher {
    static final int SHORT = 4;
    static final int LONG = 10;
    private static final long BASE = 1_000_003L;

    /** A fragment to find, with its owner. */
    record Fragment(String text, String document, int number) {}

    /** One distinct fragment text, its number among the distinct texts, and every fragment that has it. */
    private record Entry(int id, char[] text, List<Fragment> owners) {}

    /**
     * What a scan does with each distinct fragment text that it meets at a position: whether it
     * still wants it compared, and what to do when it is there.
     */
    private interface Found {
        /** Whether {@code e} is to be compared at all (false: it is known to be found already). */
        boolean wanted(Entry e);

        void found(Entry e);
    }

    /** The distinct fragment texts, in the order they were first given. */
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final HashIndex byLong;
    private final HashIndex byShort;
    /** Fragments shorter than {@link #SHORT}, in the order they were first given. */
    private final Entry[] tiny;
    /** The first characters of the entries of {@link #tiny}, sorted. */
    private final char[] tinyFirstChars;
    /** The indexes in {@link #tiny} of the entries that start with each of {@link #tinyFirstChars}. */
    private final int[][] tinyByFirst;
    /** Bit per first character of a tiny fragment. */
    private final long[] tinyFirst = new long[1024];
    private final int longest;

    FragmentMatcher(List<Fragment> fragments) {
        Map<String, List<Fragment>> owners = new LinkedHashMap<>();
        for (Fragment f : fragments) {
            owners.computeIfAbsent(f.text(), k -> new ArrayList<>()).add(f);
        }
        Map<Long, List<Entry>> longs = new LinkedHashMap<>();
        Map<Long, List<Entry>> shorts = new LinkedHashMap<>();
        List<Entry> tinies = new ArrayList<>();
        int max = 0;
        for (Map.Entry<String, List<Fragment>> e : owners.entrySet()) {
            String t = e.getKey();
            Entry entry = new Entry(entries.size(), t.toCharArray(), List.copyOf(e.getValue()));
            entries.put(t, entry);
            max = Math.max(max, t.length());
            if (t.length() >= LONG) {
                longs.computeIfAbsent(hash(entry.text(), 0, LONG), k -> new ArrayList<>()).add(entry);
            } else if (t.length() >= SHORT) {
                shorts.computeIfAbsent(hash(entry.text(), 0, SHORT), k -> new ArrayList<>()).add(entry);
            } else {
                tinies.add(entry);
            }
        }
        this.byLong = new HashIndex(LONG, longs);
        this.byShort = new HashIndex(SHORT, shorts);
        this.tiny = tinies.toArray(new Entry[0]);
        TreeMap<Character, List<Integer>> first = new TreeMap<>();
        for (int i = 0; i < tiny.length; i++) {
            if (tiny[i].text().length == 0) {
                continue;
            }
            char c = tiny[i].text()[0];
            first.computeIfAbsent(c, k -> new ArrayList<>()).add(i);
            tinyFirst[c >>> 6] |= 1L << c;
        }
        this.tinyFirstChars = new char[first.size()];
        this.tinyByFirst = new int[first.size()][];
        int k = 0;
        for (Map.Entry<Character, List<Integer>> e : first.entrySet()) {
            tinyFirstChars[k] = e.getKey();
            tinyByFirst[k++] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
        }
        this.longest = max;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The length of the longest fragment: a match that spans a cut in a text is at most this long. */
    int longest() {
        return longest;
    }

    private static long hash(char[] s, int from, int len) {
        long h = 0;
        for (int i = from; i < from + len; i++) {
            h = h * BASE + s[i];
        }
        return h;
    }

    /** Calls {@code hit} for every owner of every fragment found in {@code text} (possibly more than once). */
    void scan(String text, Consumer<Fragment> hit) {
        char[] a = text.toCharArray();
        scan(a, a.length, hit);
    }

    /**
     * Calls {@code hit} for every owner of every fragment found in the first {@code length}
     * characters of {@code text} (possibly more than once): first those found by the short hash,
     * then by the long hash, in the order of the text, then the tiny fragments in their order.
     */
    void scan(char[] text, int length, Consumer<Fragment> hit) {
        find(text, length, new Found() {
            @Override
            public boolean wanted(Entry e) {
                return true;
            }

            @Override
            public void found(Entry e) {
                e.owners().forEach(hit);
            }
        });
    }

    /**
     * 出現の印 — one bit per distinct fragment text: whether some {@link #mark} scan has found it.
     * Any number of threads may mark at once without a lock; a bit once set stays set.
     */
    static final class Marks {
        private final AtomicLongArray bits;
        /** Per text, the document whose scan set its bit (null: text that is not a document's). */
        private final java.util.concurrent.atomic.AtomicReferenceArray<String> by;

        private Marks(int size) {
            bits = new AtomicLongArray((size + 63) >>> 6);
            by = new java.util.concurrent.atomic.AtomicReferenceArray<>(size);
        }

        boolean has(int id) {
            return (bits.get(id >>> 6) & (1L << id)) != 0;
        }

        /** Sets the bit; the thread that sets it records {@code marker} as the text's finder. */
        void set(int id, String marker) {
            int word = id >>> 6;
            long bit = 1L << id;
            for (long old = bits.get(word); (old & bit) == 0; old = bits.get(word)) {
                if (bits.compareAndSet(word, old, old | bit)) {
                    if (marker != null) {
                        by.set(id, marker);
                    }
                    return;
                }
            }
        }

        String by(int id) {
            return by.get(id);
        }
    }

    /** Empty marks for the fragments of this matcher. */
    Marks newMarks() {
        return new Marks(entries.size());
    }

    /**
     * Marks in {@code marks} every distinct fragment text found in the first {@code length}
     * characters of {@code text}, recording {@code marker} (a document, or null) for the texts it
     * marks first; a text already marked is not compared again. Safe to call from several threads
     * at once with the same marks.
     */
    void mark(char[] text, int length, Marks marks, String marker) {
        find(text, length, new Found() {
            @Override
            public boolean wanted(Entry e) {
                return !marks.has(e.id());
            }

            @Override
            public void found(Entry e) {
                marks.set(e.id(), marker);
            }
        });
    }

    /** Marks the distinct fragment text {@code text}, if it is one, as found by {@code marker}. */
    void mark(String text, Marks marks, String marker) {
        Entry e = entries.get(text);
        if (e != null) {
            marks.set(e.id(), marker);
        }
    }

    /** Each marked text with the document that marked it (null: none), in the order the texts were given. */
    Map<String, String> marked(Marks marks) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Entry e : entries.values()) {
            if (marks.has(e.id())) {
                out.put(new String(e.text()), marks.by(e.id()));
            }
        }
        return out;
    }

    /** Whether {@code marks} has the fragment text {@code text} (false for a text that is none of the fragments). */
    boolean isMarked(String text, Marks marks) {
        Entry e = entries.get(text);
        return e != null && marks.has(e.id());
    }

    /** The fragments by short hash, by long hash, then the tiny ones (see {@link #scan(char[], int, Consumer)}). */
    private void find(char[] text, int length, Found found) {
        if (length >= SHORT) {
            byShort.roll(text, length, found);
        }
        if (length >= LONG) {
            byLong.roll(text, length, found);
        }
        if (tiny.length > 0) {
            findTiny(text, length, found);
        }
    }

    private void findTiny(char[] text, int length, Found found) {
        boolean[] there = new boolean[tiny.length];
        for (int k = 0; k < tiny.length; k++) {
            there[k] = tiny[k].text().length == 0;
        }
        for (int i = 0; i < length; i++) {
            char c = text[i];
            if ((tinyFirst[c >>> 6] & (1L << c)) == 0) {
                continue;
            }
            for (int k : tinyByFirst[Arrays.binarySearch(tinyFirstChars, c)]) {
                if (!there[k] && found.wanted(tiny[k]) && startsWith(text, length, i, tiny[k].text())) {
                    there[k] = true;
                }
            }
        }
        for (int k = 0; k < tiny.length; k++) {
            if (there[k]) {
                found.found(tiny[k]);
            }
        }
    }

    private static boolean startsWith(char[] text, int length, int at, char[] t) {
        return at + t.length <= length && Arrays.equals(text, at, at + t.length, t, 0, t.length);
    }

    /**
     * Fragment texts by the rolling hash of their first {@code width} characters: a bit filter
     * (about one bit in thirty set) in front of an open-addressing table.
     */
    private static final class HashIndex {
        private static final long MIX = 0x9E3779B97F4A7C15L;
        private final int width;
        private final long pow;
        private final long[] filter;
        private final int filterShift;
        private final long[] keys;
        private final Entry[][] values;
        private final int mask;
        private final boolean empty;

        HashIndex(int width, Map<Long, List<Entry>> byHash) {
            this.width = width;
            this.empty = byHash.isEmpty();
            long p = 1;
            for (int i = 0; i < width - 1; i++) {
                p *= BASE;
            }
            this.pow = p;
            int bits = 12;
            while (bits < 24 && (1L << bits) < 32L * byHash.size()) {
                bits++;
            }
            this.filter = new long[(1 << bits) >>> 6];
            this.filterShift = 64 - bits;
            int slots = 16;
            while (slots < 2 * byHash.size()) {
                slots <<= 1;
            }
            this.keys = new long[slots];
            this.values = new Entry[slots][];
            this.mask = slots - 1;
            for (Map.Entry<Long, List<Entry>> e : byHash.entrySet()) {
                long h = e.getKey();
                int f = (int) ((h * MIX) >>> filterShift);
                filter[f >>> 6] |= 1L << f;
                int s = slot(h);
                while (values[s] != null) {
                    s = (s + 1) & mask;
                }
                keys[s] = h;
                values[s] = e.getValue().toArray(new Entry[0]);
            }
        }

        private int slot(long h) {
            return (int) ((h * MIX) >>> 32) & mask;
        }

        private Entry[] get(long h) {
            for (int s = slot(h); values[s] != null; s = (s + 1) & mask) {
                if (keys[s] == h) {
                    return values[s];
                }
            }
            return null;
        }

        void roll(char[] text, int length, Found found) {
            if (empty) {
                return;
            }
            long h = hash(text, 0, width);
            for (int i = 0; ; i++) {
                int f = (int) ((h * MIX) >>> filterShift);
                if ((filter[f >>> 6] & (1L << f)) != 0) {
                    Entry[] candidates = get(h);
                    if (candidates != null) {
                        for (Entry e : candidates) {
                            if (found.wanted(e) && startsWith(text, length, i, e.text())) {
                                found.found(e);
                            }
                        }
                    }
                }
                if (i + width >= length) {
                    break;
                }
                h = (h - text[i] * pow) * BASE + text[i + width];
            }
        }
    }
}

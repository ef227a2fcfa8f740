package org.kohyo.redact;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.kohyo.text.TextNormalizer;

/**
 * 非公表部分の目録 — what the leak verifier needs, in bounded memory: the withheld parts, cut into
 * folded fragments, and which of those fragments also occur in public text (so that finding them
 * in the bundle proves nothing). Filled in two steps: {@link #add} for every withheld part (the
 * redaction of the checking pass), then {@link #addPublic} streams every public text past the
 * fragments (the rendering pass). Public text is never kept. The fragments never leave this package.
 */
public final class WithheldCatalog {
    private static final Pattern SPLIT = Pattern.compile("[\\n。．！？!?]|<br\\s*/?>");
    private static final Pattern MARKUP = Pattern.compile("</?[a-zA-Z][^>]*>|[*_`#>|\\[\\]]|^\\s*(?:[-+]|\\d+[.)])\\s+"
            // Japanese list marks and circled numbers at the start of a line (・, ●, ※, ①…): a leak of
            // the sentence without its mark is still a leak
            + "|^[\\s\\u3000]*[・･•●○◎■□◆◇※\\u2460-\\u24FF]+[\\s\\u3000]*");

    /**
     * Windows of a withheld sentence searched on their own: any piece of {@code WINDOW + WINDOW_STEP - 1}
     * characters or more that leaks is found even when the rest of the sentence does not.
     */
    static final int WINDOW = 10;
    static final int WINDOW_STEP = 3;
    /** Pieces shorter than this are not searched alone (「60」 occurs in any script or hash). */
    static final int MIN_ALONE = 4;
    /** Characters of public neighbour text joined to a short withheld part. */
    static final int CONTEXT = 3;

    private int tooShort;

    private final Set<String> seenParts = new LinkedHashSet<>();
    private final List<FragmentMatcher.Fragment> fragments = new ArrayList<>();
    private final Set<FragmentMatcher.Fragment> alsoPublic = Collections.newSetFromMap(new IdentityHashMap<>());
    private FragmentMatcher matcher;
    /** Every part as recorded, by document, for the build cache ({@link #partsOf}). */
    private final java.util.Map<String, List<Part>> partsByDocument = new java.util.HashMap<>();

    /**
     * 非公表部分の記録 — one withheld part as the redaction recorded it, enough to record it again
     * ({@link #addParts}) in a build that does not redact its document anew.
     *
     * @param withContext whether it was recorded with its public neighbours ({@link #addWithContext})
     */
    public record Part(String document, int number, String before, String text, String after, boolean withContext) {}

    /** Records one withheld part (its text, as Markdown or plain text). Idempotent per document and number. */
    synchronized void add(String document, int number, String text) {
        if (record(new Part(document, number, "", text, "", false))) {
            fragment(document, number, "", text, "");
        }
    }

    /**
     * Records one withheld part with the public text right before and after it. A part too short to
     * search on its own (a period, a count: 「60」) is searched together with its neighbours
     * (「は60日」「60日ごと」), which the public page shows around the notice instead; a short part
     * without neighbours cannot be verified and is counted as such.
     */
    synchronized void addWithContext(String document, int number, String before, String text, String after) {
        if (record(new Part(document, number, before, text, after, true))) {
            fragment(document, number, before, text, after);
        }
    }

    /** Records the parts of a document that a previous build redacted (see {@link Part}). */
    public synchronized void addParts(List<Part> parts) {
        for (Part p : parts) {
            if (p.withContext()) {
                addWithContext(p.document(), p.number(), p.before(), p.text(), p.after());
            } else {
                add(p.document(), p.number(), p.text());
            }
        }
    }

    /** The parts recorded for one document, in the order recorded. */
    public synchronized List<Part> partsOf(String document) {
        return List.copyOf(partsByDocument.getOrDefault(document, List.of()));
    }

    private boolean record(Part p) {
        if (matcher != null || !seenParts.add(p.document() + "#" + p.number())) {
            return false;
        }
        partsByDocument.computeIfAbsent(p.document(), k -> new ArrayList<>()).add(p);
        return true;
    }

    private void fragment(String document, int number, String before, String text, String after) {
        String whole = TextNormalizer.fold(strip(text));
        if (whole.length() < MIN_ALONE) {
            String left = tail(TextNormalizer.fold(strip(before)), CONTEXT);
            String right = head(TextNormalizer.fold(strip(after)), CONTEXT);
            boolean any = false;
            if (!whole.isEmpty() && !left.isEmpty()) {
                fragments.add(new FragmentMatcher.Fragment(left + whole, document, number));
                any = true;
            }
            if (!whole.isEmpty() && !right.isEmpty()) {
                fragments.add(new FragmentMatcher.Fragment(whole + right, document, number));
                any = true;
            }
            if (!any) {
                tooShort++;
            }
            return;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String piece : SPLIT.split(text)) {
            String f = TextNormalizer.fold(strip(piece));
            if (f.length() >= MIN_ALONE && seen.add(f)) {
                fragments.add(new FragmentMatcher.Fragment(f, document, number));
            }
            // a leak of part of a sentence is a leak too: windows of the sentence are searched as well
            if (f.length() > WINDOW) {
                for (int i = 0; ; i += WINDOW_STEP) {
                    int start = Math.min(i, f.length() - WINDOW);
                    String w = f.substring(start, start + WINDOW);
                    if (seen.add(w)) {
                        fragments.add(new FragmentMatcher.Fragment(w, document, number));
                    }
                    if (start == f.length() - WINDOW) {
                        break;
                    }
                }
            }
        }
    }

    /**
     * Ends the first step: every withheld part is known. From now on public text is streamed past
     * the fragments; before it, public text is ignored.
     */
    public synchronized void closeParts() {
        if (matcher == null) {
            matcher = new FragmentMatcher(fragments);
        }
    }

    /** Streams one public text past the fragments (ignored until {@link #closeParts()}). */
    synchronized void addPublic(String text) {
        if (matcher == null || matcher.isEmpty() || text == null || text.isEmpty()) {
            return;
        }
        matcher.scan(TextNormalizer.fold(strip(text)), alsoPublic::add);
    }

    static String strip(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (String line : s.split("\n", -1)) {
            b.append(MARKUP.matcher(line).replaceAll("")).append('\n');
        }
        return b.toString();
    }

    private static String tail(String s, int n) {
        return s.length() <= n ? s : s.substring(s.length() - n);
    }

    private static String head(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }

    /** Withheld parts too short to search and without public neighbours (a withheld one-digit item). */
    synchronized int tooShort() {
        return tooShort;
    }

    /** How many withheld parts the sources have. */
    public synchronized int size() {
        return seenParts.size();
    }

    synchronized List<FragmentMatcher.Fragment> fragments() {
        return List.copyOf(fragments);
    }

    synchronized boolean isAlsoPublic(FragmentMatcher.Fragment f) {
        return alsoPublic.contains(f);
    }
}

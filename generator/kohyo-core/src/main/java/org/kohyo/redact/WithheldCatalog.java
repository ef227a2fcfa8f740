package org.kohyo.redact;

import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.kohyo.text.TextNormalizer;

/**
 * 非公表部分の目録 — what the leak verifier needs, in bounded memory: the withheld parts, cut into
 * folded fragments, and which of those fragments also occur in public text (so that finding them
 * in the bundle proves nothing). Filled in two steps: {@link #add} for every withheld part (the
 * redaction of the checking pass), then {@link #addPublic} streams every public text past the
 * fragments (the rendering pass). Public text is never kept. The fragments never leave this package.
 *
 * <p>{@link #addPublic} is called by every rendering thread at once and takes no lock: it marks each
 * distinct fragment text found (公開部分にもある断片) in lock-free {@link FragmentMatcher.Marks};
 * which withheld parts own a marked text is looked up only when the verifier asks
 * ({@link #isAlsoPublic}).
 */
public final class WithheldCatalog {
    private static final Pattern SPLIT = Pattern.compile("[\\n。．！？!?]|<br\\s*/?>");
    private static final Pattern MARKUP = Pattern.compile("</?[a-zA-Z][^>]*>|[*_`#>|\\[\\]]|^\\s*(?:[-+]|\\d+[.)])\\s+"
            // Japanese list marks and circled numbers at the start of a line (・, ●, ※, ①…): a leak of
            // the sentence without its mark is still a leak
            + "|^[\\s\\u3000]*[・･•●○◎■□◆◇※\\u2460-\\u24FF]+[\\s\\u3000]*");
    /** The first characters of the markup that {@link #MARKUP} removes anywhere in a line (tags, emphasis, links…). */
    private static final String MARKUP_WITHIN = "<*_`#>|[]";

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
    /** Set by {@link #closeParts()}: from then on, public text is streamed past the fragments. */
    private volatile PublicScan publicScan;

    /**
     * 公開部分との照合 — the matcher of every fragment, and the marks of the distinct fragment texts
     * found in public text so far.
     */
    private record PublicScan(FragmentMatcher matcher, FragmentMatcher.Marks alsoPublic) {}

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
    void add(String document, int number, String text) {
        commit(new Part(document, number, "", text, "", false));
    }

    /**
     * Records one withheld part with the public text right before and after it. A part too short to
     * search on its own (a period, a count: 「60」) is searched together with its neighbours
     * (「は60日」「60日ごと」), which the public page shows around the notice instead; a short part
     * without neighbours cannot be verified and is counted as such.
     */
    void addWithContext(String document, int number, String before, String text, String after) {
        commit(new Part(document, number, before, text, after, true));
    }

    /** A part's fragments, cut before the catalog is locked (the workers fold their parts at once). */
    private record Cut(List<FragmentMatcher.Fragment> fragments, boolean tooShort) {}

    private void commit(Part p) {
        // the rendering pass redacts every document again: its parts are known, nothing to cut
        if (publicScan != null) {
            return;
        }
        synchronized (this) {
            if (seenParts.contains(p.document() + "#" + p.number())) {
                return;
            }
        }
        Cut cut = cut(p);
        synchronized (this) {
            if (record(p)) {
                fragments.addAll(cut.fragments());
                if (cut.tooShort()) {
                    tooShort++;
                }
            }
        }
    }


    /**
     * 公開部分にもある断片, by the document whose public text showed each first: what a 差分ビルド
     * keeps of the documents it does not redact again (see {@link #alsoPublicFromCache}). Texts that
     * no document showed first (form labels, the notice) are not listed: every build finds them anew.
     */
    public Map<String, List<String>> alsoPublicByDocument() {
        PublicScan scan = publicScan;
        Map<String, List<String>> out = new java.util.TreeMap<>();
        if (scan != null) {
            scan.matcher().marked(scan.alsoPublic()).forEach((text, by) -> {
                if (by != null) {
                    out.computeIfAbsent(by, k -> new ArrayList<>()).add(text);
                }
            });
        }
        return out;
    }

    /** Every fragment text found in public text so far, whoever showed it. */
    public Set<String> alsoPublicTexts() {
        PublicScan scan = publicScan;
        return scan == null ? Set.of() : scan.matcher().marked(scan.alsoPublic()).keySet();
    }

    /**
     * Marks as public the fragment texts that {@code document} showed in the previous build, when
     * its source is unchanged: its public text still shows them (差分ビルド; after {@link #closeParts()}).
     * Texts that are no longer fragments of a withheld part are ignored.
     */
    public void alsoPublicFromCache(String document, List<String> texts) {
        PublicScan scan = publicScan;
        if (scan == null) {
            throw new IllegalStateException("closeParts() first");
        }
        for (String t : texts) {
            scan.matcher().mark(t, scan.alsoPublic(), document);
        }
    }

    /** The distinct folded texts of every fragment recorded so far. */
    public Set<String> fragmentTexts() {
        return fragmentTexts(document -> true);
    }

    /** The distinct folded texts of the fragments recorded so far of the documents {@code which} accepts. */
    public synchronized Set<String> fragmentTexts(java.util.function.Predicate<String> which) {
        Set<String> out = new java.util.HashSet<>();
        for (FragmentMatcher.Fragment f : fragments) {
            if (which.test(f.document())) {
                out.add(f.text());
            }
        }
        return out;
    }

    /** Records the parts of a document that a previous build redacted (see {@link Part}). */
    public void addParts(List<Part> parts) {
        for (Part p : parts) {
            commit(p);
        }
    }

    /** The parts recorded for one document, in the order recorded. */
    public synchronized List<Part> partsOf(String document) {
        return List.copyOf(partsByDocument.getOrDefault(document, List.of()));
    }

    private boolean record(Part p) {
        if (publicScan != null || !seenParts.add(p.document() + "#" + p.number())) {
            return false;
        }
        partsByDocument.computeIfAbsent(p.document(), k -> new ArrayList<>()).add(p);
        return true;
    }

    /** The fragments of one part: its sentences and their windows, or a short part with its neighbours. */
    private static Cut cut(Part p) {
        String document = p.document();
        int number = p.number();
        String before = p.before();
        String text = p.text();
        String after = p.after();
        List<FragmentMatcher.Fragment> fragments = new ArrayList<>();
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
            return new Cut(fragments, !any);
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
        return new Cut(fragments, false);
    }

    /**
     * Ends the first step: every withheld part is known. From now on public text is streamed past
     * the fragments; before it, public text is ignored.
     */
    public synchronized void closeParts() {
        if (publicScan == null) {
            FragmentMatcher matcher = new FragmentMatcher(fragments);
            publicScan = new PublicScan(matcher, matcher.newMarks());
        }
    }

    /**
     * Streams one public text past the fragments (ignored until {@link #closeParts()}). Takes no
     * lock: any number of threads may call it at once.
     */
    void addPublic(String text) {
        addPublic(null, text);
    }

    /**
     * {@link #addPublic(String)} for the public text of {@code document} (a slug or a page's path),
     * which is recorded as the finder of the fragment texts it is the first to show (see
     * {@link #alsoPublicByDocument}).
     */
    void addPublic(String document, String text) {
        PublicScan scan = publicScan;
        if (scan == null || scan.matcher().isEmpty() || text == null || text.isEmpty()) {
            return;
        }
        // folded by table: the same characters as TextNormalizer.fold(String), which folds the fragments
        char[] stripped = strip(text).toCharArray();
        CharBuffer folded = TextNormalizer.fold(stripped, 0, stripped.length, CharBuffer.allocate(stripped.length));
        scan.matcher().mark(folded.array(), folded.position(), scan.alsoPublic(), document);
    }

    /** The text without Markdown and HTML markup ({@link #MARKUP}, line by line), each line ended by a line break. */
    static String strip(String s) {
        StringBuilder b = new StringBuilder(s.length() + 1);
        for (int from = 0; ; ) {
            int end = s.indexOf('\n', from);
            int to = end < 0 ? s.length() : end;
            if (mayHaveMarkup(s, from, to)) {
                b.append(MARKUP.matcher(s.substring(from, to)).replaceAll(""));
            } else {
                b.append(s, from, to);
            }
            b.append('\n');
            if (end < 0) {
                return b.toString();
            }
            from = end + 1;
        }
    }

    /**
     * Whether {@link #MARKUP} may find something in the line {@code s[from, to)}. Its markup at the
     * start of a line (white space, a list mark, a number) never starts with a letter; any other
     * starts with one of {@link #MARKUP_WITHIN}. Most lines of running text have neither.
     */
    private static boolean mayHaveMarkup(String s, int from, int to) {
        if (from < to && !Character.isLetter(s.charAt(from))) {
            return true;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80 && MARKUP_WITHIN.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
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

    /**
     * Whether the text of {@code f}, one of {@link #fragments()}, was found in public text: then it
     * proves nothing in the bundle (照合対象外). Every fragment with that text is also public.
     */
    boolean isAlsoPublic(FragmentMatcher.Fragment f) {
        PublicScan scan = publicScan;
        return scan != null && scan.matcher().isMarked(f.text(), scan.alsoPublic());
    }
}

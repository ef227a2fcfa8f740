package org.kohyo.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohyo.text.TextNormalizer;

/**
 * The fragments that {@link WithheldCatalog} marks as also public (公開部分にもある断片) are exactly
 * those whose text occurs in some folded public text, whether the public texts come from one thread
 * or from two at once; the leak verifier's counts follow from them. Checked against a plain
 * {@code contains} over generated texts on a small alphabet (full- and half-width forms, spaces and
 * markup that folding and stripping remove), where fragments of every length occur by chance.
 * {@link WithheldCatalog#strip} skips the markup expression on lines where it cannot match: it must
 * give what the expression gives on every line.
 */
class WithheldCatalogAlsoPublicTest {
    private static final String ALPHABET = "鰐鮫デｰタ地下三階AＡ1１ 。\n*・";
    /** Public text around the pieces: a few of the same characters among others. */
    private static final String FILLER = "公開の文ですはを鰐Ａ1 。*";

    @TempDir
    Path empty;

    @Test
    void alsoPublicIsWhatAPlainSearchFinds() throws Exception {
        Random r = new Random(6);
        // how many fragments were found and not found, by length: short, hashed by 4, by 10 characters
        int[] alsoPublic = new int[3];
        int[] notPublic = new int[3];
        for (int round = 0; round < 60; round++) {
            List<String[]> parts = new ArrayList<>();
            int count = 1 + r.nextInt(30);
            for (int i = 0; i < count; i++) {
                // short parts with their public neighbours as well as long ones, cut into sentences and windows
                String text = r.nextInt(3) == 0 ? random(r, ALPHABET, 1 + r.nextInt(3)) : random(r, ALPHABET, 4 + r.nextInt(40));
                parts.add(new String[] {"d" + r.nextInt(4), random(r, ALPHABET, r.nextInt(5)), text, random(r, ALPHABET, r.nextInt(5))});
            }
            List<String> publicTexts = new ArrayList<>();
            int texts = 60 + r.nextInt(200);
            for (int t = 0; t < texts; t++) {
                // often a piece of a withheld part and its neighbours, so that fragments are found and found again
                String[] p = parts.get(r.nextInt(parts.size()));
                String w = p[1] + p[2] + p[3];
                int from = r.nextInt(w.length());
                int to = from + r.nextInt(w.length() - from + 1);
                publicTexts.add(r.nextInt(6) > 0 ? random(r, FILLER, r.nextInt(20)) + w.substring(from, to) + random(r, FILLER, r.nextInt(5))
                        : random(r, ALPHABET, r.nextInt(30)));
            }
            String extra = random(r, ALPHABET, r.nextInt(30));

            WithheldCatalog oneThread = catalog(parts);
            publicTexts.forEach(oneThread::addPublic);
            WithheldCatalog twoThreads = catalog(parts);
            addFromTwoThreads(twoThreads, publicTexts);

            List<FragmentMatcher.Fragment> fragments = oneThread.fragments();
            assertEquals(fragments, twoThreads.fragments());
            List<String> folded = new ArrayList<>();
            publicTexts.forEach(t -> folded.add(TextNormalizer.fold(WithheldCatalog.strip(t))));
            for (int i = 0; i < fragments.size(); i++) {
                FragmentMatcher.Fragment f = fragments.get(i);
                boolean expected = folded.stream().anyMatch(t -> t.contains(f.text()));
                assertEquals(expected, oneThread.isAlsoPublic(f), "round " + round + ", one thread: " + f);
                assertEquals(expected, twoThreads.isAlsoPublic(twoThreads.fragments().get(i)), "round " + round + ", two threads: " + f);
                int kind = f.text().length() < FragmentMatcher.SHORT ? 0 : f.text().length() < FragmentMatcher.LONG ? 1 : 2;
                (expected ? alsoPublic : notPublic)[kind]++;
            }

            // the verifier adds its own public text, and counts what it can and cannot search
            String foldedExtra = TextNormalizer.fold(WithheldCatalog.strip(extra));
            int searched = 0;
            for (FragmentMatcher.Fragment f : fragments) {
                if (!folded.stream().anyMatch(t -> t.contains(f.text())) && !(!extra.isEmpty() && foldedExtra.contains(f.text()))) {
                    searched++;
                }
            }
            LeakVerifier.Report report = new LeakVerifier(twoThreads, extra).verify(empty);
            assertEquals(searched, report.fragments(), "round " + round);
            assertEquals(fragments.size() - searched + twoThreads.tooShort(), report.unverifiable(), "round " + round);
        }
        for (int kind = 0; kind < 3; kind++) {
            // the texts are such that fragments of every length are found and not found
            assertTrue(alsoPublic[kind] > 20 && notPublic[kind] > 20,
                    "fragments of kind " + kind + ": " + alsoPublic[kind] + " also public, " + notPublic[kind] + " not");
        }
    }

    @Test
    void stripRemovesWhatTheMarkupExpressionRemovesLineByLine() {
        Pattern markup = Pattern.compile("</?[a-zA-Z][^>]*>|[*_`#>|\\[\\]]|^\\s*(?:[-+]|\\d+[.)])\\s+"
                + "|^[\\s\\u3000]*[・･•●○◎■□◆◇※\\u2460-\\u24FF]+[\\s\\u3000]*");
        String chars = "鰐鮫デA1 \t\u3000\n\r-+.)<>/a*_`#|[]・･•●○◎■□◆◇※①Ⓐ⓿「（";
        Random r = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            String text = random(r, chars, r.nextInt(25));
            StringBuilder expected = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                expected.append(markup.matcher(line).replaceAll("")).append('\n');
            }
            assertEquals(expected.toString(), WithheldCatalog.strip(text), text);
        }
    }

    @Test
    void publicTextBeforeThePartsAreClosedIsIgnored() {
        WithheldCatalog catalog = new WithheldCatalog();
        catalog.add("d", 1, "鰐鮫データセンター地下三階");
        catalog.addPublic("鰐鮫データセンター地下三階");
        catalog.closeParts();
        catalog.fragments().forEach(f -> assertFalse(catalog.isAlsoPublic(f), f::toString));
        catalog.addPublic("所在地は鰐鮫データセンター地下三階です");
        catalog.fragments().forEach(f -> assertTrue(catalog.isAlsoPublic(f), f::toString));
    }

    private static WithheldCatalog catalog(List<String[]> parts) {
        WithheldCatalog c = new WithheldCatalog();
        for (int i = 0; i < parts.size(); i++) {
            String[] p = parts.get(i);
            c.addWithContext(p[0], i, p[1], p[2], p[3]);
        }
        c.closeParts();
        return c;
    }

    /** Half the texts from each of two threads, started together. */
    private static void addFromTwoThreads(WithheldCatalog catalog, List<String> texts) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int half = 0; half < 2; half++) {
                int h = half;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = h; i < texts.size(); i += 2) {
                        catalog.addPublic(texts.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
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

package org.kohyo.build;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kohyo.redact.Edition;
import org.kohyo.render.Html;
import org.kohyo.text.TextNormalizer;

/**
 * 転記の網羅率 — for each seed, the share of its text fragments that the built pages show.
 *
 * <p>How it is measured: the seed's text (extracted from a PDF) has its HTML tags turned into line
 * breaks and its entities decoded; it is cut at line breaks, tabs, the check-box and choice-list
 * markup of the printed forms, the cell bars of Markdown tables ([ ], ［ ］, &lt;選択肢&gt;, 「1) 」…) and at runs of two or more
 * spaces; the extraction's own Markdown markers (#, **, list bullets) are dropped; fragments of one character or only punctuation are dropped. Each fragment and the built
 * page's text (tags removed) are folded (NFKC, white space removed); a fragment counts as shown
 * when the page text contains it. Target: 98% per seed.
 */
class SeedCoverageTest {
    static final double TARGET = 0.98;
    private static final Pattern CUT = Pattern.compile("[\\n\\t|]|[\\[\\]［］]|<選択肢>|＜選択肢＞|(?<![0-9０-９])[0-9０-９]{1,2}\\)\\s|\\s{2,}");
    private static final Pattern PUNCT_ONLY = Pattern.compile("[\\p{Punct}\\p{IsPunctuation}\\s　○〇・…—－\\-]*");

    @TempDir
    static Path out;

    @BeforeAll
    static void build() throws BuildFailure {
        SampleSite.build(out.resolve("site"), Edition.PUBLIC);
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({
        "000_3a26e079e496edd0.txt, evaluations/jukinet-sofusaki-zenkomoku-III.html",
        "001_c85b6e969695933f.txt, evaluations/jumin-kihon-daicho-shinkyu.html",
        "002_16c2a8c0a8754309.txt, evaluations/gunma-jukinet-gaiyo.html",
        "003_c2f6ace78d968cd6.txt, evaluations/fujimino-15-yobosesshu-juten.html",
        "004_0ae9c649266b958b.txt, pages/chukan-server-tsuchi.html evaluations/chukan-server-kisairei-zenkomoku.html"
    })
    void pagesShowTheSeedsText(String seed, String pages) throws IOException {
        StringBuilder page = new StringBuilder();
        for (String p : pages.split(" ")) {
            page.append(Html.text(Files.readString(out.resolve("site").resolve(p), StandardCharsets.UTF_8))).append('\n');
        }
        String shown = TextNormalizer.fold(page.toString());
        List<String> fragments = fragments(Files.readString(SampleSite.seeds().resolve(seed), StandardCharsets.UTF_8));
        List<String> missing = new ArrayList<>();
        for (String f : fragments) {
            if (!shown.contains(f)) {
                missing.add(f);
            }
        }
        double share = 1.0 - (double) missing.size() / fragments.size();
        System.out.printf("seed %s: %d/%d fragments shown (%.1f%%)%n", seed, fragments.size() - missing.size(), fragments.size(), share * 100);
        missing.forEach(m -> System.out.println("  missing: " + m));
        assertTrue(share >= TARGET, String.format("seed %s: %.1f%% of fragments shown, target %.0f%%; missing: %s",
                seed, share * 100, TARGET * 100, missing));
    }

    static List<String> fragments(String seedText) {
        String t = seedText.replaceAll("(?s)<[^>]*>", "\n");
        t = t.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&nbsp;", " ");
        Set<String> out = new LinkedHashSet<>();
        for (String piece : CUT.split(t)) {
            String p = piece.strip();
            // Markdown markers of the extraction itself (headings, emphasis, list bullets) are not text
            String f = TextNormalizer.fold(p.replaceAll("^(?:#+|[-*+](?=\\s))\\s*|^\\*+|\\*+$", ""));
            if (f.length() < 2 || PUNCT_ONLY.matcher(f).matches()) {
                continue;
            }
            out.add(f);
        }
        return new ArrayList<>(out);
    }
}

package org.kohyo.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohyo.redact.Edition;
import org.kohyo.redact.WithheldSite;

/**
 * (d) The full edition (委員会・第三者点検用) and (e) how the public edition shows that parts are
 * withheld, on the test site {@code sites/withheld}.
 */
class EditionTest {
    static final String WATERMARK = "非公表部分を含む（委員会・第三者点検用）";
    static final String NOINDEX = "<meta name=\"robots\" content=\"noindex";

    @TempDir
    static Path dir;
    static Path config;
    static BuildReport publicBuild;
    static BuildReport fullBuild;
    static boolean fullExistedAfterPublicBuild;

    @BeforeAll
    static void build() throws Exception {
        config = WithheldSite.copyTo(dir);
        publicBuild = WithheldSite.build(config, Edition.PUBLIC);
        fullExistedAfterPublicBuild = Files.exists(dir.resolve("target/site-full"));
        fullBuild = WithheldSite.build(config, Edition.FULL);
    }

    private static List<Path> htmlPages(Path site) throws IOException {
        try (Stream<Path> s = Files.walk(site)) {
            return s.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }

    // ------------------------------------------------------------------ (d) full edition

    @Test
    void theEditionsGoToSeparateDirectories() {
        assertEquals(dir.resolve("target/site").toAbsolutePath().normalize(), publicBuild.output());
        assertEquals(dir.resolve("target/site-full").toAbsolutePath().normalize(), fullBuild.output());
        assertFalse(fullExistedAfterPublicBuild, "the public build never writes target/site-full");
        assertNull(fullBuild.zip(), "the full edition has no zip");
        assertFalse(Files.exists(dir.resolve("target/site-full.zip")));
        assertNull(fullBuild.leakCheck());
        assertNotNull(publicBuild.leakCheck());
    }

    @Test
    void everyFullPageIsWatermarkedAndNoindex() throws IOException {
        List<Path> pages = htmlPages(fullBuild.output());
        assertTrue(pages.size() >= 5, pages::toString);
        for (Path p : pages) {
            String html = Files.readString(p);
            assertTrue(html.contains(WATERMARK), "watermark on " + p);
            assertTrue(html.contains(NOINDEX), "noindex on " + p);
            assertTrue(html.contains("<meta name=\"kohyo-edition\" content=\"full\">"), p.toString());
        }
        assertFalse(Files.exists(fullBuild.output().resolve("sitemap.xml")), "no sitemap for the full edition");
    }

    @Test
    void noPublicPageCarriesTheWatermarkOrNoindex() throws IOException {
        for (Path p : htmlPages(publicBuild.output())) {
            String html = Files.readString(p);
            assertFalse(html.contains(WATERMARK), p.toString());
            assertFalse(html.contains(NOINDEX), p.toString());
        }
    }

    @Test
    void theFullEditionHighlightsEveryWithheldPartWithItsReason() throws IOException {
        String html = Files.readString(fullBuild.output().resolve("evaluations/test-zenkomoku.html"));
        for (int n = 1; n <= 9; n++) {
            Matcher m = Pattern.compile("class=\"withheld-revealed(?:-row)?\" id=\"withheld-" + n + "\"").matcher(html);
            assertTrue(m.find(), "part " + n + " is highlighted");
        }
        for (String reason : List.of("監視の体制が推測されるため", "設置場所の特定につながるため", "ネットワーク構成のため",
                "技術的細目のため", "技術的細目に及ぶ具体的な方法のため", "期間の具体的な数値のため", "回数のため")) {
            assertTrue(html.contains("理由：" + reason), "reason shown: " + reason);
        }
        for (String w : WithheldSite.WITHHELD) {
            if (!w.startsWith("鮪鰤")) {
                assertTrue(html.replace("&#40;", "(").replace("&#41;", ")").contains(w) || html.contains(w.substring(0, 6)),
                        "withheld text shown in the full edition: " + w);
            }
        }
        assertFalse(html.contains(WithheldSite.NOTICE + "</p></div>"), "no public notice in the full edition");
        String about = Files.readString(fullBuild.output().resolve("pages/about.html"));
        assertTrue(about.contains("鮪鰤拠点の所在地") && about.contains("理由：所在地のため"), "free pages too");
    }

    @Test
    void theFullEditionIsRefusedInThePublicOutputDirectory() {
        BuildOptions into = BuildOptions.of(config, Edition.FULL).withOutput(dir.resolve("target/site"));
        BuildFailure e = assertThrows(BuildFailure.class, () -> new SiteBuilder().build(into));
        assertTrue(e.getMessage().contains("公開版の出力先"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("target/site/index.html")));
        assertFalse(read(dir.resolve("target/site/index.html")).contains(WATERMARK), "the public site is untouched");
    }

    @Test
    void theFullEditionIsRefusedWhereverAPublicSiteLies() throws Exception {
        Path elsewhere = dir.resolve("deploy/www");
        new SiteBuilder().build(BuildOptions.of(config, Edition.PUBLIC).withOutput(elsewhere).withZip(null));
        BuildOptions into = BuildOptions.of(config, Edition.FULL).withOutput(elsewhere);
        assertThrows(BuildFailure.class, () -> new SiteBuilder().build(into));
        assertFalse(read(elsewhere.resolve("index.html")).contains(WATERMARK));
        // and inside the public output, or above it
        assertThrows(BuildFailure.class, () -> new SiteBuilder().build(
                BuildOptions.of(config, Edition.FULL).withOutput(dir.resolve("target/site/full"))));
        assertThrows(BuildFailure.class, () -> new SiteBuilder().build(
                BuildOptions.of(config, Edition.FULL).withOutput(dir.resolve("target"))));
    }

    @Test
    void theFullSearchIndexStaysOutOfThePublicOutput() throws IOException {
        assertTrue(Files.isDirectory(fullBuild.output().resolve("search/lucene")));
        assertFalse(fullBuild.output().startsWith(publicBuild.output()));
        assertFalse(publicBuild.output().startsWith(fullBuild.output()));
        try (Stream<Path> s = Files.walk(publicBuild.output())) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                assertEquals(-1, WithheldSite.rareIndex(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.UTF_8)), p.toString());
            }
        }
    }

    // ------------------------------------------------------------------ (e) the public edition says so

    @Test
    void theListMarksDocumentsWithWithheldParts() throws IOException {
        String index = Files.readString(publicBuild.output().resolve("index.html"));
        Matcher zen = Pattern.compile("<li><a href=\"evaluations/test-zenkomoku.html\">[^\\n]*</li>").matcher(index);
        Matcher kiso = Pattern.compile("<li><a href=\"evaluations/test-kiso.html\">[^\\n]*</li>").matcher(index);
        assertTrue(zen.find(), index);
        assertTrue(kiso.find(), index);
        assertTrue(zen.group().contains("一部非公表"), zen.group());
        assertFalse(kiso.group().contains("一部非公表"), kiso.group());
        // the pair shows together: both links in the same table row
        int row = index.lastIndexOf("<tr", zen.start());
        assertTrue(row >= 0 && row == index.lastIndexOf("<tr", kiso.start()), "基礎 and 全項目 share a row");
    }

    @Test
    void theDocumentSaysAtTheTopHowManyPartsAreWithheld() throws IOException {
        String html = Files.readString(publicBuild.output().resolve("evaluations/test-zenkomoku.html"));
        int summary = html.indexOf("id=\"withheld-summary-title\"");
        assertTrue(summary > 0, "a summary of the withheld parts");
        String heading = html.substring(summary, html.indexOf("</h2>", summary));
        assertTrue(heading.contains("9か所"), "the count is stated at the top: " + heading);
        int firstSection = html.indexOf("I 基本情報");
        assertTrue(firstSection < 0 || summary < html.indexOf("class=\"items\""), "before the form");
        assertTrue(html.contains(WithheldSite.NOTICE), "the notice replaces the parts");
        for (int n = 1; n <= 9; n++) {
            assertTrue(html.contains("href=\"#withheld-" + n + "\"") && html.contains("id=\"withheld-" + n + "\""), "link to part " + n);
        }
        String kiso = Files.readString(publicBuild.output().resolve("evaluations/test-kiso.html"));
        assertFalse(kiso.contains("id=\"withheld-summary-title\""), "no summary without withheld parts");
    }

    @Test
    void theNoticeIsConfigurable() throws Exception {
        Path other = WithheldSite.copyTo(dir.resolve("notice"));
        Files.writeString(other, Files.readString(other).replace("非公表の表示: （セキュリティ上のリスクがあるため非公表）", "非公表の表示: ［非公表］"));
        BuildReport r = WithheldSite.build(other, Edition.PUBLIC);
        String html = Files.readString(r.output().resolve("evaluations/test-zenkomoku.html"));
        assertTrue(html.contains("［非公表］"));
        assertFalse(html.contains(WithheldSite.NOTICE));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package org.kohyo.render;

import org.kohyo.FileTrees;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohyo.build.BuildOptions;
import org.kohyo.build.BuildReport;
import org.kohyo.build.SiteBuilder;
import org.kohyo.redact.Edition;

/**
 * テーマの上書き: a site whose own theme (site-config.yml {@code テーマ: themes/site}) gives list.ftlh and
 * kohyo.css gets exactly those two from its theme, and every other template and asset from the default.
 */
class ThemeOverrideTest {
    static final String LIST_MARK = "site-theme-list-override";
    static final String CSS = "/* site theme */\nbody { font-size: 1.125rem; }\n";

    @TempDir
    static Path dir;
    static Path site;
    static BuildReport report;

    @BeforeAll
    static void build() throws Exception {
        site = dir.resolve("site");
        FileTrees.copy(resource("/sites/minimal"), site);
        Path config = site.resolve("site-config.yml");
        Files.writeString(config, Files.readString(config) + "テーマ: themes/site\n");
        Path templates = Files.createDirectories(site.resolve("themes/site/templates"));
        Path assets = Files.createDirectories(site.resolve("themes/site/assets"));
        // the override still uses the default layout, to show that templates mix
        Files.writeString(templates.resolve("list.ftlh"), """
                <#import "layout.ftlh" as l>
                <@l.page crumbs=[] bodyClass="list">
                <h1 id="top">${siteName}</h1>
                <p class="%s">独自の一覧（${count}件）</p>
                <ul><#list rows as r><#list r.documents as d><li><a href="${d.url}">${d.title}</a></li></#list></#list></ul>
                </@l.page>
                """.formatted(LIST_MARK));
        Files.writeString(assets.resolve("kohyo.css"), CSS);
        BuildOptions o = BuildOptions.of(config, Edition.PUBLIC).withOutput(dir.resolve("out/site")).withZip(dir.resolve("out/site.zip"));
        report = new SiteBuilder().build(o);
    }

    @Test
    void theSiteTemplateIsUsed() throws IOException {
        String index = Files.readString(report.output().resolve("index.html"));
        assertTrue(index.contains("class=\"" + LIST_MARK + "\""), "index.html comes from themes/site/templates/list.ftlh");
        assertFalse(index.contains("class=\"list-table\""), "the default list table is not rendered");
        assertTrue(index.contains("class=\"skip-link\""), "the override imports the default layout.ftlh");
    }

    @Test
    void theSiteAssetIsUsedUnderItsOwnHash() throws IOException {
        Path css = onlyAsset("kohyo.", ".css");
        assertEquals(CSS, Files.readString(css), "assets/kohyo.*.css is the site's file");
        assertEquals(Theme.hashedName("kohyo.css", CSS.getBytes(StandardCharsets.UTF_8)), css.getFileName().toString());
        for (String page : new String[] {"index.html", "search.html", "404.html"}) {
            String html = Files.readString(report.output().resolve(page));
            assertTrue(html.contains("assets/" + css.getFileName() + "\""), page + " links the site's stylesheet");
        }
    }

    @Test
    void everythingElseFallsBackToTheDefault() throws IOException {
        Path evaluation;
        try (Stream<Path> s = Files.list(report.output().resolve("evaluations"))) {
            evaluation = s.filter(p -> p.toString().endsWith(".html")).findFirst().orElseThrow();
        }
        String html = Files.readString(evaluation);
        assertTrue(html.contains("class=\"summary-panel\""), "evaluation.ftlh is the default one");
        assertTrue(html.contains("id=\"toc\""), "the default table of contents");
        Path toc = onlyAsset("toc.", ".js");
        assertArrayEquals(defaultAsset("toc.js"), Files.readAllBytes(toc), "toc.js is the default one");
        assertTrue(html.contains("assets/" + toc.getFileName() + "\""), "the document page loads the default toc.js");
        assertTrue(html.contains("assets/" + onlyAsset("kohyo.", ".css").getFileName() + "\""), "and the site's stylesheet");
        Path search = onlyAsset("search.", ".js");
        assertArrayEquals(defaultAsset("search.js"), Files.readAllBytes(search), "search.js is the default one");
    }

    @Test
    void theDefaultThemeAloneHasNoOverride() {
        Theme plain = new Theme(null);
        Theme withSite = new Theme(site.resolve("themes/site"));
        assertEquals(plain.assets().keySet(), withSite.assets().keySet(), "the same asset names");
        assertFalse(plain.assetPath("kohyo.css").equals(withSite.assetPath("kohyo.css")), "kohyo.css differs");
        assertEquals(plain.assetPath("toc.js"), withSite.assetPath("toc.js"), "toc.js does not");
    }

    private static Path onlyAsset(String prefix, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(report.output().resolve("assets"))) {
            var found = s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(suffix)).toList();
            assertEquals(1, found.size(), "one " + prefix + "*" + suffix + ": " + found);
            return found.get(0);
        }
    }

    private static byte[] defaultAsset(String name) throws IOException {
        try (InputStream in = Theme.class.getResourceAsStream(Theme.DEFAULT + "assets/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        URL u = ThemeOverrideTest.class.getResource(name);
        assertNotNull(u, "test resource " + name);
        return Path.of(u.toURI());
    }
}

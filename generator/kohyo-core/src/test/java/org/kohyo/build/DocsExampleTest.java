package org.kohyo.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohyo.redact.Edition;

/** The complete annotated example in docs/example/ builds as documented, so the documentation stays true. */
class DocsExampleTest {
    @TempDir
    Path tmp;

    @Test
    void annotatedExampleBuildsAndShowsWhatTheCommentsSay() throws BuildFailure, IOException {
        Path config = SampleSite.repository().resolve("docs/example/site-config.yml");
        BuildReport r = new SiteBuilder().build(BuildOptions.of(config, Edition.PUBLIC).withOutput(tmp.resolve("site")).withZip(null));
        assertEquals(1, r.documents());
        assertEquals(0, r.warnings().size(), "no warnings: " + r.warnings());
        assertEquals(1, r.withheld()[0], "one whole item withheld");
        assertEquals(1, r.withheld()[2], "one span withheld (in the included Markdown file)");
        String page = Files.readString(tmp.resolve("site/evaluations/example-kiso.html"), StandardCharsets.UTF_8);
        assertTrue(page.contains("選択：<strong>実施する</strong>"), "a choice is announced in words");
        assertTrue(page.contains("児童手当・特例給付の認定請求の受付と審査"), "the included Markdown file is rendered");
        assertTrue(page.contains("（セキュリティ上のリスクがあるため非公表）"), "withheld parts show the notice");
        assertFalse(page.contains("毎月第2営業日"), "the withheld span is not in the public page");
        assertFalse(page.contains("攻撃の手がかり"), "reasons are not in the public page");
        assertTrue(page.contains("<u>中間サーバー</u>"), "<u> is kept for 新旧 changes");
        String list = Files.readString(tmp.resolve("site/index.html"), StandardCharsets.UTF_8);
        assertTrue(list.contains("こども未来部 こども支援課"), "the department is listed");
    }
}

package org.kohyo.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.HtmlBlockBase;
import com.vladsch.flexmark.ast.HtmlCommentBlock;
import com.vladsch.flexmark.ast.HtmlInlineBase;
import com.vladsch.flexmark.ast.HtmlInlineComment;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.LinkNodeBase;
import com.vladsch.flexmark.ast.MailLink;
import com.vladsch.flexmark.ast.RefNode;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.util.ast.Node;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohyo.model.Problem;
import org.kohyo.model.Problems;
import org.kohyo.text.Markdown;

/** Markdown の安全確認 — which URLs, tags and comments a text may contain. */
class MarkdownCheckerTest {
    static final Markdown MARKDOWN = new Markdown();
    static final TextContext CTX = new TextContext("content/evaluations/x.yml", 5, 3, "特記事項");

    static List<Problem> check(String text) {
        Problems problems = new Problems();
        new MarkdownChecker(MARKDOWN, problems).check(text, CTX, 1);
        return problems.sorted();
    }

    // ------------------------------------------------------------------------ URL rules (depth 1)

    @ParameterizedTest
    @ValueSource(strings = {"https://example.jp/", "http://example.jp/a?b=c#d", "mailto:kojin@example.jp", "HTTPS://EXAMPLE.JP/",
            "../pages/about.html", "minimal-juten.html", "./x.html", "#s2-1", "", "a/../../pages/x.html", "../index.html?x=1"})
    void allowedLinks(String url) {
        assertNull(MarkdownChecker.urlProblem(url, false, 1), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
            "java\nscript:alert(1)", "vbscript:msgbox", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd",
            "ftp://example.jp/"})
    void refusedSchemes(String url) {
        String p = MarkdownChecker.urlProblem(url, false, 1);
        assertNotNull(p, url);
        assertTrue(p.contains("https:、http:、mailto:"), p);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../x", "../../../etc/passwd", "a/../../../x", "../../evaluations/x.html"})
    void linksOutOfTheSiteAreRefused(String url) {
        String p = MarkdownChecker.urlProblem(url, false, 1);
        assertNotNull(p, url);
        assertTrue(p.contains("content/ の外"), p);
    }

    @Test
    void depthDecidesHowFarUpALinkMayGo() {
        assertNull(MarkdownChecker.urlProblem("../x.html", false, 1));
        assertNotNull(MarkdownChecker.urlProblem("../x.html", false, 0));
        assertNull(MarkdownChecker.urlProblem("../../x.html", false, 2));
    }

    @Test
    void absoluteAndProtocolRelativeLinksAreRefused() {
        assertTrue(MarkdownChecker.urlProblem("/x", false, 1).contains("/ で始まっています"));
        assertTrue(MarkdownChecker.urlProblem("/", false, 1).contains("/ で始まっています"));
        assertTrue(MarkdownChecker.urlProblem("//evil.example/", false, 1).contains("サイトの外"));
    }

    @Test
    void imagesOnlyFromInsideTheSite() {
        assertNull(MarkdownChecker.urlProblem("../images/map.png", true, 1));
        assertTrue(MarkdownChecker.urlProblem("https://example.jp/map.png", true, 1).contains("サイトの外"));
        assertTrue(MarkdownChecker.urlProblem("data:image/png;base64,AAAA", true, 1).contains("サイトの外"));
        assertNotNull(MarkdownChecker.urlProblem("//example.jp/map.png", true, 1));
        assertNotNull(MarkdownChecker.urlProblem("../../map.png", true, 1));
    }

    // ------------------------------------------------------------------------------- whole texts

    @Test
    void safeTagsAndLinksPass() {
        assertEquals(List.of(), check("<u>変更</u>、H<sub>2</sub>O、x<sup>2</sup><br>\n<ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp></ruby>\n"
                + "[国](https://www.ppc.go.jp/) [頁](../pages/about.html) <https://example.jp/> 時刻 10:00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>alert(1)</script>", "<iframe src=x></iframe>", "<style>p{}</style>", "<u onclick=\"x()\">a</u>",
            "<U ONCLICK=x>a</U>", "<br onmouseover=x>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">a</a>",
            "<object data=x></object>", "<svg onload=alert(1)>", "<u style=\"color:red\">a</u>", "<form action=x>"})
    void unsafeHtmlIsRefused(String html) {
        for (String text : List.of(html, "文の中の" + html + "です。")) {
            List<Problem> p = check(text);
            assertFalse(p.isEmpty(), text);
            assertTrue(p.get(0).message().startsWith("HTML「<"), p.toString());
            assertEquals("特記事項", p.get(0).label());
        }
    }

    @Test
    void htmlCommentsAreRefused() {
        assertTrue(check("<!-- メモ -->").get(0).message().contains("コメント"));
        assertTrue(check("文<!-- メモ -->文").get(0).message().contains("コメント"));
    }

    @Test
    void linksAndImagesInEveryMarkdownForm() {
        assertEquals(1, check("[a](javascript:alert(1))").size());
        assertFalse(check("<javascript:alert(1)>").isEmpty());
        assertEquals(1, check("[a][r]\n\n[r]: javascript:alert(1)\n").size());
        assertEquals(1, check("![地図](https://example.jp/a.png)").size());
        assertEquals(1, check("![地図][m]\n\n[m]: https://example.jp/a.png\n").size());
        assertEquals(1, check("[a](/x)").size());
        assertEquals(1, check("[a](../../x)").size());
    }

    /**
     * The renderer unescapes entities and backslash escapes in URLs, so the checker must judge the URL
     * as it will be rendered: 「javascript&#58;」 and 「javascript\:」 become 「javascript:」 in the href.
     */
    @ParameterizedTest
    @ValueSource(strings = {"[a](javascript&#58;alert(1))", "[a](javascript&colon;alert(1))", "[a](javascript\\:alert(1))",
            "[a](&#106;avascript:alert(1))", "[a](javas&#99;ript:alert(1))"})
    void escapedJavascriptLinksAreRefused(String text) {
        String html = MARKDOWN.render(MARKDOWN.parse(text));
        boolean rendersJavascript = html.toLowerCase().contains("href=\"javascript:");
        List<Problem> p = check(text);
        assertTrue(!rendersJavascript || !p.isEmpty(), () -> text + " renders " + html.strip() + " but passes the check");
        assertFalse(p.isEmpty(), () -> text + " passes the check (renders " + html.strip() + ")");
    }

    @Test
    void positionsPointAtTheOffendingMarkup() {
        List<Problem> p = check("1行目。\n2行目に<script>x</script>。\n3行目[a](/x)。");
        assertEquals(3, p.size(), p.toString());
        assertEquals("content/evaluations/x.yml:6:7", p.get(0).location().toString());
        assertEquals("content/evaluations/x.yml:7:6", p.get(2).location().toString());
    }

    /**
     * Texts without 「[」 and without 「&lt;」 before an ASCII character are not parsed by the checker:
     * random such texts must indeed parse to no HTML, comment, link, image or reference.
     */
    @Test
    void textsThatAreNotParsedHoldNothingToCheck() {
        String[] alphabet = {"a", "1", "あ", "。", " ", "\n", "\n\n", "\t", "<", "<あ", "<個人番号>", "< a", "<a", "</a>", "<!--",
            "-->", "<?", "<!", ">", "]", "(", ")", ":", "https://example.jp", "javascript:alert(1)", "mailto:a@example.jp",
            "a@example.jp", "!", "*", "_", "`", "```", "\\", "&#60;", "&lt;", "&#91;", "- ", "1. ", "> ", "    ", "|", "---", "\"",
            "'", "＜", "［", "\u3000", "\r"};
        Random random = new Random(20261122);
        int skipped = 0;
        for (int n = 0; n < 30_000; n++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(12);
            for (int i = 0; i < len; i++) {
                b.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = b.toString();
            if (MarkdownChecker.mayHoldHtmlOrLinks(text)) {
                continue;
            }
            skipped++;
            for (Node node : MARKDOWN.parse(text).getDescendants()) {
                boolean checked = node instanceof HtmlBlockBase || node instanceof HtmlInlineBase || node instanceof HtmlCommentBlock
                        || node instanceof HtmlInlineComment || node instanceof LinkNodeBase || node instanceof Link
                        || node instanceof Image || node instanceof AutoLink || node instanceof MailLink || node instanceof RefNode
                        || node instanceof Reference;
                assertFalse(checked, () -> node.getClass().getSimpleName() + " in " + text.replace("\n", "\\n"));
            }
        }
        assertTrue(skipped > 1_000, "too few texts to compare: " + skipped);
    }

    @Test
    void nestingIsCountedPerLine() {
        String deep = "> ".repeat(MarkdownChecker.MAX_NESTING + 1) + "深い引用";
        assertEquals(0, MarkdownChecker.tooDeep(deep));
        assertEquals("前の行\n".length(), MarkdownChecker.tooDeep("前の行\n" + deep));
        assertEquals(-1, MarkdownChecker.tooDeep("> ".repeat(MarkdownChecker.MAX_NESTING) + "ちょうど上限"));
        // many marks in the text, few on any one line
        assertEquals(-1, MarkdownChecker.tooDeep("- 項目。\n".repeat(MarkdownChecker.MAX_NESTING * 2)));
        assertEquals("- 項目\n".length(), MarkdownChecker.tooDeep("- 項目\n" + " ".repeat(MarkdownChecker.MAX_NESTING * 4 + 1) + "字下げ"));
    }
}

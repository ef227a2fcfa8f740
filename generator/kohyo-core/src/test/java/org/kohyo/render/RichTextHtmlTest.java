package org.kohyo.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kohyo.model.Location;
import org.kohyo.model.RichText;
import org.kohyo.model.RichText.Segment;
import org.kohyo.model.Withholding;
import org.kohyo.text.Markdown;

/** 記述の HTML 化 — notices in place of withheld parts, and the same HTML however often a text is rendered. */
class RichTextHtmlTest {
    static final Location AT = Location.of("content/evaluations/x.yml");
    final RichTextHtml html = new RichTextHtml(new Markdown(), "（非公表）");

    @Test
    void plainAndMarkdownTexts() {
        assertEquals("<p>一行目<br>\n&lt;個人番号&gt;</p>\n<p>次の段落</p>", html.html(RichText.plain("一行目\n<個人番号>\n\n次の段落\n", AT)));
        assertEquals("<ol>\n<li>受付</li>\n<li>審査</li>\n</ol>", html.html(RichText.plain("1. 受付\n2. 審査", AT)));
        assertEquals("<p>-</p>", html.html(RichText.plain(" - ", AT)));
        assertEquals("", html.html(RichText.plain(" \n", AT)));
    }

    @Test
    void noticesReplaceWithheldParts() {
        RichText t = new RichText(List.of(new Segment.Plain("前"), new Segment.Notice(1, Withholding.SPAN), new Segment.Plain("後"),
                new Segment.Notice(2, Withholding.BLOCK)), AT);
        assertEquals("<p>前<span class=\"withheld\" id=\"withheld-1\">（非公表）</span>後</p>\n"
                + "<div class=\"withheld\" id=\"withheld-2\" role=\"note\"><p>（非公表）</p></div>", html.html(t));
    }

    @Test
    void renderingAgainGivesTheSameHtml() {
        RichText first = RichText.plain("最初の文。", AT);
        String expected = html.html(first);
        for (int i = 0; i <= RichTextHtml.RECENT; i++) {
            assertEquals("<p>文 " + i + "</p>", html.html(RichText.plain("文 " + i, AT)));
        }
        assertEquals(expected, html.html(first));
        assertEquals(expected, html.html(RichText.plain("最初の文。", AT)));
    }
}

package org.kohyo.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 平文の段落の直接の HTML 化 — {@link Markdown#html} renders plain paragraphs itself; the result must
 * be exactly flexmark's, and anything that might be Markdown syntax must go to flexmark.
 */
class MarkdownTest {
    private final Markdown markdown = new Markdown();

    private String flexmark(String text) {
        return markdown.render(markdown.parse(text));
    }

    private void same(String text) {
        assertEquals(flexmark(text), markdown.html(text), () -> "text: " + text.replace("\n", "\\n"));
    }

    @Test
    void plainParagraphsAreRenderedDirectly() {
        String text = "個人番号を取り扱う事務は、(※1)のとおり。\n2行目: 例 a.b, 100%\n\n\n次の段落\uFDD0N1\uFDD1です。\n";
        assertNotNull(Markdown.plainParagraphs(text));
        same(text);
        same("");
        same("\n\n");
        same("一行");
        same("1.基本コード\n\n10.接種区分、11.接種不適当区分");
        same("\n\n\uFDD0B12\uFDD1\n\n");
        same("I'm here; (a) {b} #1 -2 +3 =4 !5 ?6 /7 @8 $9 ^0");
        same("全角\u3000空白の\u00A0入った行");
        same("<個人番号、その他識別情報(内部番号)>\n・本人確認等\n1\\. 番号利用法\n2\\) 別表 -> 第二");
    }

    @Test
    void anythingThatMightBeSyntaxGoesToFlexmark() {
        String[] syntax = {"# 見出し", "- 項目", "+ 項目", "* 項目", "1. 項目", "1.", "2) 項目", "a\n---", "a\n===", "    コード",
            " 字下げ", "行末の空白  \n次", "\t字下げ", "> 引用", "<u>下線</u>", "a & b", "&amp;", "**強調**", "_a_", "`code`",
            "[リンク](https://example.jp)", "a | b\n--|--\n1 | 2", "~~~\nx\n~~~", "a\\\nb", "\u3000字下げ", "\"引用符\"",
            "a\r\nb", "a\u2028b", "\u0000", "行末\u3000", "<a href=x>", "<https://example.jp>", "<a@example.jp>", "a <", "< a",
            "a\\", "\\*", "a\\\\.b"};
        for (String s : syntax) {
            assertNull(Markdown.plainParagraphs(s), s);
            same(s);
        }
    }

    /**
     * Random texts over an alphabet of ordinary characters and every character that matters to
     * Markdown: whenever the direct rendering accepts one, it must agree with flexmark.
     */
    @Test
    void agreesWithFlexmarkOnRandomTexts() {
        String[] alphabet = {"a", "Z", "0", "1", "9", "あ", "。", "（", "）", "①", "\uFDD0", "\uFDD1", " ", "  ", "\n", "\n\n",
            "\u3000", "\u00A0", "\t", "\r", "!", "\"", "#", "$", "%", "&", "'", "(", ")", "*", "+", ",", "-", ".", "/", ":", ";",
            "<", "=", ">", "?", "@", "[", "\\", "]", "^", "_", "`", "{", "|", "}", "~", "1.", "2)", "---", "===", "&amp;",
            "http://example.jp", "www.example.jp", "a@example.jp", "\uD83D\uDE00", "\u200B", "\uFEFF", "\u2028", "<あ", "<個人番号>",
            "\\.", "\\)", "\\", "1\\.", "<\u3000", "<a", "</", "<!", "<?", "->", "\\\\"};
        Random random = new Random(20261122);
        int accepted = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(14);
            for (int i = 0; i < len; i++) {
                b.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = b.toString();
            if (Markdown.plainParagraphs(text) != null) {
                accepted++;
            }
            same(text);
        }
        assertTrue(accepted > 1_000, "too few plain texts to compare: " + accepted);
    }
}

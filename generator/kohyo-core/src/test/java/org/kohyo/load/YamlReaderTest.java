package org.kohyo.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kohyo.model.Problem;
import org.kohyo.model.Problems;

/** YAML の読み込み — positions of keys and values, block scalars, duplicate keys, syntax errors. */
class YamlReaderTest {
    final Problems problems = new Problems();

    YNode read(String text) {
        return new YamlReader().read("content/evaluations/x.yml", text, problems);
    }

    static String at(YNode n) {
        return n.location().line() + ":" + n.location().column();
    }

    @Test
    void keysAndValuesKnowTheirLineAndColumn() {
        YNode.Map root = (YNode.Map) read("# comment\n様式: 重点項目評価書\nI 基本情報:\n  6. 担当部署:\n    ①部署: 保健センター\n");
        assertEquals(List.of(), problems.sorted());
        YNode.Entry form = root.get("様式");
        assertEquals("2:1", at(form.key()));
        assertEquals("2:5", at(form.value()));
        assertEquals("content/evaluations/x.yml", form.key().location().file());
        YNode.Map section = (YNode.Map) root.get("I 基本情報").value();
        YNode.Map group = (YNode.Map) section.get("6. 担当部署").value();
        YNode.Entry dept = group.get("①部署");
        assertEquals("5:5", at(dept.key()));
        assertEquals("5:10", at(dept.value()));
        assertEquals("保健センター", ((YNode.Scalar) dept.value()).text());
    }

    @Test
    void blockScalarContentStartsOnTheNextLineAtItsIndent() {
        YNode.Map root = (YNode.Map) read("特記事項: |\n    1行目\n    2行目\n次: x\n");
        YNode.Scalar s = (YNode.Scalar) root.get("特記事項").value();
        assertEquals("1行目\n2行目\n", s.text());
        assertEquals(2, s.contentLine());
        assertEquals(5, s.contentColumn());
        YNode.Scalar folded = (YNode.Scalar) ((YNode.Map) read("a: >-\n  x\n  y\n")).get("a").value();
        assertEquals("x y", folded.text());
        assertEquals(2, folded.contentLine());
        assertEquals(3, folded.contentColumn());
    }

    @Test
    void plainScalarContentIsWhereTheValueIs() {
        YNode.Scalar s = (YNode.Scalar) ((YNode.Map) read("特記事項: 変更は<u>ここ</u>\n")).get("特記事項").value();
        assertEquals(1, s.contentLine());
        assertEquals(7, s.contentColumn());
    }

    /** In a quoted scalar the text starts after the quote. */
    @Test
    void quotedScalarContentStartsAfterTheQuote() {
        YNode.Scalar d = (YNode.Scalar) ((YNode.Map) read("特記事項: \"[a](javascript:x)\"\n")).get("特記事項").value();
        assertEquals(8, d.contentColumn(), "double-quoted");
        YNode.Scalar q = (YNode.Scalar) ((YNode.Map) read("特記事項: '[a](javascript:x)'\n")).get("特記事項").value();
        assertEquals(8, q.contentColumn(), "single-quoted");
    }

    @Test
    void sequencesAndNulls() {
        YNode.Map root = (YNode.Map) read("主な記録項目:\n  - 個人番号\n  - 4情報\n空欄:\n");
        YNode.Seq seq = assertInstanceOf(YNode.Seq.class, root.get("主な記録項目").value());
        assertEquals(2, seq.items().size());
        assertEquals("3:5", at(seq.items().get(1)));
        YNode.Scalar empty = (YNode.Scalar) root.get("空欄").value();
        assertTrue(empty.isBlank());
    }

    @Test
    void numbersAndBooleansStayText() {
        YNode.Map root = (YNode.Map) read("評価書番号: 15\n委託しない: true\n日付: 2021-02-19\n");
        assertEquals("15", ((YNode.Scalar) root.get("評価書番号").value()).text());
        assertEquals("true", ((YNode.Scalar) root.get("委託しない").value()).text());
        assertEquals("2021-02-19", ((YNode.Scalar) root.get("日付").value()).text());
    }

    @Test
    void emptyDocumentIsAnEmptyMap() {
        YNode.Map root = assertInstanceOf(YNode.Map.class, read(""));
        assertTrue(root.entries().isEmpty());
        assertEquals(List.of(), problems.sorted());
    }

    @Test
    void duplicateKeyIsReportedAtTheSecondKeyAndTheFirstIsKept() {
        YNode.Map root = (YNode.Map) read("評価書名: 一つ目\n公表日: 令和3年2月19日\n評価書名: 二つ目\n");
        List<Problem> p = problems.sorted();
        assertEquals(1, p.size(), p.toString());
        assertEquals("content/evaluations/x.yml:3:1", p.get(0).location().toString());
        assertEquals("評価書名", p.get(0).label());
        assertTrue(p.get(0).message().contains("2回"), p.get(0).message());
        assertEquals(2, root.entries().size());
        assertEquals("一つ目", ((YNode.Scalar) root.get("評価書名").value()).text());
    }

    @Test
    void duplicateKeyInANestedMapAndInEverySequenceEntry() {
        read("I:\n  6.:\n    ①部署: a\n    ①部署: b\nII:\n  - x: 1\n    x: 2\n  - x: 3\n    x: 4\n");
        List<String> where = problems.sorted().stream().map(p -> p.location().line() + ":" + p.location().column()).toList();
        assertEquals(List.of("4:5", "7:5", "9:5"), where);
    }

    @Test
    void sameKeyInDifferentMapsIsFine() {
        read("a:\n  x: 1\nb:\n  x: 2\n");
        assertEquals(List.of(), problems.sorted());
    }

    @Test
    void syntaxErrorIsAProblemNotAnException() {
        assertNull(read("I 基本情報:\n  3. 名前: \"閉じていない\n  7. 他: なし\n"));
        List<Problem> p = problems.sorted();
        assertEquals(1, p.size());
        assertTrue(p.get(0).message().startsWith("YAML として読めません。"), p.get(0).message());
        assertTrue(p.get(0).location().line() >= 2, p.get(0).toString());
    }

    @Test
    void badIndentIsReportedOnItsLine() {
        assertNull(read("a:\n  b: 1\n c: 2\n"));
        assertEquals(3, problems.sorted().get(0).location().line(), problems.sorted().toString());
    }

    /** The problem's own line (2), not the line where the scanner started looking (1). */
    @Test
    void tabIndentIsReported() {
        assertNull(read("a:\n\tb: 1\n"));
        assertEquals(2, problems.sorted().get(0).location().line(), problems.sorted().toString());
    }

    /** Jackson's English wording must not reach the people who keep the sources. */
    @Test
    void syntaxErrorMessagesAreJapaneseOnly() {
        for (String text : List.of("a: \"x\n", "a:\n  b: 1\n c: 2\n", "a:\n\tb: 1\n", "a: b: c\n", "- a\nb: c\n", "a: [1, 2\n")) {
            Problems p = new Problems();
            assertNull(new YamlReader().read("x.yml", text, p), text);
            String m = p.sorted().get(0).message();
            assertTrue(!m.matches("(?s).*[A-Za-z]{3,} [A-Za-z]{2,}.*"), () -> "English in: " + m);
        }
    }
}

package org.kohyo.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kohyo.model.FreePage;
import org.kohyo.model.Location;
import org.kohyo.model.Problem;
import org.kohyo.model.Problems;
import org.kohyo.model.RichText;
import org.kohyo.model.RichText.Segment;
import org.kohyo.model.Withholding;
import org.kohyo.redact.Edition;
import org.kohyo.redact.Redactor;

/** 非公表の記法 — segments, numbering across a document, and the position of every marker error. */
class WithholdingParserTest {
    /** A text that starts on line 10, column 3 of its file (a block scalar indented by two). */
    static final TextContext CTX = new TextContext("content/evaluations/x.yml", 10, 3, "特記事項");

    final Problems problems = new Problems();
    final WithholdingParser.Counter counter = new WithholdingParser.Counter();
    final WithholdingParser parser = new WithholdingParser(problems, counter);

    RichText parse(String text) {
        return parser.parse(text, CTX, Location.of("content/evaluations/x.yml"));
    }

    /** The segments, revealed (full edition), as short strings: P[plain] S1[span] B2[block]. */
    static List<String> shape(RichText t) {
        RichText revealed = new Redactor(Edition.FULL, null)
                .redact(new FreePage("p.html", Location.of("p.md"), "t", t, 0, new org.kohyo.model.Evaluation.WithheldCount(0, 0, 0))).page().body();
        List<String> out = new ArrayList<>();
        for (Segment s : revealed.segments()) {
            if (s instanceof Segment.Plain p) {
                out.add("P[" + p.markdown() + "]");
            } else if (s instanceof Segment.Revealed r) {
                String kind = r.kind() == Withholding.BLOCK ? "B" : r.kind() == Withholding.SPAN ? "S" : "I";
                out.add(kind + r.number() + "(" + r.reason() + ")[" + r.content().plainMarkdownOrNull() + "]");
            } else {
                out.add(s.toString());
            }
        }
        return out;
    }

    List<String> errors() {
        List<String> out = new ArrayList<>();
        for (Problem p : problems.sorted()) {
            out.add(p.location().line() + ":" + p.location().column() + " " + p.message());
        }
        return out;
    }

    @Test
    void plainTextIsOneSegment() {
        RichText t = parse("ただの文。\n2行目。\n");
        assertEquals(List.of("P[ただの文。\n2行目。\n]"), shape(t));
        assertEquals("ただの文。\n2行目。\n", t.plainMarkdownOrNull());
        assertEquals(List.of(), errors());
    }

    @Test
    void spanWithAndWithoutReason() {
        RichText t = parse("前{非公表}秘密{/非公表}中{非公表:セキュリティ}機密{/非公表}後");
        assertEquals(List.of("P[前]", "S1()[秘密]", "P[中]", "S2(セキュリティ)[機密]", "P[後]"), shape(t));
        assertEquals(null, t.plainMarkdownOrNull());
        assertEquals(List.of(), errors());
        assertEquals(2, counter.spans);
    }

    @Test
    void fullWidthBracesAndColonAreAccepted() {
        RichText t = parse("前｛非公表：理由｝秘密｛/非公表｝後");
        assertEquals(List.of("P[前]", "S1(理由)[秘密]", "P[後]"), shape(t));
        assertEquals(List.of(), errors());
    }

    @Test
    void blockWithReason() {
        RichText t = parse("公開。\n:::非公表 セキュリティ上の理由\n秘密の段落。\n:::\n後の文。\n");
        assertEquals(List.of("P[公開。\n]", "B1(セキュリティ上の理由)[秘密の段落。\n]", "P[後の文。\n]"), shape(t));
        assertEquals(List.of(), errors());
        assertEquals(1, counter.blocks);
    }

    @Test
    void numbersRunAcrossTheTextsOfOneDocument() {
        parse("{非公表}a{/非公表}");
        RichText second = parse(":::非公表\nb\n:::\n{非公表}c{/非公表}");
        assertEquals(List.of("B2()[b\n]", "S3()[c]"), shape(second));
        assertEquals(3, counter.next - 1);
        assertEquals(1, counter.blocks);
        assertEquals(2, counter.spans);
    }

    // ------------------------------------------------------------------ errors and where they are

    @Test
    void unclosedBlockIsReportedAtItsOpeningLine() {
        parse("公開。\n:::非公表\n秘密。\n");
        assertEquals(List.of("11:3 「:::非公表」が閉じられていません。非公表にする部分の後に「:::」だけの行を書いてください。"), errors());
    }

    @Test
    void strayCloseIsReportedAtItsLine() {
        parse("公開。\n:::\n");
        assertEquals(1, errors().size());
        assertTrue(errors().get(0).startsWith("11:3 対応する「:::非公表」の無い「:::」"), errors().toString());
    }

    @Test
    void unknownBlockIsReportedAtItsLine() {
        parse("公開。\n:::note\n文。\n");
        assertEquals(List.of("11:3 「:::note」は使えない記法です。使えるのは「:::非公表」と、それを閉じる「:::」だけです。"), errors());
    }

    @Test
    void nestedBlockIsReported() {
        parse(":::非公表\n:::非公表\n秘密。\n:::\n");
        assertTrue(errors().get(0).startsWith("11:3 「:::非公表」の中に「:::非公表」"), errors().toString());
    }

    /** A span on the first line of a text: the text's own first line, at the marker's column. */
    @Test
    void unclosedSpanOnTheFirstLineOfABlockScalar() {
        parse("公開する文。{非公表}非公表の文。\n");
        assertEquals(List.of("10:9 「{非公表}」が閉じられていません。非公表にする部分の後に「{/非公表}」を書いてください。"), errors());
    }

    /** The same without the final newline (a plain scalar). */
    @Test
    void unclosedSpanInAPlainScalar() {
        parse("公開する文。{非公表}非公表の文。");
        assertEquals(List.of("10:9 「{非公表}」が閉じられていません。非公表にする部分の後に「{/非公表}」を書いてください。"), errors());
    }

    @Test
    void spanErrorOnALaterLine() {
        parse("1行目。\n2行目。\n3行目{非公開}。\n");
        assertEquals(1, errors().size(), errors().toString());
        assertTrue(errors().get(0).startsWith("12:6 「{非公開}」は使えない記法です。"), errors().toString());
    }

    @Test
    void spanErrorAfterABlock() {
        parse(":::非公表\n秘密。\n:::\n後{非公開}。\n");
        assertEquals(1, errors().size(), errors().toString());
        assertTrue(errors().get(0).startsWith("13:4 「{非公開}」"), errors().toString());
    }

    /** A wrong marker line is dropped from the text; the lines after it must keep their numbers. */
    @Test
    void spanErrorAfterAStrayMarkerLine() {
        parse("1行目。\n:::\n3行目{非公開}。\n");
        assertEquals(List.of("11:3", "12:6"), errors().stream().map(e -> e.substring(0, e.indexOf(' '))).toList(), errors().toString());
    }

    @Test
    void nestedSpanIsReportedAtTheInnerMarker() {
        parse("文{非公表}外{非公表}内{/非公表}。");
        assertTrue(errors().get(0).startsWith("10:10 「{非公表}」の中に「{非公表}」"), errors().toString());
    }

    @Test
    void spanInsideBlockIsReported() {
        parse(":::非公表\nブロックの{非公表}中{/非公表}。\n:::\n");
        assertTrue(errors().get(0).startsWith("11:8 「:::非公表」のブロックの中に「{非公表}」"), errors().toString());
    }

    @Test
    void spanAcrossParagraphsIsReported() {
        parse("前{非公表}段落1。\n\n段落2{/非公表}。");
        assertEquals(1, errors().size(), errors().toString());
        assertTrue(errors().get(0).contains("段落をまたいでいます"), errors().toString());
    }

    @Test
    void strayClosingSpanIsReported() {
        parse("文{/非公表}。");
        assertEquals(List.of("10:4 対応する「{非公表}」の無い「{/非公表}」があります。"), errors());
    }

    @Test
    void typosOfTheMarkerAreReported() {
        for (String typo : List.of("{非公開}", "{ひこうひょう}", "{非表示}")) {
            Problems p = new Problems();
            new WithholdingParser(p, new WithholdingParser.Counter()).parse("文" + typo + "。", CTX, Location.of("x"));
            assertEquals(1, p.errorCount(), typo);
            assertTrue(p.sorted().get(0).message().startsWith("「" + typo + "」は使えない記法です。"), typo);
        }
    }

    // ------------------------------------------------------------------ texts without markers

    @Test
    void onlyBracesAndThreeColonsCanStartAMarker() {
        for (String t : List.of("", "ただの文。", "時刻 10:30、比率 1:2", "::", "a::b", "：：", ": : :", "（括弧）【見出し】")) {
            assertTrue(!WithholdingParser.mayHoldMarker(t) && !WithholdingParser.hasMarker(t), t);
        }
        for (String t : List.of(":::", "：：：", ":：:", "a{b", "｛", "前:::非公表", "{/非公表}")) {
            assertTrue(WithholdingParser.mayHoldMarker(t), t);
        }
        assertTrue(WithholdingParser.hasMarker("::: 非公表"));
        assertTrue(WithholdingParser.hasMarker("文{非公表}"));
    }

    @Test
    void textsWithoutMarkersAreOnePlainSegment() {
        RichText t = parse("例: 10:30 に開始。\n（2行目）\n");
        assertEquals(List.of("P[例: 10:30 に開始。\n（2行目）\n]"), shape(t));
        assertEquals(List.of(), parse("").segments());
        assertEquals(List.of(), errors());
    }

    @Test
    void viewsOfATextWithoutMarkersKeepItAllPublic() {
        String[] views = WithholdingParser.publicAndWithheld("一行目: a\r\n二行目\n");
        assertEquals("一行目: a\n二行目\n\n", views[0]);
        assertEquals("\n\n\n", views[1]);
        String[] marked = WithholdingParser.publicAndWithheld("前{非公表}秘密{/非公表}後\n");
        assertEquals(2, marked.length);
        assertTrue(marked[1].contains("秘密") && !marked[0].contains("秘密"), marked[0]);
    }
}

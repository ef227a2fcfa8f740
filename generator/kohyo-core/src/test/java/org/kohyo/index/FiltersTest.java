package org.kohyo.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ja.JapaneseReadingFormFilter;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.Test;

/** Each char filter, tokenizer and token filter alone. */
class FiltersTest {

    @Test
    void nfkcFoldsWidthAndCase() {
        assertEquals("lgwan キオスク端末 tkc", Tokens.read(new NfkcCharFilter(new StringReader("ＬＧＷＡＮ ｷｵｽｸ端末 ＴＫＣ"))));
        assertEquals("ワクチン ガ パ", Tokens.read(new NfkcCharFilter(new StringReader("ﾜｸﾁﾝ ｶﾞ ﾊﾟ"))));
        assertEquals("(株) 1 a", Tokens.read(new NfkcCharFilter(new StringReader("㈱ ① Ａ"))));
        assertEquals("予防接種", Tokens.read(new NfkcCharFilter(new StringReader("予防接種"))));
    }

    @Test
    void nfkcKeepsOffsetsPointingIntoTheOriginal() throws Exception {
        // ｷﾞ (2 chars) becomes ギ (1 char): the token after it must still point into the original text
        Tokenizer t = new ScriptRunTokenizer();
        t.setReader(new NfkcCharFilter(new StringReader("ｷﾞ abc")));
        OffsetAttribute off = t.addAttribute(OffsetAttribute.class);
        t.reset();
        assertTrue(t.incrementToken());
        assertEquals(0, off.startOffset());
        assertEquals(2, off.endOffset());
        assertTrue(t.incrementToken());
        assertEquals(3, off.startOffset());
        assertEquals(6, off.endOffset());
        t.end();
        t.close();
    }

    @Test
    void kanaFoldCharFilterMapsKatakanaToHiragana() {
        assertEquals("きおすく端末 ゔぁ ゝ abc", Tokens.read(new KanaFoldCharFilter(new StringReader("キオスク端末 ヴァ ヽ abc"))));
        assertEquals("ー", Tokens.read(new KanaFoldCharFilter(new StringReader("ー"))), "the long vowel mark is not kana");
    }

    @Test
    void longVowelCharFilterDropsTheMark() {
        assertEquals("サバ サバ", Tokens.read(new LongVowelCharFilter(new StringReader("サーバー サーバ"))));
        assertEquals("中間サバ", Tokens.read(new LongVowelCharFilter(new StringReader("中間サーバー"))));
    }

    @Test
    void kanaFoldFilterFoldsTokens() {
        assertEquals(List.of("よぼう", "せっしゅ", "abc"), Tokens.filter("ヨボウ セッシュ abc", KanaFoldFilter::new));
    }

    @Test
    void longVowelFilterDropsMarksAndEmptyTokens() {
        assertEquals(List.of("サバ", "ユザ"), Tokens.filter("サーバー ー ユーザー", LongVowelFilter::new));
    }

    @Test
    void scriptRunTokenizerSplitsCjkAndWords() {
        assertEquals(List.of("住民基本台帳", "lgwan", "30", "年", "j", "lis"),
                Tokens.tokenize(new ScriptRunTokenizer(), "住民基本台帳・lgwan 30年 j-lis"));
        assertEquals(List.of("きおすく端末"), Tokens.tokenize(new ScriptRunTokenizer(), "「きおすく端末」"));
    }

    @Test
    void bigramFilterSplitsCjkRunsOnly() {
        Tokenizer t = new ScriptRunTokenizer();
        t.setReader(new StringReader("予防接種 税 lgwan"));
        assertEquals(List.of("予防", "防接", "接種", "税", "lgwan"), Tokens.terms(new BigramFilter(t)));
    }

    @Test
    void bigramFilterHandlesSupplementaryCharacters() {
        Tokenizer t = new ScriptRunTokenizer();
        t.setReader(new StringReader("𠮷野家"));
        assertEquals(List.of("𠮷野", "野家"), Tokens.terms(new BigramFilter(t)));
    }

    @Test
    void readingRunFilterJoinsAdjacentReadingsAndSkipsCompounds() {
        Tokenizer t = WordAnalyzer.newTokenizer();
        t.setReader(new StringReader("予防接種に関する事務、LGWAN回線"));
        List<String> runs = Tokens.terms(new ReadingRunFilter(new KanaFoldFilter(new JapaneseReadingFormFilter(t, false))));
        assertEquals(List.of("よぼうせっしゅにかんするじむ", "かいせん"), runs);
    }

    @Test
    void synonymCharFilterAppendsAlternatives() {
        SynonymTable table = SynonymTable.parse(List.of("住基, 住民基本台帳"));
        assertEquals("住民基本台帳の事務\n住基", Tokens.read(new SynonymCharFilter(new StringReader("住民基本台帳の事務"), table)));
        assertEquals("無関係", Tokens.read(new SynonymCharFilter(new StringReader("無関係"), table)));
    }

    @Test
    void foldingSpecMatchesTheFilters() {
        Map<String, String> cases = Map.of(
                "ｷｵｽｸ端末", "きおすく端末",
                "中間サーバー", "中間さば",
                "ＬＧＷＡＮ", "lgwan",
                "マイナンバー", "まいなんば",
                "Ｊ－ＬＩＳ", "j-lis");
        cases.forEach((in, out) -> {
            assertEquals(out, JapaneseFolding.normalize(in));
            assertEquals(out, Tokens.read(new LongVowelCharFilter(new KanaFoldCharFilter(new NfkcCharFilter(new StringReader(in))))));
        });
        assertTrue(JapaneseFolding.isHiragana("よぼう"));
        assertFalse(JapaneseFolding.isHiragana("予防"));
        assertFalse(JapaneseFolding.isHiragana(""));
    }
}

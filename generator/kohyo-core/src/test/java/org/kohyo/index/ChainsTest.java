package org.kohyo.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The composed analysis chains. */
class ChainsTest {

    @Test
    void gramChainFoldsThenBigrams() {
        try (GramAnalyzer a = new GramAnalyzer(null)) {
            assertEquals(List.of("中間", "間さ", "さば"), Tokens.analyze(a, "中間サーバー"));
            assertEquals(Tokens.analyze(a, "中間サーバー"), Tokens.analyze(a, "中間ｻｰﾊﾞ"));
            assertEquals(List.of("lgwan"), Tokens.analyze(a, "ＬＧＷＡＮ"));
            assertEquals(List.of("きお", "おす", "すく", "く端", "端末"), Tokens.analyze(a, "ｷｵｽｸ端末"));
        }
    }

    @Test
    void gramChainExpandsSynonymsAtIndexTime() {
        try (GramAnalyzer a = new GramAnalyzer(SynonymTable.parse(SearchConfig.defaultSynonymLines()))) {
            List<String> terms = Tokens.analyze(a, "住民基本台帳の事務");
            assertTrue(terms.contains("住基"), terms.toString());
            assertTrue(terms.contains("帳の"), terms.toString());
        }
    }

    @Test
    void readingChainLetsKanaFindKanji() {
        try (ReadingAnalyzer a = new ReadingAnalyzer()) {
            List<String> terms = Tokens.analyze(a, "予防接種対象者ファイル");
            for (String t : List.of("せっ", "っし", "しゅ", "よぼ", "うせ")) {
                assertTrue(terms.contains(t), t + " in " + terms);
            }
            List<String> jumin = Tokens.analyze(a, "住民票の写し");
            for (String t : List.of("じゅ", "ゅう", "うみ", "みん", "んひ", "ひょ", "ょう")) {
                assertTrue(jumin.contains(t), t + " in " + jumin);
            }
            assertEquals("よぼうせっしゅにかんするじむ", a.reading("予防接種に関する事務"));
        }
    }

    @Test
    void readingChainFoldsLongVowels() {
        try (ReadingAnalyzer a = new ReadingAnalyzer()) {
            assertTrue(Tokens.analyze(a, "サーバー").contains("さば"));
        }
    }

    @Test
    void wordChainKeepsCompoundsAndExpandsSynonyms() {
        try (WordAnalyzer a = WordAnalyzer.create(List.of("住基, 住民基本台帳"), false)) {
            List<String> airport = Tokens.analyze(a, "関西国際空港");
            assertTrue(airport.containsAll(List.of("関西", "国際", "空港", "関西国際空港")), airport.toString());
            List<String> juki = Tokens.analyze(a, "住基");
            assertTrue(juki.contains("住民"), juki.toString());
        }
    }
}

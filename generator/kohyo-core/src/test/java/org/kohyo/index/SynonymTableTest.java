package org.kohyo.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SynonymTableTest {

    private final SynonymTable table = SynonymTable.parse(SearchConfig.defaultSynonymLines());

    @Test
    void equivalencesAreNormalizedAndSymmetric() {
        assertEquals(List.of("個人番号"), table.alternatives("まいなんば"));
        assertTrue(table.alternatives("個人番号").contains("まいなんば"));
        assertTrue(table.alternatives("住基").contains("住民基本台帳"));
        assertTrue(table.alternatives("ぷらいばし影響評価").contains("特定個人情報保護評価"));
    }

    @Test
    void oneWayRulesStayOneWay() {
        SynonymTable t = SynonymTable.parse(List.of("ワクチン => 予防接種"));
        assertEquals(List.of("予防接種"), t.alternatives("わくちん"));
        assertEquals(List.of(), t.alternatives("予防接種"));
    }

    @Test
    void longestLeftmostMatch() {
        List<SynonymTable.Match> m = table.matches("住基ねっとの住基");
        assertEquals(2, m.size());
        assertEquals("住基ねっと", m.get(0).key());
        assertEquals("住基", m.get(1).key());
    }

    @Test
    void latinKeysNeedWordBoundaries() {
        assertTrue(table.matches("olympia").isEmpty());
        assertEquals(1, table.matches("piaとは").size());
        assertEquals(1, table.matches("j-lis").size());
    }

    @Test
    void variantsReplaceOneOccurrenceEach() {
        assertEquals(List.of("住基", "住民基本台帳"), table.variants("住基"));
        List<String> v = table.variants("まいなんば");
        assertEquals(List.of("まいなんば", "個人番号"), v);
        assertTrue(table.variants("番号法").size() <= SynonymTable.MAX_VARIANTS);
    }

    @Test
    void malformedLinesAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> SynonymTable.parse(List.of("ひとつだけ")));
        assertThrows(IllegalArgumentException.class, () -> SynonymTable.parse(List.of("a => ")));
    }

    @Test
    void queryAnalyzerExpandsSynonymsIntoVariants() {
        try (QueryAnalyzer q = new QueryAnalyzer(table)) {
            assertEquals(List.of(List.of("住基"), List.of("住民", "民基", "基本", "本台", "台帳")), q.variants("住基"));
            assertEquals(List.of(List.of("せっ", "っし", "しゅ")), q.variants("せっしゅ"));
            assertEquals(q.variants("中間サーバ"), q.variants("中間ｻｰﾊﾞｰ"));
        }
    }
}

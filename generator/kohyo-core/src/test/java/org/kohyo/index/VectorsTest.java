package org.kohyo.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Query analysis parity: tests/search/vectors.json holds query → normalized text, variants and
 * terms with their shard hashes, snippet highlight ranges (query, passage → marks) and passage choices; this test asserts them for {@link QueryAnalyzer}, and
 * tests/search/parity.test.mjs asserts them for search.js. Regenerate the expectations with
 * {@code -Dkohyo.writeVectors=true} after a deliberate change to the analysis (then review the diff).
 */
class VectorsTest {

    /** Queries beyond dev-queries.tsv: width, kana, long vowel and synonym edge cases. */
    private static final List<String> EXTRA = List.of(
            "よぼうせっしゅ", "ヨボウセッシュ", "ﾖﾎﾞｳｾｯｼｭ", "ﾜｸﾁﾝ", "ワクチン", "ＴＫＣ", "tkc", "TKC",
            "サーバ", "サーバー", "ｻｰﾊﾞｰ", "中間サーバー", "ユーザー認証", "住基ネット", "住基ネットの端末",
            "国保", "後期高齢", "住民税", "市県民税", "生保", "J-LIS", "Ｊ－ＬＩＳ", "j-lis", "PIA", "olympia",
            "マイナンバー法", "番号法", "マイナンバーカード", "児童手当", "介護保険", "国民健康保険", "地方税",
            "生活保護", "住民基本台帳", "予防接種 児童手当", "税", "  ", "", "㈱", "①", "ガ", "ｶﾞ", "ヴァイオリン",
            "平成30年5月", "個人番号カード　交付", "𠮷野家", "々", "ゝゞ", "キオスク・端末", "LGWAN-ASP", "e-Tax",
            "ｅＬＴＡＸ", "eLTAX");

    /** Snippet highlighting cases: query, passage text (Passages.marks, search.js marks). */
    private static final List<String[]> SNIPPETS = List.of(
            new String[] {"監視カメラ", "(2) 監視カメラ等が設置されている。また、カメラの映像は保存しない。"},
            new String[] {"監視カメラ", "ｶﾒﾗ及び監視ｶﾒﾗｰの設置"},
            new String[] {"住民基本台帳", "基本情報として住民基本台帳ファイルを用いる。"},
            new String[] {"住基", "住基ネット及び住民基本台帳ネットワークシステム"},
            new String[] {"マイナンバー", "個人番号（マイナンバー）を取り扱う"},
            new String[] {"中間サーバー", "中間サーバ・プラットフォームと中間サーバーを接続する"},
            new String[] {"ＬＧＷＡＮ", "LGWAN-ASP 及び総合行政ネットワーク(lgwan)"},
            new String[] {"TKC", "株式会社ＴＫＣに委託する。tkcx は別"},
            new String[] {"よぼうせっしゅ", "予防接種に関する事務"},
            new String[] {"税", "地方税の賦課徴収。税務課"},
            new String[] {"予防接種 児童手当", "予防接種と児童手当と予防"},
            new String[] {"𠮷野家", "𠮷野家の𠮷野"},
            new String[] {"ガ", "ｶﾞｽ及びガス"},
            new String[] {"", "空の検索語"});

    /** Passage choice cases: the passage values of the query terms' postings. */
    private static final List<int[]> CHOICES = List.of(new int[] {}, new int[] {0, 0}, new int[] {3},
            new int[] {3, 2, 2, 0, 3}, new int[] {5, 1, 5, 1}, new int[] {0, 4, 4, 2, 2, 2});

    private static Map<String, Object> snippet(QueryAnalyzer qa, String q, String text) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("query", q);
        c.put("text", text);
        List<List<Integer>> marks = new ArrayList<>();
        for (int[] r : Passages.marks(text, qa.variants(q))) {
            marks.add(List.of(r[0], r[1]));
        }
        c.put("marks", marks);
        return c;
    }

    private static Map<String, Object> choice(int[] values) {
        Map<String, Object> c = new LinkedHashMap<>();
        List<Integer> v = new ArrayList<>();
        for (int x : values) {
            v.add(x);
        }
        c.put("values", v);
        c.put("chosen", Passages.choose(values));
        return c;
    }

    private static Path file() {
        return TestCorpus.repoRoot().resolve("tests/search/vectors.json");
    }

    private static SynonymTable table() {
        return SynonymTable.parse(SearchConfig.defaultSynonymLines());
    }

    private static Map<String, Object> expected(QueryAnalyzer qa, String q) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("query", q);
        c.put("normalized", qa.normalize(q));
        List<List<String>> variants = qa.variants(q);
        c.put("variants", variants);
        Set<String> union = new LinkedHashSet<>();
        variants.forEach(union::addAll);
        List<Long> hashes = new ArrayList<>();
        for (String t : union) {
            hashes.add(Integer.toUnsignedLong(StaticIndexFormat.fnv1a32(t)));
        }
        c.put("terms", List.copyOf(union));
        c.put("hashes", hashes);
        return c;
    }

    @Test
    void javaMatchesTheSharedVectors() throws IOException {
        ObjectMapper json = new ObjectMapper();
        SynonymTable table = table();
        try (QueryAnalyzer qa = new QueryAnalyzer(table)) {
            if (Boolean.getBoolean("kohyo.writeVectors")) {
                Set<String> queries = new LinkedHashSet<>();
                TestCorpus.devQueries().forEach(c -> queries.add(c[0]));
                queries.addAll(EXTRA);
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("about", "Query analysis parity vectors: QueryAnalyzer (Java, VectorsTest) and search.js "
                        + "(parity.test.mjs) must both produce these. Generated by VectorsTest with -Dkohyo.writeVectors=true.");
                List<Object> syn = new ArrayList<>();
                table.rules().forEach((k, v) -> syn.add(List.of(k, v)));
                root.put("synonyms", syn);
                List<Object> cases = new ArrayList<>();
                for (String q : queries) {
                    cases.add(expected(qa, q));
                }
                root.put("cases", cases);
                List<Object> snippets = new ArrayList<>();
                for (String[] sn : SNIPPETS) {
                    snippets.add(snippet(qa, sn[0], sn[1]));
                }
                root.put("snippets", snippets);
                List<Object> choices = new ArrayList<>();
                for (int[] ch : CHOICES) {
                    choices.add(choice(ch));
                }
                root.put("choices", choices);
                Files.writeString(file(), json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
            }
            JsonNode root = json.readTree(file().toFile());
            assertEquals(json.readTree(json.writeValueAsString(syn(table))), root.get("synonyms"), "vectors were made with the default synonyms");
            int n = 0;
            Set<String> covered = new LinkedHashSet<>();
            for (JsonNode c : root.get("cases")) {
                String q = c.get("query").asText();
                assertEquals(c, json.readTree(json.writeValueAsString(expected(qa, q))), q);
                covered.add(q);
                n++;
            }
            for (String[] dev : TestCorpus.devQueries()) {
                assertTrue(covered.contains(dev[0]), "vectors cover dev query " + dev[0]);
            }
            assertTrue(n >= 50, "cases: " + n);
            int sn = 0;
            for (JsonNode c : root.get("snippets")) {
                assertEquals(c, json.readTree(json.writeValueAsString(snippet(qa, c.get("query").asText(),
                        c.get("text").asText()))), c.get("query").asText());
                sn++;
            }
            assertEquals(SNIPPETS.size(), sn, "snippet cases");
            for (JsonNode c : root.get("choices")) {
                int[] values = new int[c.get("values").size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = c.get("values").get(i).asInt();
                }
                assertEquals(c.get("chosen").asInt(), Passages.choose(values), c.toString());
            }
            assertEquals(CHOICES.size(), root.get("choices").size(), "choice cases");
        }
    }

    private static List<Object> syn(SynonymTable table) {
        List<Object> syn = new ArrayList<>();
        table.rules().forEach((k, v) -> syn.add(List.of(k, v)));
        return syn;
    }
}

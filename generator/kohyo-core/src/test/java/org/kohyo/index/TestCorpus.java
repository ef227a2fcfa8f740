package org.kohyo.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** About ten SearchDocuments resembling the seeds (text from shared/seeds when present). */
final class TestCorpus {

    private TestCorpus() {}

    /** The repository root (holds tests/search/). */
    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("tests/search"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("tests/search not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    static Path seeds() {
        for (Path base = repoRoot(); base != null; base = base.getParent()) {
            Path s = base.resolve("shared/seeds");
            if (Files.isDirectory(s)) {
                return s;
            }
        }
        return null;
    }

    private static String seed(String prefix, String fallback) throws IOException {
        Path dir = seeds();
        if (dir != null) {
            try (var s = Files.list(dir)) {
                Path f = s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElse(null);
                if (f != null) {
                    return Files.readString(f, StandardCharsets.UTF_8);
                }
            }
        }
        return fallback;
    }

    private static List<String> headings(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("#")) {
                out.add(l.replaceFirst("^#+\\s*", ""));
            } else if (l.startsWith("**") && l.endsWith("**") && l.length() > 4) {
                out.add(l.substring(2, l.length() - 2));
            }
        }
        return out;
    }

    static List<SearchDocument> documents() throws IOException {
        List<SearchDocument> docs = new ArrayList<>();
        String s000 = seed("000_", "特定個人情報ファイル名 (3)送付先情報ファイル 既存住基システム 住民票コード");
        String s001 = seed("001_", "住民基本台帳に関する事務 キオスク端末 LGWAN 監視カメラ");
        String s002 = seed("002_", "住基ネットに係る本人確認情報の管理及び提供等に関する事務");
        String s003 = seed("003_", "予防接種対象者ファイル 中間サーバー 監視カメラ 住民票");
        String s004 = seed("004_", "中間サーバーに関する情報の提供について 特定個人情報保護評価");
        docs.add(new SearchDocument("evaluations/fujimino-juki-zen.html", "ふじみ野市 住民基本台帳に関する事務 全項目評価書",
                "住民基本台帳に関する事務", "全項目評価書", "埼玉県 ふじみ野市長", "市民課", LocalDate.of(2023, 3, 1),
                headings(s000), s000));
        docs.add(new SearchDocument("evaluations/fujimino-juki-shinkyu.html", "住民基本台帳に関する事務 全項目評価書 新旧対照表",
                "住民基本台帳に関する事務", "全項目評価書", "埼玉県 ふじみ野市長", "市民課", LocalDate.of(2023, 2, 1),
                headings(s001), s001));
        docs.add(new SearchDocument("evaluations/gunma-jukinet.html", "住民基本台帳ネットワークシステムに係る全項目評価書の概要",
                "住基ネットに係る本人確認情報の管理及び提供等に関する事務", "全項目評価書", "群馬県知事", null,
                LocalDate.of(2024, 1, 15), headings(s002), s002));
        docs.add(new SearchDocument("evaluations/fujimino-yobou.html",
                "予防接種法及び新型インフルエンザ等対策特別措置法による予防接種の実施等に関する事務 重点項目評価書",
                "予防接種に関する事務", "重点項目評価書", "埼玉県 ふじみ野市長", "保健センター", LocalDate.of(2024, 6, 1),
                headings(s003), s003));
        docs.add(new SearchDocument("evaluations/soumu-chukan.html", "中間サーバーに関する情報の提供について",
                null, "その他", "総務省", "個人番号企画室", LocalDate.of(2014, 8, 8), headings(s004), s004));
        String filler = "特定個人情報ファイルの取扱いに当たり、個人番号を含む情報の漏えい、滅失及び毀損を防止するため、"
                + "アクセス権限の管理、操作履歴の記録及び職員への教育を行う。";
        String[][] extra = {
            {"児童手当", "児童手当の支給に関する事務", "基礎項目評価書", "埼玉県 和光市長", "子育て支援課", "2022-04-01",
                "児童手当の受給資格の認定及び支給額の決定に用いる。所得の確認のため地方税関係情報を照会する。"},
            {"kokuho", "国民健康保険に関する事務", "全項目評価書", "埼玉県 和光市長", "保険年金課", "2023-07-01",
                "国民健康保険の資格の得喪、保険税の賦課及び給付に関する事務で特定個人情報を取り扱う。"},
            {"kaigo", "介護保険に関する事務", "重点項目評価書", "群馬県 前橋市長", "介護保険課", "2024-02-01",
                "要介護認定、保険料の賦課徴収、保険給付の事務。予防接種の記録は取り扱わない。"},
            {"chihouzei", "地方税の賦課徴収に関する事務", "全項目評価書", "群馬県 前橋市長", "市民税課", "2022-10-01",
                "個人住民税及び固定資産税の賦課徴収に関する事務。給与支払報告書をeLTAXにより受領する。"},
            {"seikatsu", "生活保護に関する事務", "基礎項目評価書", "埼玉県 和光市長", "福祉課", "2021-12-01",
                "生活保護の決定及び実施に関する事務。扶養義務者の調査を行う。"},
        };
        for (String[] e : extra) {
            docs.add(new SearchDocument("evaluations/" + e[0] + ".html", e[3].replaceFirst(".* ", "") + " " + e[1] + " " + e[2],
                    e[1], e[2], e[3], e[4], LocalDate.parse(e[5]), List.of("I 基本情報", "II 特定個人情報ファイルの概要", "III リスク対策"),
                    e[1] + "。" + e[6] + filler.repeat(3)));
        }
        return docs;
    }

    /** dev-queries.tsv cases: query, expected text, note. */
    static List<String[]> devQueries() throws IOException {
        Path f = null;
        for (Path base = repoRoot(); base != null; base = base.getParent()) {
            if (Files.exists(base.resolve("shared/search/dev-queries.tsv"))) {
                f = base.resolve("shared/search/dev-queries.tsv");
                break;
            }
        }
        List<String[]> out = new ArrayList<>();
        if (f == null) {
            return out;
        }
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            out.add(line.split("\t"));
        }
        return out;
    }
}

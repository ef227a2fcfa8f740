package org.kohyo.index;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale probe, not part of the test suite (its name does not match the suite's patterns; figures
 * belong in bench/): {@code mvn test -pl kohyo-core -Dtest=IndexScaleProbe -Dkohyo.indexScale=10000 -DargLine=-Xmx1g}. Streams N
 * generated ~35 KB evaluations through the builder and prints build time, heap, sizes and the bytes
 * a cold and a warm query read (index files only; add search.js for the page total).
 */
@EnabledIfSystemProperty(named = "kohyo.indexScale", matches = "\\d+")
class IndexScaleProbe {

    static final String[] AFFAIRS = {"住民基本台帳に関する事務", "地方税の賦課徴収に関する事務", "個人住民税の賦課に関する事務",
        "固定資産税の賦課に関する事務", "軽自動車税の賦課に関する事務", "国民健康保険に関する事務", "国民年金関係事務",
        "後期高齢者医療に関する事務", "介護保険に関する事務", "児童手当の支給に関する事務", "予防接種に関する事務",
        "健康管理に関する事務", "生活保護に関する事務", "障害者福祉に関する事務", "障害児通所給付費等支給事務",
        "保育の実施に関する事務", "小児慢性特定疾病医療費等支給事務", "子ども医療費の助成に関する事務", "母子保健に関する事務",
        "母子父子寡婦福祉資金貸付事務", "被災者台帳の作成に関する事務", "住基ネットに係る本人確認情報の管理及び提供等に関する事務"};
    static final String[] KINDS = {"基礎項目評価書", "重点項目評価書", "全項目評価書"};

    @TempDir
    Path tmp;

    @Test
    void scale() throws IOException {
        int n = Integer.getInteger("kohyo.indexScale");
        List<String> lines = new ArrayList<>();
        for (SearchDocument d : TestCorpus.documents()) {
            for (String l : d.body().split("\n")) {
                if (l.strip().length() > 10) {
                    lines.add(l.strip());
                }
            }
        }
        Path site = tmp.resolve("site");
        long t0 = System.nanoTime();
        long peak = 0;
        SearchIndexResult r;
        try (SearchIndexBuilder b = new SearchIndexBuilder(SearchConfig.defaults(), Files.createDirectories(tmp.resolve("scratch")))) {
            for (int i = 0; i < n; i++) {
                Random rnd = new Random(i);
                String affair = AFFAIRS[i % AFFAIRS.length];
                String org = "第" + (i / AFFAIRS.length) + "市長";
                StringBuilder body = new StringBuilder(affair).append('\n');
                while (body.length() < 12_000) { // ~35 KB of UTF-8
                    body.append(lines.get(rnd.nextInt(lines.size()))).append('\n');
                    if (rnd.nextInt(8) == 0) {
                        body.append(affair).append("の特定個人情報ファイルを取り扱う。\n");
                    }
                }
                b.add(new SearchDocument("evaluations/" + i + ".html", org + " " + affair + " " + KINDS[i % 3], affair,
                        KINDS[i % 3], org, null, LocalDate.of(2015 + i % 10, 1 + i % 12, 1), List.of("I 基本情報", "II 特定個人情報ファイルの概要"),
                        body.toString()));
                if (i % 500 == 0) {
                    Runtime rt = Runtime.getRuntime();
                    peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
                }
            }
            long t1 = System.nanoTime();
            r = b.finish(site);
            long t2 = System.nanoTime();
            System.out.printf("[kohyo-index] scale n=%d add=%.1fs finish=%.1fs heapUsedMax~%dMB result=%s%n", n,
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, peak >> 20, r);
        }
        try (var w = Files.walk(site.resolve(r.generation()))) { System.out.println("[kohyo-index] files " + w.filter(Files::isRegularFile).collect(java.util.stream.Collectors.groupingBy(p -> p.getParent().getFileName().toString(), java.util.TreeMap::new, java.util.stream.Collectors.summarizingLong(p -> p.toFile().length())))); }
        System.out.println("[kohyo-index] manifest " + Files.size(site.resolve(r.manifest())));
        for (String[] qs : new String[][] {{"予防接種", "児童手当"}, {"よぼうせっしゅ", "マイナンバー"}, {"住基", "中間サーバ"},
                {"監視カメラ", "プライバシー影響評価"}}) {
            try (StaticSearcher s = StaticSearcher.open(site, r.manifest())) {
                s.search(qs[0], 10);
                long cold = s.bytesRead();
                var coldParts = s.bytesReadByPart();
                s.search(qs[1], 10);
                long warm = s.bytesRead() - cold;
                var warmParts = s.bytesReadByPart();
                coldParts.forEach((k, v) -> warmParts.merge(k, -v, Long::sum));
                System.out.printf("[kohyo-index] cold '%s' %d B %s, then '%s' %d B %s%n", qs[0], cold, coldParts, qs[1],
                        warm, warmParts);
                assertTrue(cold > 0);
            }
        }
        for (StaticSearcher.Filter f : new StaticSearcher.Filter[] {new StaticSearcher.Filter("全項目評価書", null, null),
                new StaticSearcher.Filter(null, null, "2019"), new StaticSearcher.Filter(null, "第3市長", null)}) {
            try (StaticSearcher s = StaticSearcher.open(site, r.manifest())) {
                s.search("予防接種", 10);
                long cold = s.bytesRead();
                s.search("予防接種", f, 10);
                System.out.printf("[kohyo-index] then filtered %s %d B %s%n", f, s.bytesRead() - cold, s.bytesReadByPart());
            }
        }
    }
}

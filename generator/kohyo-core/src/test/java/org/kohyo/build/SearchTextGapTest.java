package org.kohyo.build;

import org.kohyo.FileTrees;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohyo.redact.Edition;

/**
 * The search passages keep a gap ({@link SearchText#GAP}) where an inline notice stood: the text on
 * either side is not joined into a sentence the document never had. Joined, 「鰐鮫の保管庫は」 +
 * 「にある。」 read exactly like a sentence another document withholds, and the leak check refused a
 * site whose every page was correct (found at 60 generated evaluations, fourth session).
 */
class SearchTextGapTest {
    @TempDir
    Path dir;

    @Test
    void anInlineNoticeLeavesAGapInTheSearchPassages() throws Exception {
        Path repo = SampleSite.repository();
        Path site = dir.resolve("site");
        FileTrees.copy(repo.resolve("content"), site.resolve("content"));
        Files.copy(repo.resolve("site-config.yml"), site.resolve("site-config.yml"));
        // one document withholds a few words inside a sentence
        replace(site.resolve("content/evaluations/jumin-kihon-daicho-shinkyu.yml"), "コンビニ交付サービスの実態に則すよう",
                "鰐鮫の保管庫は{非公表:試験}地下三階{/非公表}にある。コンビニ交付サービスの実態に則すよう");
        // another withholds the sentence that the first one's public words would make if joined
        replace(site.resolve("content/evaluations/gunma-jukinet-gaiyo.yml"),
                "(4) 使用するシステム: 住民基本台帳ネットワークシステム",
                "(4) 使用するシステム: 住民基本台帳ネットワークシステム{非公表:試験}鰐鮫の保管庫はにある。{/非公表}");
        Path out = dir.resolve("out");
        BuildReport report = new SiteBuilder(2).build(BuildOptions.of(site.resolve("site-config.yml"), Edition.PUBLIC)
                .withOutput(out).withZip(null));
        assertNotNull(report.leakCheck());
        List<String> passages;
        try (Stream<Path> files = Files.walk(out.resolve("search"))) {
            passages = files.filter(p -> p.toString().contains("/p/") && p.toString().endsWith(".json"))
                    .map(SearchTextGapTest::read).filter(s -> s.contains("鰐鮫の保管庫は")).toList();
        }
        assertTrue(!passages.isEmpty(), "the sentence is among the stored passages");
        passages.forEach(p -> assertTrue(p.contains("鰐鮫の保管庫は" + SearchText.GAP + "にある。"), p));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String s = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(s.contains(from), file + ": " + from);
        Files.writeString(file, s.replace(from, to), StandardCharsets.UTF_8);
    }
}

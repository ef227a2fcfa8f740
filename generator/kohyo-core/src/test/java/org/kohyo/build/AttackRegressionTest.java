package org.kohyo.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohyo.model.Problem;
import org.kohyo.redact.Edition;
import org.kohyo.redact.LeakVerifier;

/**
 * The attacks of the independent review of 非公表 (each once leaked or crashed), kept as tests:
 * markers where they cannot be honoured are errors that never repeat the text; markers are read
 * whatever the line breaks and colon widths; the full edition stays away from public output; and
 * the leak verifier sees through partial copies and unusual encodings.
 */
class AttackRegressionTest {
    static final String SECRET = "鰐鮫秘密";
    static final String LONG_SECRET = "鰐鮫の予備サーバーは本庁舎東館地下二階の第二電算室に置いている";

    @TempDir
    Path tmp;

    private Path site(String evaluationYaml) throws IOException {
        Path site = SiteBuilderFailureTest.copyMinimal(tmp.resolve("site"));
        Files.writeString(site.resolve("content/evaluations/attack.yml"), evaluationYaml, StandardCharsets.UTF_8);
        return site;
    }

    private static String cover(String number) {
        return "様式: 重点項目評価書\n評価書番号: \"" + number + "\"\n評価書名: 攻撃テスト 重点項目評価書\n評価実施機関名: テスト県 テスト市長\n公表日: 令和3年2月19日\n";
    }

    private BuildReport build(Path site, Edition edition) throws BuildFailure {
        return new SiteBuilder().build(BuildOptions.of(site.resolve("site-config.yml"), edition)
                .withOutput(tmp.resolve(edition == Edition.FULL ? "out-full" : "out")).withZip(null));
    }

    private BuildFailure failing(Path site) {
        BuildFailure f = assertThrows(BuildFailure.class, () -> build(site, Edition.PUBLIC));
        assertFalse(f.report().contains(SECRET), "the report repeats withheld text:\n" + f.report());
        return f;
    }

    private static String allText(Path dir) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                b.append(p).append('\n').append(new String(Files.readAllBytes(p), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return b.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "状態: 案{非公表:理由}" + SECRET + "{/非公表}\n",
        "未収録:\n  - \"IV {非公表:理由}" + SECRET + "{/非公表}\"\n",
        "II 特定個人情報ファイルの概要:\n  - 1. 特定個人情報ファイル名: f\n    4. 特定個人情報ファイルの取扱いの委託:\n      委託事項:\n        - 名称: 保守{非公表}" + SECRET + "{/非公表}\n",
        "II 特定個人情報ファイルの概要:\n  - 1. 特定個人情報ファイル名: f\n    2. 基本情報:\n      主な記録項目:\n        - その他（{非公表}" + SECRET + "{/非公表}）\n",
        "II 特定個人情報ファイルの概要:\n  - 1. 特定個人情報ファイル名: f\n    2. 基本情報:\n      ①ファイルの種類: \"{非公表}" + SECRET + "{/非公表}\"\n",
    })
    void markersInFieldsThatAreNotMarkdownAreErrors(String part) throws IOException {
        BuildFailure f = failing(site(cover("901") + part));
        assertTrue(f.report().contains("は使えません"), f.report());
    }

    @Test
    void markersInAPageTitleAreAnError() throws IOException {
        Path site = SiteBuilderFailureTest.copyMinimal(tmp.resolve("site"));
        Files.writeString(site.resolve("content/pages/attack.md"), "---\ntitle: ページ{非公表}" + SECRET + "{/非公表}\n---\n本文\n", StandardCharsets.UTF_8);
        failing(site);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "特記事項: |\n  前\n  ：：：非公表 理由\n  " + SECRET + "\n  ：：：\n",
        "特記事項: \"前\\r\\r:::非公表 理由\\r" + SECRET + "\\r:::\\r\"\n",
        "特記事項: \"前\\u2028\\u2028:::非公表 理由\\u2028" + SECRET + "\\u2028:::\\u2028\"\n",
    })
    void blockMarkersAreReadWhateverTheColonsAndLineBreaks(String part) throws Exception {
        int before = build(SiteBuilderFailureTest.copyMinimal(tmp.resolve("baseline")), Edition.PUBLIC).withheld()[1];
        Path site = site(cover("902") + part);
        BuildReport r = build(site, Edition.PUBLIC);
        assertEquals(before + 1, r.withheld()[1], "the block is withheld");
        assertFalse(allText(r.output()).contains(SECRET), "the block was published");
        assertFalse(allText(r.output()).contains(":::非公表"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "特記事項: |\n  > :::非公表 理由\n  > " + SECRET + "\n  > :::\n",
        "特記事項: |\n  - :::非公表 理由\n  - " + SECRET + "\n  - :::\n",
    })
    void blockMarkersOutOfPlaceAreAnError(String part) throws IOException {
        BuildFailure f = failing(site(cover("903") + part));
        assertTrue(f.report().contains("行の先頭"), f.report());
    }

    @Test
    void aWholeDocumentCannotBeWithheld() throws IOException {
        BuildFailure f = failing(site(cover("904") + "非公表: 全部\n"));
        assertTrue(f.report().contains("評価書全体を非公表にすることはできません"), f.report());
    }

    @Test
    void markersInsideAWithheldItemAreAnError() throws IOException {
        failing(site(cover("905") + "特記事項:\n  非公表: 理由\n  内容: |\n    前{非公表}" + SECRET + "{/非公表}後\n"));
    }

    @Test
    void valuesInsideWithheldItemsAreNeverRepeatedInMessages() throws IOException {
        BuildFailure f = failing(site((cover("906") + "公表日:\n  非公表: 理由\n  内容: " + SECRET + "\n").replace("公表日: 令和3年2月19日\n", "")));
        assertTrue(f.report().contains("（非公表の値）"), f.report());
    }

    @Test
    void rendererPlaceholdersCannotBeForged() throws IOException {
        BuildFailure f = failing(site(cover("907") + "特記事項: \"前\\uFDD0S1\\uFDD1後\"\n"));
        assertTrue(f.report().contains("U+FDD0"), f.report());
        for (Problem p : f.problems()) {
            assertFalse(p.message().contains("Exception"), p.message());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[外部](\\\\\\\\evil.example/x)", "[上](..\\\\..\\\\..\\\\etc)", "![画像](\\\\\\\\evil.example/p.png)"})
    void backslashesInLinksAreRefused(String link) throws IOException {
        BuildFailure f = failing(site(cover("908") + "特記事項: \"" + link + "\"\n"));
        assertTrue(f.report().contains("「\\」は使えません"), f.report());
    }

    @Test
    void theFullEditionCannotGoInsideAPublicWebRootNorBeZipped() throws Exception {
        Path site = site(cover("909") + "特記事項: \"前{非公表}" + SECRET + "{/非公表}後\"\n");
        Path www = tmp.resolve("www");
        new SiteBuilder().build(BuildOptions.of(site.resolve("site-config.yml"), Edition.PUBLIC).withOutput(www).withZip(null));
        BuildOptions inside = BuildOptions.of(site.resolve("site-config.yml"), Edition.FULL).withOutput(www.resolve("internal/review"));
        assertThrows(BuildFailure.class, () -> new SiteBuilder().build(inside));
        assertFalse(Files.exists(www.resolve("internal")));
        BuildOptions zipped = BuildOptions.of(site.resolve("site-config.yml"), Edition.FULL).withOutput(tmp.resolve("full")).withZip(tmp.resolve("www.zip"));
        assertThrows(BuildFailure.class, () -> new SiteBuilder().build(zipped));
        assertFalse(Files.exists(tmp.resolve("www.zip")));
    }

    @Test
    void theAccessibilityRecordIsNotReadThroughALinkOutOfContent() throws Exception {
        Path site = SiteBuilderFailureTest.copyMinimal(tmp.resolve("site"));
        Path outside = tmp.resolve("outside.yml");
        Files.writeString(outside, "試験日: \"" + SECRET + "\"\n", StandardCharsets.UTF_8);
        Files.createSymbolicLink(site.resolve("content/accessibility.yml"), outside);
        BuildReport r = build(site, Edition.PUBLIC);
        assertFalse(allText(r.output()).contains(SECRET));
    }

    /** The verifier, against a real build whose sources withhold {@link #LONG_SECRET}. */
    @ParameterizedTest
    @ValueSource(strings = {"partial", "soft-hyphen", "css", "js", "utf16", "data-url"})
    void theVerifierSeesThroughPartialCopiesAndEncodings(String how) throws Exception {
        Path site = site(cover("910") + "特記事項: |\n  公開の文。\n  :::非公表 理由\n  " + LONG_SECRET + "。\n  :::\n");
        BuildReport r = build(site, Edition.PUBLIC);
        LeakVerifier verifier = new SiteBuilder().verifierFor(site.resolve("site-config.yml"));
        assertTrue(verifier.verify(r.output()).clean(), "the normal build is clean");
        String piece = LONG_SECRET.substring(8, 22);
        Path leak = r.output().resolve("assets/leak.txt");
        switch (how) {
            case "partial" -> Files.writeString(leak, "…" + piece + "…");
            case "soft-hyphen" -> Files.writeString(leak, String.join("\u00AD", piece.split("")));
            case "css" -> Files.writeString(leak, ".x::after{content:\"" + escaped(piece, "\\%x ") + "\"}");
            case "js" -> Files.writeString(leak, "var s='" + escaped(piece, "\\u{%x}") + "';");
            case "utf16" -> Files.write(leak, piece.getBytes(StandardCharsets.UTF_16LE));
            case "data-url" -> Files.writeString(leak, "<img src=\"data:text/plain;base64,"
                    + Base64.getEncoder().encodeToString(piece.getBytes(StandardCharsets.UTF_8)) + "\">");
            default -> throw new IllegalArgumentException(how);
        }
        List<LeakVerifier.Finding> findings = verifier.verify(r.output()).findings();
        assertFalse(findings.isEmpty(), how + ": the verifier missed the leak");
        assertFalse(findings.toString().contains(piece), "the finding repeats the text");
    }

    // ------------------------------------------------------------------ second review

    @ParameterizedTest
    @ValueSource(strings = {
        "特記事項: \"認証は｛非公表　回数のため｝" + SECRET + "｛／非公表｝する。\"\n",
        "特記事項: \"監視は{非公表 理由}" + SECRET + "{/非公表 理由}で行う。\"\n",
        "特記事項: |\n  前{非公表\n  }" + SECRET + "{/非公表\n  }後\n",
    })
    void spanMarkersAreReadHoweverTheyAreTyped(String part) throws Exception {
        BuildReport r = build(site(cover("911") + part), Edition.PUBLIC);
        assertFalse(allText(r.output()).contains(SECRET), "the span was published");
    }

    @ParameterizedTest
    @ValueSource(strings = {"特記事項: \"a{非公表x}" + SECRET + "{/非公表x}b\"\n", "特記事項: \"a{ 非公表 " + SECRET + "\"\n"})
    void markersTheParserCannotTakeAreAnError(String part) throws IOException {
        failing(site(cover("912") + part));
    }

    @Test
    void problemsInsideWithheldBlocksAreReportedWithoutTheirContent() throws IOException {
        BuildFailure f = failing(site(cover("913") + "特記事項: |\n  :::非公表 理由\n  監視は[ここ](ftp://" + SECRET + ")と<span title=\"" + SECRET + "\">x</span>\n  :::\n"));
        assertTrue(f.report().contains("非公表の内容のため"), f.report());
    }

    @Test
    void deepNestingIsAnErrorNotACrash() throws IOException {
        BuildFailure f = failing(site(cover("914") + "特記事項: \"" + ">".repeat(1000) + " x\"\n"));
        assertTrue(f.report().contains("入れ子が深すぎます"), f.report());
    }

    @Test
    void shortWithheldValuesAreCheckedWithTheirNeighbours() throws Exception {
        Path site = site(cover("915") + "特記事項: \"パスワードは{非公表}60{/非公表}日ごとに変更する。\"\n");
        BuildReport r = build(site, Edition.PUBLIC);
        assertTrue(r.leakCheck().startsWith("問題なし"), "no false alarm on 60 in scripts or hashes: " + r.leakCheck());
        LeakVerifier verifier = new SiteBuilder().verifierFor(site.resolve("site-config.yml"));
        Files.writeString(r.output().resolve("assets/leak.txt"), "変更は60日ごと");
        assertFalse(verifier.verify(r.output()).clean(), "the value with its neighbour is a leak");
    }

    @ParameterizedTest
    @ValueSource(strings = {"評価実施機関名: &a テスト県 テスト市長\n特記事項: *a\n", "特記事項: x\n---\n特記事項: y\n"})
    void yamlAliasesAndSecondDocumentsAreErrors(String yaml) throws IOException {
        String c = cover("916").replace("評価実施機関名: テスト県 テスト市長\n", "");
        failing(site(c + yaml));
    }

    @Test
    void documentsWhoseBodyIsWithheldAreNotTakenForDuplicates() throws Exception {
        String withheldOrg = "評価実施機関名:\n  非公表: 理由\n  内容: 甲市長\n";
        Path site = site(cover("917").replace("評価実施機関名: テスト県 テスト市長\n", withheldOrg));
        Files.writeString(site.resolve("content/evaluations/attack2.yml"),
                cover("917").replace("評価実施機関名: テスト県 テスト市長\n", withheldOrg.replace("甲市長", "乙町長")), StandardCharsets.UTF_8);
        BuildReport r = build(site, Edition.PUBLIC);
        assertFalse(allText(r.output()).contains("甲市長"));
    }

    private static String escaped(String s, String format) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> b.append(String.format(format, c)));
        return b.toString();
    }
}

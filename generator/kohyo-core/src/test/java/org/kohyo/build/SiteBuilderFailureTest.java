package org.kohyo.build;

import org.kohyo.FileTrees;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohyo.model.Problem;
import org.kohyo.redact.Edition;

/**
 * 壊れた入力 — every deliberately broken source in {@code src/test/resources/broken/} is added to a copy of
 * the minimal test site ({@code src/test/resources/sites/minimal/}); the build must fail with a
 * {@link BuildFailure} that names the file, line, column and the item's printed label in Japanese,
 * reports every problem together, and writes nothing: the previous output stays byte-for-byte and no
 * staging directory is left behind.
 *
 * <p>The messages of the whole broken set are written to {@code target/broken-messages.txt}; docs/errors.md
 * is made from that file.
 */
class SiteBuilderFailureTest {
    static final Path MINIMAL = resource("/sites/minimal");
    static final Path BROKEN = resource("/broken");

    /** Java internals that must never reach a message: stack frames, class names, Jackson's source excerpts. */
    static final Pattern JAVA_NOISE = Pattern.compile(
            "\\bat [\\w.$]+\\(|\\b(java|javax|jdk|sun|com|org)\\.[a-z]\\w*\\.|\\w+(Exception|Error)\\b|\\[Source:|line: \\d+, column: \\d+|\\bnull\\b");
    static final Pattern KANA = Pattern.compile("[\\p{InHiragana}\\p{InKatakana}]");
    /** Two English words in a row, outside 「quotes」 (which may hold the source's own text). */
    static final Pattern ENGLISH = Pattern.compile("[A-Za-z]{3,} [A-Za-z]{2,}");

    /** The messages of every case, for docs/errors.md. */
    static final Map<String, List<String>> MESSAGES = new ConcurrentSkipListMap<>();

    /** A good build of the minimal site, made once: each case starts from a copy of it. */
    @TempDir
    static Path shared;
    static Path goodOutput;

    /**
     * One broken source and what its build must report.
     *
     * @param source    file name under broken/ (copied to content/evaluations/)
     * @param line      expected line of the first error (0: the error is about the whole file)
     * @param column    expected column, or 0 when a column is not meaningful
     * @param label     expected printed label, or null when the error is not about an item
     * @param errors    expected number of errors of the build
     * @param fragments words the message must contain
     */
    record Expect(String source, int line, int column, String label, int errors, List<String> fragments) {
        static Expect of(String source, int line, int column, String label, int errors, String... fragments) {
            return new Expect(source, line, column, label, errors, List.of(fragments));
        }

        @Override
        public String toString() {
            return source;
        }
    }

    static Stream<Expect> brokenSet() {
        return Stream.of(
                Expect.of("unknown-item.yml", 8, 3, "8. 担当者の趣味", 1,
                        "「8. 担当者の趣味」という項目はありません", "「3. 特定個人情報ファイル名」", "「6. 評価実施機関における担当部署」"),
                Expect.of("missing-required.yml", 2, 1, "評価書名", 1, "必須の項目「評価書名」がありません"),
                Expect.of("choice-not-in-list.yml", 10, 17, "①ファイルの種類", 1,
                        "「紙のファイル」は選択肢にありません", "システム用ファイル／その他の電子ファイル(表計算ファイル等)"),
                Expect.of("date-nonexistent.yml", 6, 6, "公表日", 1, "「令和3年2月30日」は日付として読めません", "令和3年2月19日"),
                Expect.of("date-out-of-era.yml", 6, 6, "公表日", 1, "「平成32年1月1日」は日付として読めません", "元号の期間外"),
                Expect.of("date-iso-month-13.yml", 6, 6, "公表日", 1, "「2021-13-01」は日付として読めません", "2021-02-19"),
                Expect.of("date-not-a-date.yml", 6, 6, "公表日", 1, "「来年」は日付として読めません"),
                Expect.of("same-number.yml", 3, 0, "評価書番号", 1,
                        "評価書番号「1」", "minimal-juten.yml", "same-number.yml"),
                Expect.of("duplicate-key.yml", 10, 5, "①部署", 1, "2回"),
                Expect.of("duplicate-item.yml", 10, 5, "①部署", 1, "2回", "「①部署」と「部署」"),
                Expect.of("unknown-form.yml", 2, 5, "様式", 1, "「様式9」という様式はありません", "重点項目評価書", "全項目評価書"),
                Expect.of("html-script.yml", 9, 3, "特記事項", 2, "<script>", "u, br, sup, sub, ruby, rt, rp"),
                Expect.of("html-iframe.yml", 9, 3, "特記事項", 2, "<iframe"),
                Expect.of("html-style.yml", 8, 3, "特記事項", 2, "<style>"),
                Expect.of("html-onclick.yml", 7, 10, "特記事項", 1, "onclick", "属性の無い"),
                Expect.of("html-javascript-href.yml", 8, 7, "特記事項", 2, "javascript:"),
                Expect.of("html-comment.yml", 9, 3, "特記事項", 1, "コメント"),
                Expect.of("link-javascript.yml", 7, 8, "特記事項", 1, "javascript:alert(1)", "https:、http:、mailto:"),
                Expect.of("link-escapes-content.yml", 8, 6, "特記事項", 1, "../../x", "content/ の外"),
                Expect.of("link-absolute.yml", 8, 6, "特記事項", 1, "「/x」", "相対リンク"),
                Expect.of("link-javascript-entity.yml", 8, 7, "特記事項", 1, "javascript", "https:、http:、mailto:"),
                Expect.of("image-external.yml", 8, 3, "特記事項", 1, "https://example.com/map.png", "content/ の中"),
                Expect.of("image-reference-external.yml", 8, 3, "特記事項", 1, "https://example.com/map.png", "content/ の中"),
                Expect.of("include-escapes-content.yml", 9, 11, "7. 他の評価実施機関", 1, "../../site-config.yml", "content/ の外"),
                Expect.of("include-missing.yml", 9, 11, "7. 他の評価実施機関", 1, "../texts/minimal/nai.md", "ありません"),
                Expect.of("include-shift-jis.yml", 9, 11, "7. 他の評価実施機関", 1, "UTF-8"),
                Expect.of("yaml-syntax.yml", 8, 0, null, 1, "YAML として読めません"),
                Expect.of("withheld-unclosed-block.yml", 9, 3, "特記事項", 1, "「:::非公表」が閉じられていません"),
                Expect.of("withheld-stray-close.yml", 9, 3, "特記事項", 1, "対応する「:::非公表」の無い「:::」"),
                Expect.of("withheld-unknown-block.yml", 8, 3, "特記事項", 2, "「:::foo」は使えない記法です"),
                Expect.of("withheld-unclosed-span.yml", 8, 9, "特記事項", 1, "「{非公表}」が閉じられていません"),
                Expect.of("withheld-nested-span.yml", 8, 10, "特記事項", 2, "入れ子"),
                Expect.of("withheld-span-in-block.yml", 9, 8, "特記事項", 2, "ブロックの中に「{非公表}」"),
                Expect.of("withheld-typo.yml", 8, 9, "特記事項", 2, "「{非公開}」は使えない記法です", "{非公表}…{/非公表}"),
                Expect.of("shift-jis.yml", 0, 0, null, 1, "UTF-8", "Shift_JIS"));
    }

    @BeforeAll
    static void buildGoodSiteOnce() throws Exception {
        Path site = copyMinimal(shared.resolve("site"));
        goodOutput = shared.resolve("out/site");
        BuildReport report;
        try {
            report = new SiteBuilder().build(options(site, goodOutput));
        } catch (BuildFailure f) {
            throw new AssertionError("the minimal site must build:\n" + f.report());
        }
        assertEquals(1, report.documents());
        assertTrue(Files.isRegularFile(goodOutput.resolve("evaluations/minimal-juten.html")));
    }

    @AfterAll
    static void writeMessages() throws IOException {
        StringBuilder b = new StringBuilder();
        MESSAGES.forEach((source, lines) -> {
            b.append("## ").append(source).append('\n');
            lines.forEach(l -> b.append(l).append('\n'));
            b.append('\n');
        });
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("broken-messages.txt"), b.toString(), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------ the broken set

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSet")
    void brokenSourceFailsWithItsMessageAndWritesNothing(Expect expect, @TempDir Path tmp) throws Exception {
        Path site = copyMinimal(tmp.resolve("site"));
        addBroken(site, expect.source());
        BuildFailure failure = failingBuild(site, tmp);
        List<Problem> errors = errors(failure);
        record(expect.source(), failure);

        assertEquals(expect.errors(), errors.size(), () -> "errors of " + expect.source() + ":\n" + failure.report());
        Problem p = errors.get(0);
        String where = failure.report();
        assertEquals("evaluations/" + expect.source(), siteless(p.location().file()), where);
        assertEquals(expect.line(), p.location().line(), () -> "line: " + where);
        if (expect.column() > 0) {
            assertEquals(expect.column(), p.location().column(), () -> "column: " + where);
        }
        assertEquals(expect.label(), p.label(), () -> "label: " + where);
        if (expect.label() != null) {
            assertTrue(p.toString().contains("「" + expect.label() + "」"), where);
        }
        for (String f : expect.fragments()) {
            assertTrue(p.message().contains(f), () -> "message lacks 「" + f + "」: " + where);
        }
        assertJapaneseWithoutJava(failure);
    }

    @Test
    void manyProblemsInOneFileAreAllReportedTogether(@TempDir Path tmp) throws Exception {
        Path site = copyMinimal(tmp.resolve("site"));
        addBroken(site, "many-problems.yml");
        BuildFailure failure = failingBuild(site, tmp);
        record("many-problems.yml", failure);
        assertJapaneseWithoutJava(failure);
        Set<String> got = errors(failure).stream()
                .map(p -> p.location().line() + ":" + p.location().column() + " " + p.label())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> want = new TreeSet<>(List.of(
                "2:1 評価書名",          // missing required
                "5:6 公表日",            // 令和3年2月30日
                "7:3 特記事項",          // <script>
                "7:19 特記事項",         // </script>
                "8:6 特記事項",          // /x
                "9:9 特記事項",          // unclosed {非公表}
                "12:13 ①実施の有無",     // たぶん
                "13:3 8. 担当者の趣味",   // unknown item
                "16:5 ①部署",            // duplicate key
                "20:15 ⑥使用開始日",      // 来年
                "22:11 ②入手方法"));      // 伝書鳩
        assertEquals(want, got, failure.report());
        assertTrue(failure.getMessage().contains("エラーが " + want.size() + " 件"), failure.getMessage());
    }

    /** Every broken source at once: one build reports the union of what each reports alone. */
    @Test
    void theWholeBrokenSetIsReportedInOneBuild(@TempDir Path tmp) throws Exception {
        List<Expect> all = brokenSet().toList();
        Path site = copyMinimal(tmp.resolve("site"));
        for (Expect e : all) {
            addBroken(site, e.source());
        }
        BuildFailure failure = failingBuild(site, tmp);
        assertJapaneseWithoutJava(failure);
        Set<String> files = errors(failure).stream().map(p -> siteless(p.location().file())).collect(Collectors.toCollection(TreeSet::new));
        Set<String> want = all.stream().map(e -> "evaluations/" + e.source()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(want, files, failure.report());
        assertEquals(all.stream().mapToInt(Expect::errors).sum(), errors(failure).size(), failure.report());
    }

    // --------------------------------------------------------------------------- docs/errors.md

    /** The sections of docs/errors.md and the broken sources each shows, in order. */
    static final Map<String, List<String>> DOC_SECTIONS = docSections();

    static Map<String, List<String>> docSections() {
        Map<String, List<String>> m = new java.util.LinkedHashMap<>();
        m.put("様式と項目", List.of("unknown-form.yml", "unknown-item.yml", "missing-required.yml", "duplicate-key.yml", "duplicate-item.yml"));
        m.put("値", List.of("choice-not-in-list.yml", "date-nonexistent.yml", "date-out-of-era.yml", "date-iso-month-13.yml", "date-not-a-date.yml"));
        m.put("評価書番号の重複", List.of("same-number.yml"));
        m.put("Markdown の中の HTML", List.of("html-script.yml", "html-iframe.yml", "html-style.yml", "html-onclick.yml",
                "html-javascript-href.yml", "html-comment.yml"));
        m.put("リンクと画像", List.of("link-javascript.yml", "link-javascript-entity.yml", "link-escapes-content.yml", "link-absolute.yml",
                "image-external.yml", "image-reference-external.yml"));
        m.put("別ファイルの取り込み（ファイル:）", List.of("include-escapes-content.yml", "include-missing.yml", "include-shift-jis.yml"));
        m.put("非公表の記法", List.of("withheld-unclosed-block.yml", "withheld-stray-close.yml", "withheld-unknown-block.yml",
                "withheld-unclosed-span.yml", "withheld-nested-span.yml", "withheld-span-in-block.yml", "withheld-typo.yml"));
        m.put("ファイルの形式", List.of("yaml-syntax.yml", "shift-jis.yml"));
        m.put("問題が多いファイル", List.of("many-problems.yml"));
        return m;
    }

    static final String DOC_HEAD = """
            <!-- このファイルはテストが生成します。手で直さないでください。
                 生成: generator/kohyo-core の SiteBuilderFailureTest → target/errors.md
                 更新: cp generator/kohyo-core/target/errors.md docs/errors.md -->
            # 検証エラーの一覧 — Validation errors

            Every kind of content error kohyo reports, with a source that causes it and the exact message
            the build prints. The examples are the deliberately broken sources in
            `generator/kohyo-core/src/test/resources/broken/`; each is added to a small valid site and built,
            and this page is generated from what the build actually reported (`SiteBuilderFailureTest`), so it
            cannot drift from the code.

            評価書ファイルに誤りがあると、ビルドは**何も書き出さずに**止まり、見つかった誤りを**すべて一度に**
            表示します（前回の出力はそのまま残ります）。1行が1つの誤りで、形は次のとおりです。

            ```
            ファイル:行:列: エラー: 「様式に印字された項目の見出し」: 何が誤りで、何なら書けるか
            ```

            - 「ファイル:行:列」は誤りのある場所です。行と列は1から数え、全角文字も1字と数えます。
            - 日付や選択肢の誤りは値の位置を、項目の無い・多いといった誤りは見出しの位置を指します。
            - 項目と関係の無い誤り（YAML の書き方、文字コードなど）では「見出し」は付きません。
            - 最後の行はビルド全体のまとめです。

            以下の例はどれも、正しい評価書1件（`sites/minimal`）のあるサイトに、例のファイルを
            `content/evaluations/` に1つ加えてビルドしたときの出力です。例のファイルの2〜6行目は
            共通の表紙（様式・評価書番号・評価書名・評価実施機関名・公表日）です。
            """;

    /** Builds the whole broken set, one source at a time, and writes docs/errors.md's text to target/errors.md. */
    @Test
    void errorsDocIsGeneratedFromTheBrokenSet(@TempDir Path tmp) throws Exception {
        StringBuilder b = new StringBuilder(DOC_HEAD);
        Set<String> shown = new TreeSet<>();
        int n = 0;
        for (Map.Entry<String, List<String>> section : DOC_SECTIONS.entrySet()) {
            b.append("\n## ").append(section.getKey()).append('\n');
            for (String source : section.getValue()) {
                shown.add(source);
                Path site = copyMinimal(tmp.resolve("site" + (++n)));
                addBroken(site, source);
                Path out = tmp.resolve("out" + n + "/site");
                String report;
                try {
                    new SiteBuilder().build(options(site, out));
                    report = "（エラーにならず、ビルドが成功してしまう。不具合: 検証で止めるべき入力）";
                } catch (BuildFailure f) {
                    report = f.report();
                }
                byte[] bytes = Files.readAllBytes(BROKEN.resolve(source));
                String text = new String(bytes, StandardCharsets.UTF_8);
                boolean utf8;
                try {
                    StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
                    utf8 = true;
                } catch (java.nio.charset.CharacterCodingException e) {
                    utf8 = false;
                }
                String title = utf8 && text.startsWith("# 壊れた例: ") ? text.lines().findFirst().orElseThrow().substring("# 壊れた例: ".length())
                        : "文字コードが Shift_JIS のファイル";
                b.append("\n### ").append(title).append("\n\n");
                b.append("`").append(source).append("`");
                if (source.equals("same-number.yml")) {
                    b.append("（`minimal-juten.yml` も評価書番号 1・テスト県 テスト市長・重点項目評価書）");
                } else if (source.equals("include-shift-jis.yml")) {
                    b.append("（`content/texts/shift-jis.md` は Shift_JIS で保存されている）");
                }
                b.append(":\n\n");
                if (utf8) {
                    b.append("```yaml\n");
                    text.lines().forEach(l -> b.append(l).append('\n'));
                    b.append("```\n");
                } else {
                    b.append("（UTF-8 ではないため省略。内容は正しい評価書と同じで、Shift_JIS で保存されている）\n");
                }
                b.append("\nメッセージ:\n\n```\n").append(report).append("\n```\n");
            }
        }
        Set<String> all = brokenSet().map(Expect::source).collect(Collectors.toCollection(TreeSet::new));
        all.add("many-problems.yml");
        assertEquals(all, shown, "every broken source appears in docs/errors.md");
        Path generated = Path.of("target/errors.md");
        Files.createDirectories(generated.getParent());
        Files.writeString(generated, b.toString(), StandardCharsets.UTF_8);
        Path doc = Path.of("../../docs/errors.md");
        if (Files.isRegularFile(doc)) {
            assertEquals(b.toString(), Files.readString(doc, StandardCharsets.UTF_8),
                    "docs/errors.md is out of date: cp generator/kohyo-core/target/errors.md docs/errors.md");
        }
    }

    // ------------------------------------------------------------------- other ways to break a site

    @Test
    void symbolicLinkOutOfContentIsRefused(@TempDir Path tmp) throws Exception {
        Path site = copyMinimal(tmp.resolve("site"));
        Path secret = Files.writeString(tmp.resolve("secret.md"), "外の秘密", StandardCharsets.UTF_8);
        Path link = site.resolve("content/texts/minimal/link.md");
        try {
            Files.createSymbolicLink(link, secret);
        } catch (UnsupportedOperationException | IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no symbolic links here");
        }
        Path yml = site.resolve("content/evaluations/minimal-juten.yml");
        String src = Files.readString(yml, StandardCharsets.UTF_8).replace("../texts/minimal/hokan.md", "../texts/minimal/link.md");
        Files.writeString(yml, src, StandardCharsets.UTF_8);
        BuildFailure failure = failingBuild(site, tmp);
        Problem p = errors(failure).get(0);
        assertEquals(1, errors(failure).size(), failure.report());
        assertTrue(p.message().contains("content/ の外"), failure.report());
        assertFalse(failure.report().contains("外の秘密"));
        record("symlink-out-of-content（content/texts/minimal/link.md → ../../../secret.md）", failure);
    }

    @Test
    void brokenFreePageIsReported(@TempDir Path tmp) throws Exception {
        Path site = copyMinimal(tmp.resolve("site"));
        Files.writeString(site.resolve("content/pages/broken.md"), "---\ntitle: 壊れたページ\n---\n本文。\n<script>x</script>\n",
                StandardCharsets.UTF_8);
        BuildFailure failure = failingBuild(site, tmp);
        Problem p = errors(failure).get(0);
        assertEquals("pages/broken.md", siteless(p.location().file()), failure.report());
        assertEquals(5, p.location().line(), failure.report());
        assertEquals(1, p.location().column(), failure.report());
        assertJapaneseWithoutJava(failure);
        record("pages/broken.md（自由なページ）", failure);
    }

    /**
     * Location's contract: the file is relative to the site (the directory of site-config.yml), so that
     * 「content/evaluations/x.yml:8:3」 opens from where the build runs. Every problem of one build names
     * its file the same way.
     */
    @Test
    void locationsNameTheFileRelativeToTheSite(@TempDir Path tmp) throws Exception {
        Path site = copyMinimal(tmp.resolve("site"));
        addBroken(site, "unknown-item.yml");
        addBroken(site, "same-number.yml");
        Files.writeString(site.resolve("content/evaluations/bad name.yml"), "様式: 重点項目評価書\n", StandardCharsets.UTF_8);
        BuildFailure failure = failingBuild(site, tmp);
        for (Problem p : errors(failure)) {
            assertTrue(p.location().file().startsWith("content/evaluations/"), () -> "not relative to the site: " + p + "\n" + failure.report());
        }
    }

    @Test
    void theMinimalSiteItselfIsValid(@TempDir Path tmp) throws Exception {
        Path site = copyMinimal(tmp.resolve("site"));
        try {
            assertEquals(List.of(), new SiteBuilder().validate(site.resolve("site-config.yml")));
        } catch (BuildFailure f) {
            fail(f.report());
        }
    }

    // ----------------------------------------------------------------------------------- helpers

    /** Builds a broken site over a copy of the good output; asserts that nothing was written. */
    static BuildFailure failingBuild(Path site, Path tmp) throws IOException {
        Path outParent = tmp.resolve("out");
        FileTrees.copy(goodOutput.getParent(), outParent);
        Map<String, String> before = snapshot(outParent);
        assertTrue(before.containsKey("site/index.html"), before.keySet().toString());
        BuildFailure failure = assertThrows(BuildFailure.class, () -> new SiteBuilder().build(options(site, outParent.resolve("site"))));
        assertEquals(before, snapshot(outParent), "the previous output changed, or a staging directory was left");
        assertFalse(failure.problems().isEmpty(), failure.report());
        return failure;
    }

    static BuildOptions options(Path site, Path output) {
        return BuildOptions.of(site.resolve("site-config.yml"), Edition.PUBLIC).withOutput(output)
                .withZip(output.resolveSibling("site.zip"));
    }

    /**
     * The file of a location without the leading content/ (the per-case tests check the rest of the
     * location; {@link #locationsNameTheFileRelativeToTheSite} checks the prefix once).
     */
    static String siteless(String file) {
        return file.startsWith("content/") ? file.substring("content/".length()) : file;
    }

    static List<Problem> errors(BuildFailure f) {
        return f.problems().stream().filter(p -> !p.warning()).toList();
    }

    static void assertJapaneseWithoutJava(BuildFailure failure) {
        assertTrue(KANA.matcher(failure.getMessage()).find(), failure.getMessage());
        for (Problem p : failure.problems()) {
            assertTrue(KANA.matcher(p.message()).find(), () -> "not Japanese: " + p);
            assertFalse(JAVA_NOISE.matcher(p.toString()).find(), () -> "Java internals in: " + p);
            String unquoted = p.message().replaceAll("「[^」]*」", "「」");
            assertFalse(ENGLISH.matcher(unquoted).find(), () -> "English in: " + p);
        }
        assertFalse(JAVA_NOISE.matcher(failure.report()).find(), failure::report);
    }

    static void record(String source, BuildFailure failure) {
        List<String> lines = new ArrayList<>();
        failure.problems().forEach(p -> lines.add(p.toString()));
        lines.add(failure.getMessage());
        MESSAGES.put(source, lines);
    }

    static Path copyMinimal(Path to) throws IOException {
        FileTrees.copy(MINIMAL, to);
        return to;
    }

    /** Adds broken/{name} to content/evaluations/, with the texts the broken set refers to. */
    static void addBroken(Path site, String name) throws IOException {
        Files.copy(BROKEN.resolve(name), site.resolve("content/evaluations").resolve(name), StandardCopyOption.REPLACE_EXISTING);
        FileTrees.copy(BROKEN.resolve("texts"), site.resolve("content/texts"));
    }

    /** Every file and directory under {@code dir}, with the SHA-256 of each file. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                out.put(rel, Files.isDirectory(p) ? "dir" : sha256(Files.readAllBytes(p)) + " " + Files.getLastModifiedTime(p));
            }
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(SiteBuilderFailureTest.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource missing: " + name, e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

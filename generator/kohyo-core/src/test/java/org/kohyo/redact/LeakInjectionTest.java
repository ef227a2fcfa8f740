package org.kohyo.redact;

import org.kohyo.FileTrees;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohyo.build.BuildFailure;
import org.kohyo.build.LeakCheck;
import org.kohyo.model.Problem;

/**
 * (c) A deliberate leak: withheld text injected into a copy of a built public site, in several
 * encodings, is caught by the leak verifier (folder and zip); the normal build has zero findings;
 * no report or message repeats the withheld text.
 */
class LeakInjectionTest {
    @TempDir
    static Path dir;
    static Path config;
    static Path site;

    @BeforeAll
    static void build() throws Exception {
        config = WithheldSite.copyTo(dir.resolve("src"));
        site = WithheldSite.build(config, Edition.PUBLIC).output();
    }

    /** How to inject a leak into a copy of the site; returns the file (bundle-relative) that leaks. */
    interface Injection {
        String inject(Path site) throws IOException;
    }

    static Stream<Arguments> injections() {
        return Stream.of(
                Arguments.of("plain text in an HTML attribute", (Injection) s -> {
                    Path f = s.resolve("index.html");
                    String html = Files.readString(f).replaceFirst("<main", "<main data-note=\"鰐鮫データセンター地下三階の鶚鷲ラック列に設置している\"");
                    Files.writeString(f, html);
                    return "index.html";
                }),
                Arguments.of("meta description", (Injection) s -> {
                    Path f = s.resolve("evaluations/test-kiso.html");
                    String html = Files.readString(f).replaceFirst("<title>", "<meta name=\"description\" content=\"鯖鰆ポート番号を閉じた経路\"><title>");
                    Files.writeString(f, html);
                    return "evaluations/test-kiso.html";
                }),
                Arguments.of("full-width letters and half-width katakana", (Injection) s -> {
                    Files.writeString(s.resolve("assets/width.txt"), "･ﾊﾟｽﾜｰﾄﾞは鰈鮃方式（Ｔｙｐｅ－２３）で二十三文字以上とする");
                    return "assets/width.txt";
                }),
                Arguments.of("spaces, ideographic spaces and line breaks between characters", (Injection) s -> {
                    Files.writeString(s.resolve("assets/spaced.css"), "/* 鶉 鴇 ル ー タ ー\u3000の 内 側 の\n鵲 専 用 セ グ メ ン ト を 経 由 す る */");
                    return "assets/spaced.css";
                }),
                Arguments.of("HTML numeric character references", (Injection) s -> {
                    StringBuilder b = new StringBuilder("<p>");
                    String w = "鸚鵡暗号方式で鵯鶫鍵を毎夜交換している";
                    for (int i = 0; i < w.length(); i++) {
                        b.append(i % 2 == 0 ? "&#" + (int) w.charAt(i) + ";" : "&#x" + Integer.toHexString(w.charAt(i)) + ";");
                    }
                    Files.writeString(s.resolve("404.html"), b.append("</p>").toString(), StandardOpenOption.APPEND);
                    return "404.html";
                }),
                Arguments.of("JSON \\u escapes", (Injection) s -> {
                    StringBuilder b = new StringBuilder("{\"snippet\":\"");
                    for (char c : "鸛鷭ファイアウォールへ更新した構成".toCharArray()) {
                        b.append(String.format("\\u%04x", (int) c));
                    }
                    Files.writeString(s.resolve("search/leak.json"), b.append("\"}").toString());
                    return "search/leak.json";
                }),
                Arguments.of("inside a gzip file", (Injection) s -> {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    try (OutputStream gz = new GZIPOutputStream(bytes)) {
                        gz.write("{\"t\":\"・監視カメラの映像は鰊鰯サーバーに百十一日間保存する\"}".getBytes(StandardCharsets.UTF_8));
                    }
                    Files.write(s.resolve("search/shard.json.gz"), bytes.toByteArray());
                    return "search/shard.json.gz!gunzip";
                }),
                Arguments.of("inside a zip inside a zip", (Injection) s -> {
                    byte[] inner = zip("notes/leak.txt", "鷦鷯ネットワーク監視業務".getBytes(StandardCharsets.UTF_8));
                    Files.write(s.resolve("assets/archive.zip"), zip("inner.zip", inner));
                    return "assets/archive.zip!/inner.zip!/notes/leak.txt";
                }),
                Arguments.of("in a file name", (Injection) s -> {
                    Files.writeString(s.resolve("pages/鴫鵙セキュリティ株式会社.html"), "<p>-</p>");
                    return "pages/"; // the report must not repeat the name: only its folder is known
                }),
                Arguments.of("in a percent-encoded file name", (Injection) s -> {
                    String name = java.net.URLEncoder.encode("鮪鰤拠点の所在地", StandardCharsets.UTF_8);
                    Files.writeString(s.resolve("pages/" + name + ".html"), "<p>-</p>");
                    return "pages/";
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("injections")
    void theVerifierCatchesAnInjectedLeak(String how, Injection injection) throws Exception {
        Path copy = dir.resolve("leak-" + Math.abs(how.hashCode()));
        FileTrees.copy(site, copy);
        String leaking = injection.inject(copy);
        LeakCheck.Result r = new LeakCheck().verify(config, copy);
        assertFalse(r.clean(), how + ": not caught");
        List<String> files = new ArrayList<>();
        r.findings().forEach(f -> files.add(f.file()));
        assertTrue(files.stream().anyMatch(f -> f.startsWith(leaking)), how + ": caught in " + files + ", expected " + leaking);
        assertTrue(files.stream().allMatch(f -> f.startsWith(leaking.replaceAll("!.*", ""))), how + ": only the injected file: " + files);
        for (LeakVerifier.Finding f : r.findings()) {
            assertFalse(f.document().isBlank());
            assertTrue(f.number() > 0);
            assertEquals(-1, WithheldSite.rareIndex(WithheldSite.fold(java.net.URLDecoder.decode(f.toString(), StandardCharsets.UTF_8))),
                    () -> how + ": the finding repeats the withheld text: " + f);
        }
        assertEquals(-1, WithheldSite.rareIndex(r.summary()));

        // the same bundle as a zip
        Path zip = dir.resolve("leak-" + Math.abs(how.hashCode()) + ".zip");
        Files.write(zip, zipTree(copy));
        LeakCheck.Result z = new LeakCheck().verify(config, zip);
        assertFalse(z.clean(), how + ": not caught in the zip");
    }

    @Test
    void withheldTextWithoutItsListMarkIsCaughtToo() throws Exception {
        // The source writes 「・監視カメラの映像は…保存する。」 as a list line. A leak that drops the
        // 「・」 (a snippet, a copy into another page) is still a leak.
        Path copy = dir.resolve("leak-bullet");
        FileTrees.copy(site, copy);
        Files.writeString(copy.resolve("assets/bullet.txt"), "監視カメラの映像は鰊鰯サーバーに百十一日間保存する");
        LeakCheck.Result r = new LeakCheck().verify(config, copy);
        assertFalse(r.clean(), "a withheld list line without its 「・」 is not caught");
    }

    @Test
    void theNormalBuildHasZeroFindings() throws Exception {
        LeakCheck.Result r = new LeakCheck().verify(config, site);
        assertTrue(r.clean(), () -> r.findings().toString());
        assertTrue(r.summary().startsWith("漏えい検査: 問題なし"), r.summary());
        LeakCheck.Result z = new LeakCheck().verify(config, site.resolveSibling("site.zip"));
        assertTrue(z.clean(), () -> z.findings().toString());
    }

    @Test
    void aLeakDuringAPublicBuildFailsTheBuildWithoutRepeatingTheText() throws Exception {
        Path src = WithheldSite.copyTo(dir.resolve("theme-leak"));
        // a site theme whose asset carries withheld text: nothing in the model leaks, the verifier must catch it
        Path assets = Files.createDirectories(src.resolveSibling("mytheme/assets"));
        Files.writeString(assets.resolve("extra.css"), "/* 鸚鵡暗号方式で鵯鶫鍵を毎夜交換している */");
        Files.writeString(src, Files.readString(src) + "テーマ: mytheme\n");
        Path out = src.resolveSibling("target/site");
        BuildFailure e = assertThrows(BuildFailure.class, () -> WithheldSite.build(src, Edition.PUBLIC));
        assertEquals(-1, WithheldSite.rareIndex(e.getMessage()));
        assertEquals(-1, WithheldSite.rareIndex(e.report()));
        assertFalse(e.problems().isEmpty());
        for (Problem p : e.problems()) {
            assertEquals(-1, WithheldSite.rareIndex(p.toString()));
        }
        assertTrue(e.report().contains("非公表箇所"), e.report());
        assertFalse(Files.exists(out.resolve("index.html")), "a leaking build writes nothing");
        assertFalse(Files.exists(src.resolveSibling("target/site.zip")), "a leaking build writes no zip");
    }

    // ------------------------------------------------------------------ helpers

    static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content);
            z.closeEntry();
        }
        return b.toByteArray();
    }

    static byte[] zipTree(Path root) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b); Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry(root.relativize(p).toString().replace('\\', '/')));
                z.write(Files.readAllBytes(p));
                z.closeEntry();
            }
        }
        return b.toByteArray();
    }
}

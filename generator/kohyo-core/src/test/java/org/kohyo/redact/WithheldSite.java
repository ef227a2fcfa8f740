package org.kohyo.redact;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.kohyo.build.BuildFailure;
import org.kohyo.build.BuildOptions;
import org.kohyo.build.BuildReport;
import org.kohyo.build.SiteBuilder;
import org.kohyo.config.SiteConfig;
import org.kohyo.form.FormLibrary;
import org.kohyo.load.ContentLoader;
import org.kohyo.load.ContentRoot;
import org.kohyo.load.YNode;
import org.kohyo.model.Evaluation;
import org.kohyo.model.FreePage;
import org.kohyo.model.Problems;
import org.kohyo.text.Markdown;
import org.kohyo.validate.EvaluationValidator;
import org.kohyo.validate.PageValidator;

/**
 * The test site {@code src/test/resources/sites/withheld/}: one 全項目評価書 that withholds at all
 * three granularities, its 基礎項目評価書 partner without withheld parts, and a free page with a
 * withheld span. Every withheld text is built from rare kanji (鰐鮫, 鸚鵡, 鷦鷯…) that occur nowhere
 * in the public parts, the forms or the theme, so "no output contains any of these characters" is a
 * strict and simple leak test.
 */
public final class WithheldSite {

    /** Every withheld text of the test site, as written in the sources (one sentence each). */
    public static final List<String> WITHHELD = List.of(
            // item: 委託事項2 (a whole repeated group)
            "鷦鷯ネットワーク監視業務", "鴫鵙セキュリティ株式会社",
            // item: ①保管場所 (a text item)
            "鰐鮫データセンター地下三階の鶚鷲ラック列に設置している",
            // item: ⑥技術的対策 (a choice item with its detail field)
            "鸚鵡暗号方式で鵯鶫鍵を毎夜交換している",
            // item: III 6. リスク2 (a whole group)
            "鶉鴇ルーターの内側の鵲専用セグメントを経由する",
            // item: (別添3) 変更箇所, one table row
            "鸛鷭ファイアウォールへ更新した構成",
            // block inside a Markdown text in the YAML
            "パスワードは鰈鮃方式(Type-23)で二十三文字以上とする",
            // block inside an included Markdown file
            "監視カメラの映像は鰊鰯サーバーに百十一日間保存する",
            // spans: in the YAML, in the included file, in the free page
            "鯖鰆ポート番号を閉じた経路", "鱈鰹時間ごとに行う巡回", "鮪鰤拠点の所在地");

    /** Words that occur only inside withheld parts (for search). */
    public static final List<String> WITHHELD_WORDS = List.of(
            "鷦鷯", "鴫鵙", "鰐鮫", "鶚鷲", "鸚鵡", "鵯鶫", "鶉鴇", "鸛鷭", "鰈鮃", "鰊鰯", "鯖鰆", "鱈鰹", "鮪鰤");

    /** Characters that occur only inside withheld parts. */
    public static final String RARE = "鷦鷯鴫鵙鰐鮫鶚鷲鸚鵡鵯鶫鶉鴇鵲鸛鷭鰈鮃鰊鰯鯖鰆鱈鰹鮪鰤";

    /** The notice of the test site's config. */
    public static final String NOTICE = "（セキュリティ上のリスクがあるため非公表）";

    private WithheldSite() {}

    /** Copies the test site into {@code dir} and returns its site-config.yml. */
    public static Path copyTo(Path dir) {
        try {
            URL url = WithheldSite.class.getResource("/sites/withheld/site-config.yml");
            Path src = Paths.get(url.toURI()).getParent();
            org.kohyo.FileTrees.copy(src, dir);
            return dir.resolve("site-config.yml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static BuildReport build(Path config, Edition edition) throws BuildFailure {
        return new SiteBuilder().build(BuildOptions.of(config, edition));
    }

    /** The validated (unredacted) models of the site: evaluations and free pages. */
    public record Sources(List<Evaluation> evaluations, List<FreePage> pages) {}

    public static Sources load(Path config) {
        Problems problems = new Problems();
        SiteConfig sc = SiteConfig.read(config, problems);
        FormLibrary forms = FormLibrary.load(sc.forms(), problems);
        ContentRoot root = new ContentRoot(sc.content());
        ContentLoader loader = new ContentLoader(root);
        Markdown markdown = new Markdown();
        EvaluationValidator validator = new EvaluationValidator(forms, root, markdown);
        List<Evaluation> evaluations = new ArrayList<>();
        for (String path : loader.evaluationPaths()) {
            YNode y = loader.evaluation(path, problems);
            evaluations.add(validator.validate(path, y, problems));
        }
        List<FreePage> pages = new ArrayList<>();
        PageValidator pv = new PageValidator(root, markdown);
        for (String path : loader.pagePaths()) {
            pages.add(pv.validate(loader.page(path, problems), problems));
        }
        assertFalse(problems.hasErrors(), () -> "the test site must be valid: " + problems.sorted());
        return new Sources(evaluations, pages);
    }

    // ------------------------------------------------------------------ walking a model

    /**
     * Walks a model (records, lists, maps, strings) and calls {@code visit} for every object; a
     * {@link Sealed} is opened (this class is in the redaction package) so a walk of the source model
     * sees the withheld text too. Form definitions and locations are skipped (they hold no content).
     */
    public static void walk(Object o, BiConsumer<String, Object> visit) {
        walk(o, "", visit);
    }

    private static void walk(Object o, String path, BiConsumer<String, Object> visit) {
        if (o == null) {
            return;
        }
        visit.accept(path, o);
        String pkg = o.getClass().getPackageName();
        if (pkg.equals("org.kohyo.form") || o instanceof org.kohyo.model.Location) {
            return;
        }
        if (o instanceof Sealed<?> s) {
            walk(s.open(), path + "/sealed", visit);
            visit.accept(path + "/reason", s.reason());
        } else if (o instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    c.getAccessor().setAccessible(true);
                    walk(c.getAccessor().invoke(r), path + "/" + c.getName(), visit);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        } else if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object x : c) {
                walk(x, path + "[" + i++ + "]", visit);
            }
        } else if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "{" + k + "}", visit));
        }
    }

    /** Every string of a model, by path. */
    public static Map<String, String> strings(Object model) {
        Map<String, String> out = new LinkedHashMap<>();
        walk(model, (p, o) -> {
            if (o instanceof String s) {
                out.put(p, s);
            }
        });
        return out;
    }

    // ------------------------------------------------------------------ reading a bundle

    /** One readable text of a bundle: a file, a gzip's content or a zip entry (nested ones too). */
    public record Text(String name, String text) {}

    /** Every file of a folder, with gzip and zip files opened, as UTF-8 text; names are texts too. */
    public static List<Text> texts(Path dir) throws IOException {
        List<Text> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted().toList()) {
                String name = dir.relativize(p).toString().replace('\\', '/');
                out.add(new Text(name + " (name)", name));
                if (Files.isRegularFile(p)) {
                    open(name, Files.readAllBytes(p), out);
                }
            }
        }
        return out;
    }

    public static void open(String name, byte[] bytes, List<Text> out) throws IOException {
        if (bytes.length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(bytes))) {
                ZipEntry e;
                while ((e = z.getNextEntry()) != null) {
                    out.add(new Text(name + "!/" + e.getName() + " (name)", e.getName()));
                    if (!e.isDirectory()) {
                        open(name + "!/" + e.getName(), z.readAllBytes(), out);
                    }
                }
            }
            return;
        }
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                open(name + "!gunzip", in.readAllBytes(), out);
            }
            return;
        }
        out.add(new Text(name, new String(bytes, StandardCharsets.UTF_8)));
    }

    /** NFKC, JSON \\u escapes and numeric character references decoded, white space removed. */
    public static String fold(String s) {
        String t = s;
        t = java.util.regex.Pattern.compile("\\\\u([0-9a-fA-F]{4})").matcher(t)
                .replaceAll(m -> String.valueOf((char) Integer.parseInt(m.group(1), 16)));
        t = java.util.regex.Pattern.compile("&#([xX]?)([0-9a-fA-F]+);").matcher(t)
                .replaceAll(m -> new String(Character.toChars(Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16))));
        t = Normalizer.normalize(t, Normalizer.Form.NFKC);
        return t.replaceAll("[\\s\\u3000]+", "");
    }

    /** The first rare (withheld-only) character in {@code s}, or -1. */
    public static int rareIndex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (RARE.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}

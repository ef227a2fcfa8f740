package org.kohyo.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.List;
import org.kohyo.load.YNode;
import org.kohyo.load.YamlReader;
import org.kohyo.model.Location;
import org.kohyo.model.Problems;

/**
 * サイトの設定（site-config.yml）.
 *
 * @param siteName       サイト名 — shown in the header and titles
 * @param publisher      運営者 — the body publishing the site
 * @param baseUrl        公開URL — absolute URL of the site (for sitemap.xml), or null
 * @param withheldNotice 非公表の表示 — the notice that replaces a withheld part
 * @param synonyms       同義語ファイル — extra search synonyms (path relative to the config), or null
 * @param theme          テーマ — the site's own theme directory (overrides themes/default by name), or null
 * @param contact        問合せ先 — contact shown in the footer and accessibility page, or null
 * @param directory      the directory of site-config.yml
 */
public record SiteConfig(String siteName, String publisher, String baseUrl, String withheldNotice, Path synonyms,
                         Path theme, String contact, Path directory) {
    public static final String DEFAULT_NOTICE = "（セキュリティ上のリスクがあるため非公表）";
    private static final List<String> KEYS = List.of("サイト名", "運営者", "公開URL", "非公表の表示", "同義語ファイル", "テーマ", "問合せ先");

    public Path content() {
        return directory.resolve("content");
    }

    public Path themes() {
        return directory.resolve("themes");
    }

    public Path forms() {
        return directory.resolve("forms");
    }

    /** Reads site-config.yml; problems are added for unknown keys and bad values. */
    public static SiteConfig read(Path file, Problems problems) {
        Path dir = file.toAbsolutePath().normalize().getParent();
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            problems.error(Location.of(name), null, "設定ファイル " + file + " がありません。");
            return null;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.error(Location.of(name), null, "設定ファイルを読めません（" + e.getMessage() + "）。");
            return null;
        }
        YNode root = new YamlReader().read(name, text, problems);
        if (root == null) {
            return null;
        }
        if (!(root instanceof YNode.Map map)) {
            problems.error(root.location(), null, "設定ファイルは「キー: 値」の形で書いてください。");
            return null;
        }
        for (YNode.Entry e : map.entries()) {
            if (!KEYS.contains(e.key().text())) {
                problems.error(e.key().location(), e.key().text(), "「" + e.key().text() + "」という設定はありません。使えるのは " + String.join("、", KEYS) + " です。");
            }
        }
        String siteName = str(map, "サイト名", "特定個人情報保護評価書");
        String baseUrl = str(map, "公開URL", null);
        if (baseUrl != null && !baseUrl.matches("https?://\\S+")) {
            problems.error(map.get("公開URL").value().location(), "公開URL", "公開URL は https:// で始まる絶対URLで書いてください。");
        }
        if (baseUrl != null && !baseUrl.endsWith("/")) {
            baseUrl = baseUrl + "/";
        }
        String syn = str(map, "同義語ファイル", null);
        String theme = str(map, "テーマ", null);
        Path synPath = syn == null ? null : dir.resolve(syn).normalize();
        if (synPath != null && !Files.isRegularFile(synPath)) {
            problems.error(map.get("同義語ファイル").value().location(), "同義語ファイル", "同義語ファイル " + syn + " がありません。");
        }
        Path themePath = theme == null ? null : dir.resolve(theme).normalize();
        if (themePath != null && !Files.isDirectory(themePath)) {
            problems.error(map.get("テーマ").value().location(), "テーマ", "テーマのディレクトリ " + theme + " がありません。");
        }
        return new SiteConfig(siteName, str(map, "運営者", null), baseUrl, str(map, "非公表の表示", DEFAULT_NOTICE),
                synPath, themePath, str(map, "問合せ先", null), dir);
    }

    private static String str(YNode.Map m, String key, String fallback) {
        YNode.Entry e = m.get(key);
        return e != null && e.value() instanceof YNode.Scalar s && !s.isBlank() ? s.text().trim() : fallback;
    }
}

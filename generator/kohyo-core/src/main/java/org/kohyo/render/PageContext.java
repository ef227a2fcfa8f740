package org.kohyo.render;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kohyo.config.SiteConfig;
import org.kohyo.redact.Edition;

/** ページ共通の情報 — what every page template receives: site name, edition, asset paths, links. */
public final class PageContext {
    private final SiteConfig config;
    private final Theme theme;
    private final Edition edition;
    private final String searchManifest;

    public PageContext(SiteConfig config, Theme theme, Edition edition, String searchManifest) {
        this.config = config;
        this.theme = theme;
        this.edition = edition;
        this.searchManifest = searchManifest;
    }

    public Theme theme() {
        return theme;
    }

    public SiteConfig config() {
        return config;
    }

    public Edition edition() {
        return edition;
    }

    /** The model every template starts from, for a page at {@code path} (site-relative). */
    public Map<String, Object> model(String path, String title) {
        Map<String, Object> m = new LinkedHashMap<>();
        int depth = 0;
        for (char c : path.toCharArray()) {
            if (c == '/') {
                depth++;
            }
        }
        m.put("root", "../".repeat(depth));
        m.put("path", path);
        m.put("title", title);
        m.put("siteName", config.siteName());
        m.put("publisher", config.publisher() == null ? "" : config.publisher());
        m.put("contact", config.contact() == null ? "" : config.contact());
        m.put("full", edition == Edition.FULL);
        m.put("notice", config.withheldNotice());
        Map<String, String> assets = new LinkedHashMap<>();
        theme.assets().forEach((name, a) -> assets.put(key(name), a.path()));
        m.put("assets", assets);
        m.put("searchManifest", searchManifest == null ? "" : searchManifest);
        return m;
    }

    /** kohyo.css → kohyoCss; search.js → searchJs. */
    static String key(String name) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : name.toCharArray()) {
            if (c == '.' || c == '-' || c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }
}

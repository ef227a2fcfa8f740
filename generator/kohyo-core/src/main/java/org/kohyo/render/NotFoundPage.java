package org.kohyo.render;

import java.util.Map;

/**
 * 404 ページ. Served for any missing address, so it cannot know its depth: its links are written
 * relative to the site root given in 公開URL when configured, else relative to the root directory.
 */
public final class NotFoundPage {
    private final PageContext context;

    public NotFoundPage(PageContext context) {
        this.context = context;
    }

    public void write(Output out) {
        Map<String, Object> m = context.model("404.html", "ページが見つかりません");
        String base = context.config().baseUrl();
        if (base != null) {
            m.put("root", base.replaceFirst("^https?://[^/]+", ""));
        }
        out.write("404.html", context.theme().render("404.ftlh", m));
    }
}

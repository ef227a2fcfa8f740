package org.kohyo.render;

import java.util.Map;
import org.kohyo.model.FreePage;
import org.kohyo.redact.PublishedPage;

/** 自由なページ — renders a Markdown page with front matter. */
public final class FreePageOutput {
    private final PageContext context;
    private final RichTextHtml html;

    public FreePageOutput(PageContext context, RichTextHtml html) {
        this.context = context;
        this.html = html;
    }

    public void write(PublishedPage published, Output out) {
        FreePage p = published.page();
        Map<String, Object> m = context.model(p.path(), p.title());
        m.put("body", html.html(p.body()));
        m.put("description", p.title());
        out.write(p.path(), context.theme().render("page.ftlh", m));
    }
}

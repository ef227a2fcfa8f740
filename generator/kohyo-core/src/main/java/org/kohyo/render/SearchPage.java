package org.kohyo.render;

import java.util.Map;

/** 検索ページ (search.html): the results page; the browser script queries the static index. */
public final class SearchPage {
    private final PageContext context;

    public SearchPage(PageContext context) {
        this.context = context;
    }

    public void write(Output out) {
        Map<String, Object> m = context.model("search.html", "検索");
        m.put("description", "評価書を事務名やことばで検索します。");
        out.write("search.html", context.theme().render("search.ftlh", m));
    }
}

package org.kohyo.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * アクセシビリティ方針 (accessibility.html) — the site's conformance statement after JIS X 8341-3,
 * with the date and results of the last accessibility test. The results come from
 * {@code content/accessibility.yml}, which the browser tests write (see docs/theme.md): the page
 * states what was actually tested, and says so plainly when nothing has been recorded.
 */
public final class AccessibilityPage {
    private final PageContext context;

    public AccessibilityPage(PageContext context) {
        this.context = context;
    }

    /**
     * @param record the test record as label → value, in order (empty when none was recorded)
     * @param pages  per-kind results as rows of cells, may be empty
     */
    public void write(Map<String, String> record, List<List<String>> pages, Output out) {
        Map<String, Object> m = context.model("accessibility.html", "アクセシビリティ方針");
        m.put("record", new LinkedHashMap<>(record));
        m.put("results", pages);
        m.put("description", "このサイトのアクセシビリティ方針と、試験の日付・結果です。");
        out.write("accessibility.html", context.theme().render("accessibility.ftlh", m));
    }
}

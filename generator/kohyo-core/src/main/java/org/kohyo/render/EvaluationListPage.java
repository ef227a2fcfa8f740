package org.kohyo.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 評価書の一覧 — the body's evaluation list (index.html): 評価書番号, 評価書名/事務名, 種類,
 * 評価実施機関, 所管部署, 公表日. A 基礎項目評価書 and its 重点項目/全項目 partner (same 評価実施機関 and
 * 評価書番号) share one row, and a 概要 or 新旧対照表 joins the row of the document it names in 関連.
 */
public final class EvaluationListPage {
    private static final List<String> KIND_ORDER = List.of("kiso", "juten", "zenkomoku", "gaiyo", "shinkyu");
    private final PageContext context;

    public EvaluationListPage(PageContext context) {
        this.context = context;
    }

    /** One row of the list. */
    public record Row(String number, String title, String affair, String organization, String department,
                      String publishedText, String publishedIso, String status, List<DocumentFacts> documents,
                      int withheld) {}

    public static List<Row> rows(List<DocumentFacts> docs) {
        Map<String, List<DocumentFacts>> groups = new LinkedHashMap<>();
        Map<String, String> groupOf = new LinkedHashMap<>();
        List<DocumentFacts> sorted = new ArrayList<>(docs);
        sorted.sort(Comparator.comparing(DocumentFacts::slug));
        for (DocumentFacts d : sorted) {
            if (d.related() != null) {
                continue;
            }
            String key = d.identified() && (d.formId().equals("kiso")
                    || d.formId().equals("juten") || d.formId().equals("zenkomoku"))
                    ? "n|" + d.organization() + "|" + d.number() : "s|" + d.slug();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
            groupOf.put(d.slug(), key);
        }
        for (DocumentFacts d : sorted) {
            if (d.related() == null) {
                continue;
            }
            String key = groupOf.getOrDefault(d.related(), "s|" + d.slug());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
            groupOf.put(d.slug(), key);
        }
        List<Row> rows = new ArrayList<>();
        for (List<DocumentFacts> g : groups.values()) {
            g.sort(Comparator.comparingInt((DocumentFacts d) -> kindOrder(d.formId())).thenComparing(DocumentFacts::slug));
            DocumentFacts lead = g.stream().filter(d -> !d.formId().equals("kiso") && !d.formId().equals("gaiyo")
                    && !d.formId().equals("shinkyu")).findFirst().orElse(g.get(0));
            int withheld = g.stream().mapToInt(DocumentFacts::withheld).sum();
            DocumentFacts dated = g.stream().filter(d -> d.published() != null)
                    .max(Comparator.comparing(DocumentFacts::published)).orElse(lead);
            rows.add(new Row(lead.number(), stripKind(lead.title(), lead.kind()), lead.affair(), lead.organization(),
                    lead.department(), dated.publishedText(), dated.published() == null ? null : dated.published().toString(),
                    lead.status(), List.copyOf(g), withheld));
        }
        rows.sort(Comparator.comparing((Row r) -> r.organization() == null ? "\uffff" : r.organization())
                .thenComparing(r -> numberKey(r.number()))
                .thenComparing(Row::title));
        return rows;
    }

    /** 「予防接種…事務 重点項目評価書」→「予防接種…事務」: the kind is shown in its own column. */
    static String stripKind(String title, String kind) {
        String t = title.strip();
        for (String suffix : List.of(kind, "基礎項目評価書", "重点項目評価書", "全項目評価書")) {
            if (t.endsWith(suffix) && t.length() > suffix.length()) {
                return t.substring(0, t.length() - suffix.length()).strip();
            }
        }
        return t;
    }

    private static int kindOrder(String id) {
        int i = KIND_ORDER.indexOf(id);
        return i < 0 ? KIND_ORDER.size() : i;
    }

    private static String numberKey(String number) {
        if (number == null) {
            return "\uffff";
        }
        String digits = number.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? "~" + number : String.format("%012d", Long.parseLong(digits.length() > 12 ? digits.substring(0, 12) : digits)) + number;
    }

    public void write(List<DocumentFacts> docs, List<FreePageLink> pages, Output out) {
        Map<String, Object> m = context.model("index.html", "評価書の一覧");
        m.put("rows", rows(docs));
        m.put("count", docs.size());
        m.put("withheldDocs", docs.stream().filter(d -> d.withheld() > 0).count());
        m.put("pages", pages);
        out.write("index.html", context.theme().render("list.ftlh", m));
    }

    /** A link to a free page, for navigation. */
    public record FreePageLink(String title, String url) {}
}

package org.kohyo.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kohyo.model.Evaluation;
import org.kohyo.redact.PublishedEvaluation;

/** 評価書のページ — one page per document, faithful to the form. */
public final class EvaluationPage {
    private final PageContext context;
    private final ViewBuilder views;
    private final RichTextHtml html;

    public EvaluationPage(PageContext context, ViewBuilder views, RichTextHtml html) {
        this.context = context;
        this.views = views;
        this.html = html;
    }

    /** Table-of-contents entry. */
    public record TocEntry(String printed, String anchor, List<TocEntry> children) {}

    public void write(PublishedEvaluation published, DocumentFacts facts, DocumentFacts partner, Output out) {
        Evaluation e = published.evaluation();
        String path = facts.url();
        Map<String, Object> m = context.model(path, facts.title());
        List<FieldView> fields = views.fields(e.body().fields(), 2, "");
        m.put("doc", facts);
        m.put("partner", partner);
        m.put("form", Map.of("title", e.form().title(), "name", e.form().name(), "stamp", e.form().stamp() == null ? "" : e.form().stamp()));
        m.put("fields", fields);
        m.put("toc", toc(fields));
        m.put("origin", e.origin() == null ? "" : html.html(e.origin()));
        m.put("note", e.note() == null ? "" : html.html(e.note()));
        m.put("missing", e.missing());
        m.put("withheld", Map.of("total", e.withheld().total(), "items", e.withheld().items(),
                "blocks", e.withheld().blocks(), "spans", e.withheld().spans()));
        m.put("description", description(facts));
        out.write(path, context.theme().render("evaluation.ftlh", m));
    }

    static String description(DocumentFacts f) {
        StringBuilder b = new StringBuilder();
        if (f.organization() != null) {
            b.append(f.organization()).append("の");
        }
        b.append(f.kind()).append("「").append(f.title()).append("」");
        if (f.publishedText() != null) {
            b.append("（").append(f.publishedText()).append("公表）");
        }
        return b.toString();
    }

    private static List<TocEntry> toc(List<FieldView> fields) {
        List<TocEntry> out = new ArrayList<>();
        for (FieldView f : fields) {
            if (f.level() == 2 && f.printed() != null) {
                List<TocEntry> children = new ArrayList<>();
                for (FieldView c : f.children()) {
                    if (c.level() == 3 && c.printed() != null && !c.printed().isEmpty()) {
                        children.add(new TocEntry(c.printed(), c.anchor(), List.of()));
                    }
                }
                out.add(new TocEntry(f.printed(), f.anchor(), children));
            }
        }
        return out;
    }
}

package org.kohyo.build;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.kohyo.index.SearchDocument;
import org.kohyo.model.Evaluation;
import org.kohyo.model.FreePage;
import org.kohyo.model.RichText;
import org.kohyo.model.Value;
import org.kohyo.redact.PublishedEvaluation;
import org.kohyo.redact.PublishedPage;
import org.kohyo.render.DocumentFacts;
import org.kohyo.render.Html;
import org.kohyo.render.RichTextHtml;

/**
 * 検索用の文書 — turns a published (redacted) document into the indexer's input. Notices are not
 * indexed; in the public edition withheld text is not there to index.
 */
final class SearchText {
    /** The 評価実施機関 filter value for documents whose source does not name one (e.g. 未収録). */
    static final String NO_ORGANIZATION = "（評価実施機関の記載なし）";
    /** The public edition's notices in rendered HTML, inline and as a block (see {@link RichTextHtml}). */
    private static final Pattern INLINE_NOTICE = Pattern.compile("<span class=\"withheld\"[^>]*>[^<]*</span>");
    private static final Pattern BLOCK_NOTICE = Pattern.compile("<div class=\"withheld\"[^>]*><p>[^<]*</p></div>");
    /** What an inline notice leaves in the indexed text. */
    static final String GAP = "…";
    private final RichTextHtml html;
    private final String siteOwner;

    SearchText(RichTextHtml html, String siteOwner) {
        this.html = html;
        this.siteOwner = siteOwner;
    }

    SearchDocument of(PublishedEvaluation published, DocumentFacts facts) {
        Evaluation e = published.evaluation();
        StringBuilder body = new StringBuilder();
        List<String> headings = new ArrayList<>();
        collect(e.body(), body, headings);
        return new SearchDocument(facts.url(), facts.title(), facts.affair(), facts.kind(),
                facts.organization() == null ? NO_ORGANIZATION : facts.organization(), facts.department(), facts.published(),
                headings, body.toString());
    }

    SearchDocument of(PublishedPage published) {
        FreePage p = published.page();
        StringBuilder body = new StringBuilder();
        text(p.body(), body);
        return new SearchDocument(p.path(), p.title(), null, "ページ", siteOwner, null, null, List.of(), body.toString());
    }

    private void collect(Value v, StringBuilder body, List<String> headings) {
        if (v instanceof Value.Group g) {
            if (g.name() != null && !g.name().isEmpty()) {
                headings.add(g.name());
            }
            for (Value.Field f : g.fields()) {
                collect(f.value(), body, headings);
            }
        } else if (v instanceof Value.Text t) {
            text(t.text(), body);
        } else if (v instanceof Value.Choice c) {
            if (c.selected() != null) {
                body.append(c.selected()).append('\n');
            }
            c.details().forEach(f -> collect(f.value(), body, headings));
        } else if (v instanceof Value.Checks c) {
            for (Value.CheckState s : c.states()) {
                if (s.checked()) {
                    body.append(s.label()).append(s.detail() == null ? "" : "（" + s.detail() + "）").append('\n');
                }
            }
        } else if (v instanceof Value.Repeat r) {
            r.entries().forEach(x -> collect(x, body, headings));
        } else if (v instanceof Value.Table t) {
            t.rows().forEach(x -> collect(x, body, headings));
        } else if (v instanceof Value.Cells c) {
            c.cells().forEach(x -> text(x, body));
        } else if (v instanceof Value.Revealed r) {
            collect(r.content(), body, headings);
        }
    }

    private void text(RichText t, StringBuilder body) {
        String s = html.html(t);
        if (!s.isEmpty()) {
            // notices carry no content: not indexed. An inline notice leaves "…" in its place, so
            // that the text on either side is not joined into words, bigrams or sentences that the
            // document never had (a snippet shows the reader the gap; a withheld sentence elsewhere
            // that reads like the joined text is not mistaken for a leak by the leak check)
            if (s.contains("class=\"withheld\"")) {
                s = INLINE_NOTICE.matcher(s).replaceAll(GAP);
                s = BLOCK_NOTICE.matcher(s).replaceAll("");
            }
            body.append(Html.text(s)).append('\n');
        }
    }
}

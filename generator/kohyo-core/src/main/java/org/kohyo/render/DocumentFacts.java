package org.kohyo.render;

import java.time.LocalDate;
import org.kohyo.form.FormItem;
import org.kohyo.form.ItemType;
import org.kohyo.model.Evaluation;
import org.kohyo.model.Value;
import org.kohyo.redact.PublishedEvaluation;

/**
 * 評価書の要点 — what the list page, the 概要 panel and the search index show of a document, read
 * from the redacted model through the form's roles (so a withheld title shows as the notice).
 *
 * @param slug           page name
 * @param url            site-relative URL
 * @param kind           種類 (基礎項目評価書…)
 * @param formId         form id (kiso, juten…)
 * @param number         評価書番号 or null
 * @param title          評価書名 (falls back to the form title and the slug)
 * @param affair         事務名 or null
 * @param organization   評価実施機関名 or null
 * @param department     所管部署 or null
 * @param published      公表日 or null
 * @param publishedText  公表日 in 和暦, or null
 * @param status         状態 (案…) or null
 * @param files          number of 特定個人情報ファイル entries, or -1 when the form has none
 * @param outsourcing    委託の有無 as selected, or null
 * @param provision      提供・移転 as stated, or null
 * @param withheld       count of withheld parts
 * @param related        関連 slug, or null
 * @param identified     whether 評価書番号 and 評価実施機関名 are both given and public, so that the
 *                       document can be paired with its partner and checked for duplicates
 */
public record DocumentFacts(String slug, String url, String kind, String formId, String number, String title,
                            String affair, String organization, String department, LocalDate published,
                            String publishedText, String status, int files, String outsourcing, String provision,
                            int withheld, String related, boolean identified) {

    public static DocumentFacts of(PublishedEvaluation published, RichTextHtml html, String notice) {
        Evaluation e = published.evaluation();
        Reader r = new Reader(html, notice);
        String title = r.role(e, "title");
        if (title == null || title.isBlank()) {
            // the source gives no 評価書名 (e.g. a partial original, 未収録): name it by what it does
            // contain, never by an invented title
            String files = r.roleAll(e, "file-name");
            title = e.form().title() + (files != null ? "（" + files + "）" : "（評価書名の記載なし）");
        }
        Value date = r.roleValue(e, "published");
        LocalDate d = date instanceof Value.Date dv ? dv.date() : null;
        int files = -1;
        for (Value.Field f : e.body().fields()) {
            if (f.item().type() == ItemType.REPEAT && f.item().findRole("file-name") != null) {
                files = f.value() instanceof Value.Repeat rep ? rep.entries().size() : 0;
                break;
            }
        }
        return new DocumentFacts(e.slug(), "evaluations/" + e.slug() + ".html", e.form().name(), e.form().id(),
                r.role(e, "number"), title, r.role(e, "affair"), r.role(e, "organization"), r.role(e, "department"),
                d, d == null ? null : org.kohyo.text.JapaneseDate.wareki(d), e.status(), files,
                r.roleAll(e, "outsourcing"), r.roleAll(e, "provision"), e.withheld().total(), e.related(),
                isPublic(r.roleValue(e, "number")) && isPublic(r.roleValue(e, "organization"))
                        && r.role(e, "number") != null && r.role(e, "organization") != null);
    }

    private static boolean isPublic(Value v) {
        return v != null && !(v instanceof Value.Notice) && !(v instanceof Value.Revealed) && !(v instanceof Value.Withheld);
    }

    /** Reads values by role. */
    private record Reader(RichTextHtml html, String notice) {
        Value roleValue(Evaluation e, String role) {
            return find(e.body(), role);
        }

        String role(Evaluation e, String role) {
            Value v = find(e.body(), role);
            return v == null ? null : text(v);
        }

        /** Every value with this role, repeats included (per-file items), distinct, joined with 「、」. */
        String roleAll(Evaluation e, String role) {
            java.util.Set<String> out = new java.util.LinkedHashSet<>();
            collect(e.body(), role, out);
            return out.isEmpty() ? null : String.join("、", out);
        }

        private void collect(Value v, String role, java.util.Set<String> out) {
            if (v instanceof Value.Group g) {
                for (Value.Field f : g.fields()) {
                    if (role.equals(f.item().role())) {
                        String t = text(f.value());
                        if (t != null) {
                            out.add(t);
                        }
                    } else {
                        collect(f.value(), role, out);
                    }
                }
            } else if (v instanceof Value.Repeat r) {
                r.entries().forEach(x -> collect(x, role, out));
            } else if (v instanceof Value.Choice c) {
                collect(new Value.Group(null, c.details()), role, out);
            }
        }

        private Value find(Value.Group g, String role) {
            for (Value.Field f : g.fields()) {
                FormItem item = f.item();
                if (role.equals(item.role())) {
                    return f.value();
                }
                if (item.type() == ItemType.REPEAT) {
                    continue;
                }
                Value v = f.value();
                if (v instanceof Value.Group child) {
                    Value found = find(child, role);
                    if (found != null) {
                        return found;
                    }
                } else if (v instanceof Value.Choice c && !c.details().isEmpty()) {
                    Value found = find(new Value.Group(null, c.details()), role);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }

        private String text(Value v) {
            if (v instanceof Value.Text t) {
                String s = Html.text(html.html(t.text()));
                return s.isBlank() ? null : s;
            }
            if (v instanceof Value.Choice c) {
                return c.selected();
            }
            if (v instanceof Value.Date d) {
                return org.kohyo.text.JapaneseDate.wareki(d.date());
            }
            if (v instanceof Value.Number n) {
                return String.valueOf(n.number());
            }
            if (v instanceof Value.Checks c) {
                StringBuilder b = new StringBuilder();
                for (Value.CheckState s : c.states()) {
                    if (s.checked()) {
                        if (b.length() > 0) {
                            b.append("、");
                        }
                        b.append(s.label());
                        if (s.detail() != null) {
                            b.append("（").append(s.detail()).append("）");
                        }
                    }
                }
                return b.length() == 0 ? null : b.toString();
            }
            if (v instanceof Value.Notice) {
                return notice;
            }
            if (v instanceof Value.Revealed rv) {
                return text(rv.content());
            }
            return null;
        }
    }
}

package org.kohyo.redact;

import java.util.ArrayList;
import java.util.List;
import org.kohyo.model.Evaluation;
import org.kohyo.model.FreePage;
import org.kohyo.model.RichText;
import org.kohyo.model.RichText.Segment;
import org.kohyo.model.Value;

/**
 * 非公表部分の除去 — the redaction stage. It runs once per document, right after validation. The
 * public edition replaces every withheld part by a numbered notice; the full edition (委員会・第三者点検用)
 * reveals each with its reason. Nothing after this stage can reach sealed content.
 */
public final class Redactor {
    private final Edition edition;
    private final WithheldCatalog catalog;

    /**
     * @param catalog collects withheld and public text for the leak verifier (may be null)
     */
    public Redactor(Edition edition, WithheldCatalog catalog) {
        this.edition = edition;
        this.catalog = catalog;
    }

    public Edition edition() {
        return edition;
    }

    public PublishedEvaluation redact(Evaluation e) {
        Pass pass = new Pass(e.slug());
        Value.Group body = (Value.Group) pass.value(e.body());
        Evaluation out = new Evaluation(e.slug(), e.source(), e.form(), e.status(), e.related(),
                pass.text(e.origin()), e.missing(), pass.text(e.note()), body, e.withheld());
        if (catalog != null) {
            catalog.addPublic(e.slug(), String.join("\n", e.missing()));
            if (e.status() != null) {
                catalog.addPublic(e.slug(), e.status());
            }
        }
        return new PublishedEvaluation(out, edition);
    }

    public PublishedPage redact(FreePage page) {
        Pass pass = new Pass(page.path());
        if (catalog != null) {
            catalog.addPublic(page.path(), page.title());
        }
        return new PublishedPage(new FreePage(page.path(), page.source(), page.title(), pass.text(page.body()), page.order(), page.withheld()), edition);
    }

    /** One document's walk. */
    private final class Pass {
        private final String document;

        Pass(String document) {
            this.document = document;
        }

        RichText text(RichText t) {
            if (t == null) {
                return null;
            }
            List<Segment> out = new ArrayList<>();
            List<Segment> segments = t.segments();
            for (int i = 0; i < segments.size(); i++) {
                Segment s = segments.get(i);
                if (s instanceof Segment.Secret secret) {
                    RichText inner = secret.content().open();
                    record(secret.number(), inner, plainAt(segments, i - 1), plainAt(segments, i + 1));
                    if (edition == Edition.FULL) {
                        out.add(new Segment.Revealed(secret.number(), secret.kind(), secret.content().reason(), inner));
                    } else {
                        out.add(new Segment.Notice(secret.number(), secret.kind()));
                    }
                } else {
                    if (catalog != null && s instanceof Segment.Plain p) {
                        catalog.addPublic(document, p.markdown());
                    }
                    out.add(s);
                }
            }
            return new RichText(out, t.location());
        }

        Value value(Value v) {
            if (v instanceof Value.Withheld w) {
                Value inner = w.content().open();
                recordValue(w.number(), inner);
                if (edition == Edition.FULL) {
                    return new Value.Revealed(w.number(), w.content().reason(), value(inner));
                }
                return new Value.Notice(w.number());
            }
            if (v instanceof Value.Text t) {
                return new Value.Text(text(t.text()));
            }
            if (v instanceof Value.Group g) {
                List<Value.Field> fields = new ArrayList<>();
                for (Value.Field f : g.fields()) {
                    fields.add(new Value.Field(f.item(), value(f.value()), f.location()));
                }
                if (catalog != null && g.name() != null) {
                    catalog.addPublic(document, g.name());
                }
                return new Value.Group(g.name(), fields);
            }
            if (v instanceof Value.Choice c) {
                List<Value.Field> details = new ArrayList<>();
                for (Value.Field f : c.details()) {
                    details.add(new Value.Field(f.item(), value(f.value()), f.location()));
                }
                return new Value.Choice(c.selected(), details);
            }
            if (v instanceof Value.Repeat r) {
                List<Value> entries = new ArrayList<>();
                r.entries().forEach(x -> entries.add(value(x)));
                return new Value.Repeat(entries);
            }
            if (v instanceof Value.Table t) {
                List<Value> rows = new ArrayList<>();
                t.rows().forEach(x -> rows.add(value(x)));
                return new Value.Table(rows);
            }
            if (v instanceof Value.Cells c) {
                List<RichText> cells = new ArrayList<>();
                c.cells().forEach(x -> cells.add(text(x)));
                return new Value.Cells(cells);
            }
            if (v instanceof Value.Checks c && catalog != null) {
                c.states().forEach(s -> {
                    if (s.detail() != null) {
                        catalog.addPublic(document, s.detail());
                    }
                });
            }
            if (v instanceof Value.Date d && catalog != null) {
                catalog.addPublic(document, d.written());
            }
            return v;
        }

        private void record(int number, RichText inner, String before, String after) {
            if (catalog == null) {
                return;
            }
            StringBuilder b = new StringBuilder();
            for (Segment s : inner.segments()) {
                if (s instanceof Segment.Plain p) {
                    b.append(p.markdown());
                }
            }
            catalog.addWithContext(document, number, before, b.toString(), after);
        }

        private String plainAt(List<Segment> segments, int i) {
            return i >= 0 && i < segments.size() && segments.get(i) instanceof Segment.Plain p ? p.markdown() : "";
        }

        /** Records every text of a withheld value (choices, names, cells, dates…). */
        private void recordValue(int number, Value inner) {
            if (catalog == null) {
                return;
            }
            StringBuilder b = new StringBuilder();
            collect(inner, b);
            catalog.add(document, number, b.toString());
        }

        private void collect(Value v, StringBuilder b) {
            if (v instanceof Value.Text t) {
                t.text().segments().forEach(s -> {
                    if (s instanceof Segment.Plain p) {
                        b.append(p.markdown()).append('\n');
                    }
                });
            } else if (v instanceof Value.Group g) {
                if (g.name() != null) {
                    b.append(g.name()).append('\n');
                }
                g.fields().forEach(f -> collect(f.value(), b));
            } else if (v instanceof Value.Choice c) {
                if (c.selected() != null) {
                    b.append(c.selected()).append('\n');
                }
                c.details().forEach(f -> collect(f.value(), b));
            } else if (v instanceof Value.Repeat r) {
                r.entries().forEach(x -> collect(x, b));
            } else if (v instanceof Value.Table t) {
                t.rows().forEach(x -> collect(x, b));
            } else if (v instanceof Value.Cells c) {
                c.cells().forEach(x -> collect(new Value.Text(x), b));
            } else if (v instanceof Value.Checks c) {
                c.states().forEach(s -> {
                    if (s.detail() != null) {
                        b.append(s.detail()).append('\n');
                    }
                });
            } else if (v instanceof Value.Date d) {
                b.append(d.written()).append('\n');
            } else if (v instanceof Value.Number n) {
                b.append(n.number()).append('\n');
            }
        }
    }
}

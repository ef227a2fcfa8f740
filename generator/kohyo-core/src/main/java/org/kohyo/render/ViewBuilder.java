package org.kohyo.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohyo.form.FormItem;
import org.kohyo.form.ItemType;
import org.kohyo.model.RichText;
import org.kohyo.model.Value;

/** 表示用データの組み立て — turns a redacted value tree into {@link FieldView}s. */
public final class ViewBuilder {
    private final RichTextHtml html;

    public ViewBuilder(RichTextHtml html) {
        this.html = html;
    }

    /** Views of a group's fields: leaves in runs ("items"), sections and groups as their own views. */
    public List<FieldView> fields(List<Value.Field> fields, int level, String anchorPrefix) {
        List<FieldView> out = new ArrayList<>();
        List<FieldView> run = new ArrayList<>();
        for (Value.Field f : fields) {
            FormItem item = f.item();
            boolean heading = item.type() == ItemType.SECTION || item.type() == ItemType.GROUP || item.type() == ItemType.REPEAT;
            if (heading) {
                flush(run, out);
                out.add(field(item, f.value(), level, anchorPrefix));
            } else {
                run.add(field(item, f.value(), 0, anchorPrefix));
            }
        }
        flush(run, out);
        return out;
    }

    private static void flush(List<FieldView> run, List<FieldView> out) {
        if (!run.isEmpty()) {
            out.add(new FieldView("items", null, null, null, 0, null, null, List.of(), -1, List.of(), false, null, null,
                    List.of(), List.of(), List.copyOf(run), 0, null, null, false));
            run.clear();
        }
    }

    private FieldView field(FormItem item, Value v, int level, String anchorPrefix) {
        String anchor = anchorPrefix + item.id();
        int lvl = Math.min(level, 6);
        if (v instanceof Value.Notice n) {
            return base(item, "withheld", anchor, lvl).withheld(n.number(), null);
        }
        if (v instanceof Value.Revealed r) {
            FieldView inner = field(item, r.content(), level, anchorPrefix);
            return new FieldView("revealed", item.printedLabel(), item.mark(), anchor, lvl, null, null, List.of(), -1,
                    List.of(), false, null, null, List.of(), List.of(), List.of(inner), r.number(),
                    RichTextHtml.revealedLabel(r.reason()), item.note(), false);
        }
        switch (item.type()) {
            case SECTION, GROUP -> {
                List<Value.Field> fields = v instanceof Value.Group g ? g.fields() : emptyFields(item);
                return new FieldView(item.type() == ItemType.SECTION ? "section" : "group", item.printedLabel(), item.mark(),
                        anchor, lvl, null, null, List.of(), -1, List.of(), false, null, null, List.of(), List.of(),
                        fields(fields, level + 1, anchorPrefix), 0, null, item.note(), v instanceof Value.Empty);
            }
            case REPEAT -> {
                List<FieldView> entries = new ArrayList<>();
                if (v instanceof Value.Repeat r && !r.entries().isEmpty()) {
                    int n = 0;
                    for (Value e : r.entries()) {
                        n++;
                        entries.add(entry(item, e, n, level + 1, anchor + "-e" + n + "-"));
                    }
                } else {
                    // the printed form shows a blank first entry (提供先1 …) when there is none
                    entries.add(entry(item, new Value.Group(null, emptyFields(item)), 1, level + 1, anchor + "-e1-"));
                }
                return new FieldView("repeat", item.printedLabel(), item.mark(), anchor, lvl, null, null, List.of(), -1,
                        List.of(), false, null, null, List.of(), List.of(), entries, 0, null, item.note(),
                        !(v instanceof Value.Repeat r2) || r2.entries().isEmpty());
            }
            case TEXT -> {
                String h = v instanceof Value.Text t ? html.html(t.text()) : "";
                return new FieldView("text", item.printedLabel(), item.mark(), anchor, 0, h, null, List.of(), -1, List.of(),
                        false, null, null, List.of(), List.of(), List.of(), 0, null, item.note(), h.isEmpty());
            }
            case CHOICE -> {
                String selected = v instanceof Value.Choice c ? c.selected() : null;
                List<String> numbered = new ArrayList<>();
                int idx = -1;
                for (int i = 0; i < item.choices().size(); i++) {
                    numbered.add((i + 1) + ") " + item.choices().get(i));
                    if (item.choices().get(i).equals(selected)) {
                        idx = i;
                    }
                }
                List<FieldView> details = new ArrayList<>();
                List<Value.Field> ds = v instanceof Value.Choice c ? c.details() : emptyFields(item);
                for (Value.Field d : ds) {
                    details.add(field(d.item(), d.value(), 0, anchorPrefix));
                }
                return new FieldView("choice", item.printedLabel(), item.mark(), anchor, 0, null, selected, numbered, idx,
                        List.of(), false, null, null, List.of(), List.of(), details, 0, null, item.note(), selected == null);
            }
            case CHECKS -> {
                Map<String, List<FieldView.OptionView>> groups = new LinkedHashMap<>();
                boolean any = false;
                if (v instanceof Value.Checks c) {
                    for (Value.CheckState s : c.states()) {
                        groups.computeIfAbsent(s.group() == null ? "" : s.group(), k -> new ArrayList<>())
                                .add(new FieldView.OptionView(s.label(), s.checked(), detailOf(item, s.label(), s.detail())));
                        any |= s.checked();
                    }
                } else {
                    item.options().forEach(o -> groups.computeIfAbsent(o.group() == null ? "" : o.group(), k -> new ArrayList<>())
                            .add(new FieldView.OptionView(o.label(), false, o.detail() ? EMPTY_DETAIL : null)));
                }
                List<FieldView.OptionGroup> og = new ArrayList<>();
                groups.forEach((k, list) -> og.add(new FieldView.OptionGroup(k.isEmpty() ? null : k, List.copyOf(list))));
                return new FieldView("checks", item.printedLabel(), item.mark(), anchor, 0, null, null, List.of(), -1, og,
                        false, null, null, List.of(), List.of(), List.of(), 0, null, item.note(), !any);
            }
            case CHECK -> {
                boolean checked = v instanceof Value.Check c && c.checked();
                return new FieldView("check", item.printedLabel(), item.mark(), anchor, 0, null, null, List.of(), -1,
                        List.of(), checked, null, null, List.of(), List.of(), List.of(), 0, null, item.note(), false);
            }
            case DATE -> {
                if (v instanceof Value.Date d) {
                    return new FieldView("date", item.printedLabel(), item.mark(), anchor, 0, null, null, List.of(), -1,
                            List.of(), false, d.date().toString(), org.kohyo.text.JapaneseDate.wareki(d.date()), List.of(),
                            List.of(), List.of(), 0, null, item.note(), false);
                }
                return base(item, "date", anchor, 0);
            }
            case NUMBER -> {
                if (v instanceof Value.Number n) {
                    return new FieldView("number", item.printedLabel(), item.mark(), anchor, 0, null, null, List.of(), -1,
                            List.of(), false, null, String.valueOf(n.number()), List.of(), List.of(), List.of(), 0, null,
                            item.note(), false);
                }
                return base(item, "number", anchor, 0);
            }
            case TABLE -> {
                List<FieldView.RowView> rows = new ArrayList<>();
                if (v instanceof Value.Table t) {
                    for (Value row : t.rows()) {
                        rows.add(row(row));
                    }
                }
                return new FieldView("table", item.printedLabel(), item.mark(), anchor, lvl, null, null, List.of(), -1,
                        List.of(), false, null, null, item.columns(), rows, List.of(), 0, null, item.note(), rows.isEmpty());
            }
            default -> throw new IllegalStateException(item.type().toString());
        }
    }

    /** The blank printed in 「その他（　）」 when an option that takes a detail has none. */
    static final String EMPTY_DETAIL = "\u3000";

    private static String detailOf(FormItem item, String label, String detail) {
        if (detail != null) {
            return detail;
        }
        for (org.kohyo.form.CheckOption o : item.options()) {
            if (o.label().equals(label) && o.detail()) {
                return EMPTY_DETAIL;
            }
        }
        return null;
    }

    private FieldView.RowView row(Value row) {
        if (row instanceof Value.Cells c) {
            List<String> cells = new ArrayList<>();
            for (RichText t : c.cells()) {
                cells.add(html.html(t));
            }
            return new FieldView.RowView(cells, 0, null);
        }
        if (row instanceof Value.Notice n) {
            return new FieldView.RowView(List.of(), n.number(), null);
        }
        if (row instanceof Value.Revealed r) {
            FieldView.RowView inner = row(r.content());
            return new FieldView.RowView(inner.cells(), r.number(), RichTextHtml.revealedLabel(r.reason()));
        }
        throw new IllegalStateException("unexpected table row " + row.getClass().getSimpleName());
    }

    private FieldView entry(FormItem item, Value e, int n, int level, String anchorPrefix) {
        String heading = entryHeading(item, e, n);
        String anchor = anchorPrefix.substring(0, anchorPrefix.length() - 1);
        if (e instanceof Value.Notice notice) {
            return new FieldView("entry", entryNumber(item, n), null, anchor, Math.min(level, 6), null, null, List.of(), -1,
                    List.of(), false, null, null, List.of(), List.of(), List.of(), notice.number(), null, null, false);
        }
        if (e instanceof Value.Revealed r) {
            FieldView inner = entry(item, r.content(), n, level, anchorPrefix);
            return new FieldView("entry", inner.printed(), null, anchor, inner.level(), null, null, List.of(), -1, List.of(),
                    false, null, null, List.of(), List.of(), inner.children(), r.number(), RichTextHtml.revealedLabel(r.reason()),
                    null, false);
        }
        Value.Group g = (Value.Group) e;
        return new FieldView("entry", heading, null, anchor, Math.min(level, 6), null, null, List.of(), -1, List.of(), false,
                null, null, List.of(), List.of(), fields(g.fields(), level + 1, anchorPrefix), 0, null, null, false);
    }

    /** 「委託事項1 システム保守業務」, or the entry's file name for per-file sections. */
    private String entryHeading(FormItem item, Value e, int n) {
        String number = entryNumber(item, n);
        String name = null;
        if (e instanceof Value.Group g) {
            name = g.name();
            if ((name == null || name.isEmpty()) && item.entryTitle() != null) {
                for (Value.Field f : g.fields()) {
                    if (f.item().label().equals(item.entryTitle()) && f.value() instanceof Value.Text t) {
                        name = Html.text(html.html(t.text()));
                    }
                }
            }
        }
        if (name == null || name.isEmpty()) {
            return number;
        }
        return number.isEmpty() ? name : number + " " + name;
    }

    private static String entryNumber(FormItem item, int n) {
        if (item.entry() == null) {
            return item.entryTitle() != null ? "" : String.valueOf(n);
        }
        return item.entry().replace("{n}", String.valueOf(n));
    }

    private static FieldView base(FormItem item, String kind, String anchor, int level) {
        return new FieldView(kind, item.printedLabel(), item.mark(), anchor, level, null, null, List.of(), -1, List.of(),
                false, null, null, List.of(), List.of(), List.of(), 0, null, item.note(), true);
    }

    private static List<Value.Field> emptyFields(FormItem item) {
        List<Value.Field> out = new ArrayList<>();
        for (FormItem i : item.items()) {
            out.add(new Value.Field(i, new Value.Empty(), null));
        }
        return out;
    }
}

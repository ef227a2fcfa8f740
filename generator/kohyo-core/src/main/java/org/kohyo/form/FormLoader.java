package org.kohyo.form;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohyo.load.YNode;
import org.kohyo.load.YamlReader;
import org.kohyo.model.Problems;

/** 様式定義の読み込み — turns a form-definition YAML file into a {@link FormDefinition}. */
public final class FormLoader {
    private final YamlReader yaml = new YamlReader();

    /** Reads choices.yml: named choice lists. */
    public Map<String, List<String>> readChoices(String origin, String text, Problems problems) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        YNode root = yaml.read(origin, text, problems);
        if (!(root instanceof YNode.Map map)) {
            return lists;
        }
        for (YNode.Entry e : map.entries()) {
            if (e.value() instanceof YNode.Seq seq) {
                lists.put(e.key().text(), scalars(seq, problems, origin));
            } else {
                problems.error(e.key().location(), e.key().text(), "選択肢の一覧はリスト [ … ] で書いてください。");
            }
        }
        return lists;
    }

    /** Reads one form definition; returns null when it has errors (added to problems). */
    public FormDefinition read(String origin, String text, Map<String, List<String>> choiceLists, Problems problems) {
        int before = problems.errorCount();
        YNode root = yaml.read(origin, text, problems);
        if (!(root instanceof YNode.Map map)) {
            if (root != null) {
                problems.error(root.location(), null, "様式定義はマップでなければなりません。");
            }
            return null;
        }
        String id = string(map, "id");
        String name = string(map, "name");
        if (id == null || name == null) {
            problems.error(map.location(), null, "様式定義には id と name が必要です。");
            return null;
        }
        List<String> aliases = map.get("aliases") != null && map.get("aliases").value() instanceof YNode.Seq s
                ? scalars(s, problems, origin) : List.of();
        List<FormItem> items = items(map.get("items"), "k", choiceLists, problems, origin);
        FormDefinition form = new FormDefinition(id, name, aliases,
                string(map, "title") == null ? name : string(map, "title"), string(map, "stamp"), items, origin);
        return problems.errorCount() > before ? null : form;
    }

    private List<FormItem> items(YNode.Entry entry, String idPrefix, Map<String, List<String>> choiceLists,
                                 Problems problems, String origin) {
        List<FormItem> out = new ArrayList<>();
        if (entry == null) {
            return out;
        }
        if (!(entry.value() instanceof YNode.Seq seq)) {
            problems.error(entry.value().location(), "items", "items はリストで書いてください。");
            return out;
        }
        int i = 0;
        for (YNode n : seq.items()) {
            i++;
            if (!(n instanceof YNode.Map m)) {
                problems.error(n.location(), null, "項目はマップ（label, type …）で書いてください。");
                continue;
            }
            FormItem item = item(m, idPrefix + (idPrefix.endsWith("-") || idPrefix.equals("k") ? "" : "-") + i,
                    choiceLists, problems, origin);
            if (item != null) {
                out.add(item);
            }
        }
        return out;
    }

    private FormItem item(YNode.Map m, String id, Map<String, List<String>> choiceLists, Problems problems, String origin) {
        String label = string(m, "label");
        String typeName = string(m, "type");
        if (label == null || typeName == null) {
            problems.error(m.location(), label, "項目には label と type が必要です。");
            return null;
        }
        ItemType type = ItemType.parse(typeName);
        if (type == null) {
            problems.error(m.location(), label, "type「" + typeName + "」は使えません。使えるのは section, group, repeat, text, choice, checks, check, date, number, table です。");
            return null;
        }
        List<String> choices = List.of();
        YNode.Entry ce = m.get("choices");
        if (ce != null) {
            if (ce.value() instanceof YNode.Seq s) {
                choices = scalars(s, problems, origin);
            } else if (ce.value() instanceof YNode.Scalar sc && sc.text().startsWith("@")) {
                choices = choiceLists.get(sc.text().substring(1));
                if (choices == null) {
                    problems.error(sc.location(), label, "選択肢の一覧「" + sc.text().substring(1) + "」が choices.yml にありません。");
                    choices = List.of();
                }
            }
        }
        if (type == ItemType.CHOICE && choices.isEmpty()) {
            problems.error(m.location(), label, "選択（choice）の項目には choices が必要です。");
        }
        List<CheckOption> options = new ArrayList<>();
        YNode.Entry oe = m.get("options");
        if (oe != null && oe.value() instanceof YNode.Seq s) {
            for (YNode o : s.items()) {
                if (o instanceof YNode.Scalar sc) {
                    options.add(new CheckOption(sc.text(), null, false));
                } else if (o instanceof YNode.Map om && string(om, "label") != null) {
                    options.add(new CheckOption(string(om, "label"), string(om, "group"), "true".equals(string(om, "detail"))));
                } else {
                    problems.error(o.location(), label, "チェック欄の選択肢は文字列か {label, group, detail} で書いてください。");
                }
            }
        }
        if (type == ItemType.CHECKS && options.isEmpty()) {
            problems.error(m.location(), label, "チェック欄（checks）の項目には options が必要です。");
        }
        List<String> columns = m.get("columns") != null && m.get("columns").value() instanceof YNode.Seq s
                ? scalars(s, problems, origin) : List.of();
        if (type == ItemType.TABLE && columns.isEmpty()) {
            problems.error(m.location(), label, "表（table）の項目には columns が必要です。");
        }
        List<FormItem> children = items(m.get("items"), id + "-", choiceLists, problems, origin);
        String number = string(m, "number");
        return new FormItem(id, label, number, string(m, "mark"), type, "true".equals(string(m, "required")),
                string(m, "role"), choices, options, columns, string(m, "entry"), string(m, "entryTitle"),
                string(m, "help"), string(m, "note"), children);
    }

    private static List<String> scalars(YNode.Seq seq, Problems problems, String origin) {
        List<String> out = new ArrayList<>();
        for (YNode n : seq.items()) {
            if (n instanceof YNode.Scalar s) {
                out.add(s.text());
            } else {
                problems.error(n.location(), null, "ここには文字列を書いてください。");
            }
        }
        return out;
    }

    private static String string(YNode.Map m, String key) {
        YNode.Entry e = m.get(key);
        if (e == null || !(e.value() instanceof YNode.Scalar s) || s.isNull()) {
            return null;
        }
        return s.text();
    }
}

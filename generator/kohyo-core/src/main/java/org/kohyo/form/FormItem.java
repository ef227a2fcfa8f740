package org.kohyo.form;

import java.util.List;

/**
 * 様式の項目 — one item of an official form, as data.
 *
 * @param id         stable anchor id, derived from the numbering path (e.g. "s2-3-1")
 * @param label      the label as printed, without numbering
 * @param number     the printed numbering (I, 1., ①, リスク1, (別添1)) or null
 * @param mark       what is printed after the label (※, 【任意】) or null
 * @param type       the value type
 * @param required   whether a source must give a value
 * @param role       what lists, search and the summary panel use it for (title, affair…) or null
 * @param choices    the choice list of a CHOICE item (empty otherwise)
 * @param options    the options of a CHECKS item (empty otherwise)
 * @param columns    the column headers of a TABLE item (empty otherwise)
 * @param entry      the heading pattern of a REPEAT entry ("委託事項{n}") or null
 * @param entryTitle the label of the item that names a REPEAT entry, or null
 * @param help       guidance for the people who fill the form in, or null
 * @param note       a note the form itself prints under the item (e.g. 「2)又は3)を選択した…」), or null
 * @param items      child items (SECTION, GROUP, REPEAT; and a CHOICE's detail fields)
 */
public record FormItem(
        String id,
        String label,
        String number,
        String mark,
        ItemType type,
        boolean required,
        String role,
        List<String> choices,
        List<CheckOption> options,
        List<String> columns,
        String entry,
        String entryTitle,
        String help,
        String note,
        List<FormItem> items) {

    public FormItem {
        choices = List.copyOf(choices);
        options = List.copyOf(options);
        columns = List.copyOf(columns);
        items = List.copyOf(items);
    }

    /** The label as printed with its numbering: 「①部署」, 「I 基本情報」. */
    public String printedLabel() {
        if (number == null || number.isEmpty()) {
            return label;
        }
        char last = number.charAt(number.length() - 1);
        boolean tight = last == '①' || (last >= '①' && last <= '⑳') || number.startsWith("(") || number.startsWith("（");
        if (number.startsWith("リスク")) {
            return number + "： " + label;
        }
        return tight && !number.startsWith("(別添") ? number + label : number + " " + label;
    }

    /** The child item with this role, searched depth-first (not inside repeats), or null. */
    public FormItem findRole(String wanted) {
        return findRole(items, wanted);
    }

    /** The item with this role among {@code items} and their children (not inside repeats), or null. */
    static FormItem findRole(List<FormItem> items, String wanted) {
        for (FormItem child : items) {
            if (wanted.equals(child.role())) {
                return child;
            }
            FormItem deeper = child.type() == ItemType.REPEAT ? null : findRole(child.items(), wanted);
            if (deeper != null) {
                return deeper;
            }
        }
        return null;
    }
}

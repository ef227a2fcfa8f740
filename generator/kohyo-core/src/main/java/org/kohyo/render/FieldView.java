package org.kohyo.render;

import java.util.List;

/**
 * 項目の表示用データ — what a template needs to present one item; no logic is left for templates.
 *
 * @param kind        section, group, entry, items (a run of leaf items), text, choice, checks, check,
 *                    date, number, table, withheld (public notice), revealed (full edition), empty
 * @param printed     the label with numbering, as printed
 * @param mark        ※ etc., or null
 * @param anchor      id for links and the table of contents, or null
 * @param level       heading level (2–6) for sections, groups and entries; 0 for leaves
 * @param html        rendered HTML for text, or null
 * @param selected    the selected choice, or null
 * @param choices     the choice list with their numbers (「1) 特に力を入れている」…)
 * @param selectedIndex 0-based index of the selected choice, or -1
 * @param options     the options of a checks item, grouped
 * @param checked     the state of a single check
 * @param dateIso     ISO date for &lt;time datetime&gt;, or null
 * @param display     the value as shown, for date and number
 * @param columns     table column headers
 * @param rows        table rows
 * @param children    child views (sections, groups, entries; a choice's details)
 * @param withheld    the withheld part's number, or 0
 * @param reason      the label of a revealed part (full edition), or null
 * @param note        a note printed by the form itself, or null
 * @param empty       whether the item has no value
 */
public record FieldView(String kind, String printed, String mark, String anchor, int level, String html,
                        String selected, List<String> choices, int selectedIndex, List<OptionGroup> options,
                        boolean checked, String dateIso, String display, List<String> columns, List<RowView> rows,
                        List<FieldView> children, int withheld, String reason, String note, boolean empty) {

    /** A copy marked as a withheld part (public notice) with its number. */
    public FieldView withheld(int number, String reasonLabel) {
        return new FieldView("withheld", printed, mark, anchor, level, null, null, List.of(), -1, List.of(), false, null,
                null, List.of(), List.of(), List.of(), number, reasonLabel, note, false);
    }

    /** Whether this view is a heading-bearing container. */
    public boolean isHeading() {
        return level > 0;
    }

    /** チェック欄の小見出しごとのまとまり; {@code heading} is null when the options have no group. */
    public record OptionGroup(String heading, List<OptionView> options) {}

    /** One checkbox option. */
    public record OptionView(String label, boolean checked, String detail) {}

    /** One table row: cells as HTML; a withheld row has {@code withheld} > 0 and no cells (public). */
    public record RowView(List<String> cells, int withheld, String reason) {}
}

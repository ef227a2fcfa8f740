package org.kohyo.form;

import java.util.List;

/**
 * 様式 — one official form (基礎項目評価書, 重点項目評価書, 全項目評価書, 概要, 新旧対照表) as data.
 *
 * @param id      machine id, e.g. "juten"
 * @param name    the kind as shown in lists, e.g. 重点項目評価書
 * @param aliases other names a source may use in 「様式:」 (様式3…)
 * @param title   the heading printed at the top of the document
 * @param stamp   the version stamp printed on the form, or null
 * @param items   cover items and sections, in printed order
 * @param origin  where the definition was read from (for messages)
 */
public record FormDefinition(String id, String name, List<String> aliases, String title, String stamp,
                             List<FormItem> items, String origin) {
    public FormDefinition {
        aliases = List.copyOf(aliases);
        items = List.copyOf(items);
    }

    /** The first item (depth-first, not inside repeats) with this role, or null. */
    public FormItem findRole(String role) {
        return FormItem.findRole(items, role);
    }
}

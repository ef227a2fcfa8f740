package org.kohyo.form;

/**
 * チェック欄の選択肢 — one option of a {@link ItemType#CHECKS} item.
 *
 * @param label  the option as printed
 * @param group  the printed sub-heading it stands under (・識別情報), or null
 * @param detail whether the option takes a parenthesised detail, 「その他 (…)」
 */
public record CheckOption(String label, String group, boolean detail) {}

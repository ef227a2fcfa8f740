package org.kohyo.form;

import java.util.Locale;

/** 項目の値の型 — the value type of one item of an official form. */
public enum ItemType {
    /** 章 (I, II…): a heading with child items. */
    SECTION,
    /** 節 (1., リスク1…): a sub-heading with child items. */
    GROUP,
    /** 繰返し (委託事項, 提供先, 特定個人情報ファイル…): a list of entries with the same items. */
    REPEAT,
    /** 記述 — Markdown text. */
    TEXT,
    /** 選択 — one value from a fixed list (&lt;選択肢&gt;). */
    CHOICE,
    /** チェック欄の組 — several options, each checked or not. */
    CHECKS,
    /** 単独のチェック欄 — e.g. 「[ ] 委託しない」. */
    CHECK,
    /** 日付 — 和暦 or ISO. */
    DATE,
    /** 数 — an integer. */
    NUMBER,
    /** 表 — rows of Markdown cells under printed column headers. */
    TABLE;

    public static ItemType parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the value in a source file is a map of child items. */
    public boolean hasChildren() {
        return this == SECTION || this == GROUP || this == REPEAT;
    }
}

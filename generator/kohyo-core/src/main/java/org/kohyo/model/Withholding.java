package org.kohyo.model;

/** 非公表の粒度 — how much a withheld part covers. */
public enum Withholding {
    /** 項目・章・繰返しの1件をまるごと. */
    ITEM("項目"),
    /** Markdown の中のブロック（:::非公表 … :::）. */
    BLOCK("ブロック"),
    /** 文中の一部（{非公表}…{/非公表}）. */
    SPAN("文中");

    private final String japanese;

    Withholding(String japanese) {
        this.japanese = japanese;
    }

    public String japanese() {
        return japanese;
    }
}

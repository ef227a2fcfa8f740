package org.kohyo.index;

/**
 * 検索対象の評価書: what the search index receives for one published document, built by the
 * pipeline from the already-redacted model (withheld text never reaches it).
 *
 * @param url          site-relative URL, e.g. "evaluations/x.html"
 * @param title        評価書名
 * @param affair       事務名, may be null
 * @param kind         種類: 基礎項目評価書, 重点項目評価書, 全項目評価書 …
 * @param organization 評価実施機関
 * @param department   所管課, may be null
 * @param published    公表日, may be null
 * @param headings     section headings
 * @param body         plain text
 */
public record SearchDocument(String url, String title, String affair, String kind, String organization,
        String department, java.time.LocalDate published, java.util.List<String> headings, String body) {}

package org.kohyo.model;

/** 自由なページ — a Markdown page with front matter (このサイトについて…). */
public record FreePage(String path, Location source, String title, RichText body, int order) {}

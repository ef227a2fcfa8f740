package org.kohyo.model;

/** 自由なページ — a Markdown page with front matter (このサイトについて…); it may withhold blocks and spans too. */
public record FreePage(String path, Location source, String title, RichText body, int order, Evaluation.WithheldCount withheld) {}

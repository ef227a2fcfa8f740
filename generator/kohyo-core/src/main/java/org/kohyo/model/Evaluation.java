package org.kohyo.model;

import java.util.List;
import org.kohyo.form.FormDefinition;

/**
 * 評価書 — one evaluation document (or 概要, 新旧対照表), validated against its form.
 *
 * @param slug      the page name, from the source file name
 * @param source    the source file
 * @param form      the form it follows
 * @param status    状態 (案, 素案…) or null
 * @param related   関連: slug of the partner document, or null
 * @param origin    出典 or null
 * @param missing   未収録: parts of the form the original did not include
 * @param note      転記注記 or null
 * @param body      every item of the form, cover first
 * @param withheld  how many parts are withheld (非公表), by granularity: item, block, span
 */
public record Evaluation(String slug, Location source, FormDefinition form, String status, String related,
                         RichText origin, List<String> missing, RichText note, Value.Group body,
                         WithheldCount withheld) {
    public Evaluation {
        missing = List.copyOf(missing);
    }

    /** Counts of withheld parts per granularity. */
    public record WithheldCount(int items, int blocks, int spans) {
        public int total() {
            return items + blocks + spans;
        }
    }
}

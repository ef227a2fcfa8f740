package org.kohyo.model;

import java.time.LocalDate;
import java.util.List;
import org.kohyo.form.FormItem;
import org.kohyo.redact.Sealed;

/** 値 — the value of one item of an evaluation, one variant per {@link org.kohyo.form.ItemType}. */
public sealed interface Value {

    /** 未記入 — the source gives nothing (the form still shows the item, empty). */
    record Empty() implements Value {}

    /** 記述. */
    record Text(RichText text) implements Value {}

    /** 選択: the selected choice (null = blank) and the choice's own detail fields. */
    record Choice(String selected, List<Field> details) implements Value {
        public Choice {
            details = List.copyOf(details);
        }
    }

    /** チェック欄の組: every option of the form with its state. */
    record Checks(List<CheckState> states) implements Value {
        public Checks {
            states = List.copyOf(states);
        }
    }

    /** One option's state; {@code detail} is the parenthesised text of 「その他 (…)」 or null. */
    record CheckState(String label, String group, boolean checked, String detail) {}

    /** 単独のチェック欄. */
    record Check(boolean checked) implements Value {}

    /** 日付: the date, and the text as written. */
    record Date(LocalDate date, String written) implements Value {}

    /** 数. */
    record Number(long number) implements Value {}

    /** 章・節・繰返しの1件: child fields (every item of the form, given or not); a repeat entry's name. */
    record Group(String name, List<Field> fields) implements Value {
        public Group {
            fields = List.copyOf(fields);
        }
    }

    /** 繰返し: entries, each a Group or a withheld part. */
    record Repeat(List<Value> entries) implements Value {
        public Repeat {
            entries = List.copyOf(entries);
        }
    }

    /** 表: rows, each {@link Cells} or a withheld part. */
    record Table(List<Value> rows) implements Value {
        public Table {
            rows = List.copyOf(rows);
        }
    }

    /** One row of a table, one cell per column of the form. */
    record Cells(List<RichText> cells) implements Value {
        public Cells {
            cells = List.copyOf(cells);
        }
    }

    /** 非公表 in the source model: sealed. */
    record Withheld(int number, Sealed<Value> content) implements Value {}

    /** 非公表 in the public edition: only the number remains. */
    record Notice(int number) implements Value {}

    /** 非公表 in the full edition: the content and its reason. */
    record Revealed(int number, String reason, Value content) implements Value {}

    /** 項目: a form item with its value and where the source gave it. */
    record Field(FormItem item, Value value, Location location) {}
}

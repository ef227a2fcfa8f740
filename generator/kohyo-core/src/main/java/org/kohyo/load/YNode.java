package org.kohyo.load;

import java.util.List;
import org.kohyo.model.Location;

/** YAML の節点 — a YAML node that remembers where it stood in its file. */
public sealed interface YNode permits YNode.Scalar, YNode.Map, YNode.Seq {
    Location location();

    /**
     * A scalar. {@code contentLine} is the line where the text itself starts (the line after a
     * {@code |} or {@code >} indicator for block scalars), so that positions inside Markdown can be
     * reported on the right line.
     */
    record Scalar(String text, boolean isNull, Location location, int contentLine, int contentColumn) implements YNode {
        public boolean isBlank() {
            return isNull || text.isBlank();
        }
    }

    /** One key and its value. */
    record Entry(Scalar key, YNode value) {}

    /** A mapping, entries in source order. */
    record Map(List<Entry> entries, Location location) implements YNode {
        public Map {
            entries = List.copyOf(entries);
        }

        public Entry get(String key) {
            for (Entry e : entries) {
                if (e.key().text().equals(key)) {
                    return e;
                }
            }
            return null;
        }
    }

    /** A sequence. */
    record Seq(List<YNode> items, Location location) implements YNode {
        public Seq {
            items = List.copyOf(items);
        }
    }
}

package org.kohyo.model;

import java.util.List;
import org.kohyo.redact.Sealed;

/**
 * 記述 — a Markdown text value, as segments: plain Markdown, and withheld parts in one of three
 * states (sealed in the source model; a notice or revealed after redaction).
 */
public record RichText(List<Segment> segments, Location location) {
    public RichText {
        segments = List.copyOf(segments);
    }

    public static RichText plain(String markdown, Location location) {
        return new RichText(List.of(new Segment.Plain(markdown)), location);
    }

    public boolean isBlank() {
        for (Segment s : segments) {
            if (!(s instanceof Segment.Plain p) || !p.markdown().isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** The Markdown source when the text has no withheld part, else null. */
    public String plainMarkdownOrNull() {
        StringBuilder b = new StringBuilder();
        for (Segment s : segments) {
            if (!(s instanceof Segment.Plain p)) {
                return null;
            }
            b.append(p.markdown());
        }
        return b.toString();
    }

    /** One part of a text. */
    public sealed interface Segment {
        /** Plain Markdown. */
        record Plain(String markdown) implements Segment {}

        /** A withheld part in the source model: unreadable outside the redaction stage. */
        record Secret(int number, Withholding kind, Sealed<RichText> content) implements Segment {}

        /** A withheld part in the public edition: only its number remains. */
        record Notice(int number, Withholding kind) implements Segment {}

        /** A withheld part in the full edition (委員会・第三者点検用): content and reason. */
        record Revealed(int number, Withholding kind, String reason, RichText content) implements Segment {}
    }
}

package org.kohyo.render;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kohyo.model.RichText;
import org.kohyo.model.RichText.Segment;
import org.kohyo.model.Withholding;
import org.kohyo.text.Markdown;

/**
 * 記述の HTML 化 — renders a redacted {@link RichText} to HTML. Withheld parts become placeholders
 * (noncharacters U+FDD0/U+FDD1, which Markdown leaves alone and validation refuses in sources) and are then replaced by the notice (public
 * edition) or by the highlighted content with its reason (full edition).
 *
 * <p>One redacted text is rendered several times — for the document's page, for its search entry and
 * for its facts (要点) — so each thread keeps the HTML of the texts it rendered last, by identity:
 * texts are immutable and the HTML depends on nothing else.
 */
public final class RichTextHtml {
    // noncharacters, which validation refuses in sources, so they cannot be forged
    private static final char OPEN = '\uFDD0';
    private static final char CLOSE = '\uFDD1';
    private static final Pattern BLOCK_PARA = Pattern.compile("<p>\uFDD0(?:([BR])(\\d+)|(X))\uFDD1</p>\n?");
    private static final Pattern LONE_DASH = Pattern.compile("\\s*[-—−‐－ー―]\\s*");
    private static final Pattern INLINE = Pattern.compile("\uFDD0(?:([NS])(\\d+)|(E))\uFDD1");

    /**
     * How many texts, and characters of their HTML, each thread remembers: more than any one document
     * holds, and few enough to stay small.
     */
    static final int RECENT = 2048;
    static final long RECENT_CHARS = 1 << 22;

    private final Markdown markdown;
    private final String notice;
    private final ThreadLocal<Recent> recent = ThreadLocal.withInitial(Recent::new);

    /** The HTML of the texts one thread rendered last, by identity. */
    private static final class Recent {
        final Map<RichText, String> html = new IdentityHashMap<>();
        long chars;
    }

    public RichTextHtml(Markdown markdown, String notice) {
        this.markdown = markdown;
        this.notice = notice;
    }

    /** HTML of a text, or "" for a blank one. */
    public String html(RichText text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        Recent done = recent.get();
        String html = done.html.get(text);
        if (html == null) {
            html = render(text);
            if (done.html.size() >= RECENT || done.chars + html.length() > RECENT_CHARS) {
                done.html.clear();
                done.chars = 0;
            }
            done.html.put(text, html);
            done.chars += html.length();
        }
        return html;
    }

    private String render(RichText text) {
        StringBuilder md = new StringBuilder();
        java.util.Map<Integer, String> reasons = new java.util.HashMap<>();
        append(text, md, reasons);
        String source = md.toString();
        if (LONE_DASH.matcher(source).matches()) {
            // 「-」「—」 alone means "nothing to state" on the forms; Markdown would make it an empty list.
            return "<p>" + Html.escape(source.strip()) + "</p>";
        }
        String html = markdown.html(source);
        return accessibleTables(replace(html, reasons)).strip();
    }

    private void append(RichText text, StringBuilder md, java.util.Map<Integer, String> reasons) {
        for (Segment s : text.segments()) {
            if (s instanceof Segment.Plain p) {
                md.append(p.markdown());
            } else if (s instanceof Segment.Notice n) {
                if (n.kind() == Withholding.BLOCK) {
                    md.append("\n\n").append(OPEN).append('B').append(n.number()).append(CLOSE).append("\n\n");
                } else {
                    md.append(OPEN).append('N').append(n.number()).append(CLOSE);
                }
            } else if (s instanceof Segment.Revealed r) {
                reasons.put(r.number(), r.reason());
                if (r.kind() == Withholding.BLOCK) {
                    md.append("\n\n").append(OPEN).append('R').append(r.number()).append(CLOSE).append("\n\n");
                    append(r.content(), md, reasons);
                    md.append("\n\n").append(OPEN).append('X').append(CLOSE).append("\n\n");
                } else {
                    md.append(OPEN).append('S').append(r.number()).append(CLOSE);
                    append(r.content(), md, reasons);
                    md.append(OPEN).append('E').append(CLOSE);
                }
            } else {
                throw new IllegalStateException("unredacted content reached the renderer");
            }
        }
    }

    private String replace(String html, java.util.Map<Integer, String> reasons) {
        if (html.indexOf(OPEN) < 0) {
            return html;
        }
        Matcher b = BLOCK_PARA.matcher(html);
        StringBuilder out = new StringBuilder();
        while (b.find()) {
            String kind = b.group(1) != null ? b.group(1) : b.group(3);
            String n = b.group(2);
            String rep = switch (kind) {
                case "B" -> "<div class=\"withheld\" id=\"withheld-" + n + "\" role=\"note\"><p>" + Html.escape(notice) + "</p></div>\n";
                case "R" -> "<div class=\"withheld-revealed\" id=\"withheld-" + n + "\" role=\"note\"><p class=\"withheld-label\">"
                        + Html.escape(revealedLabel(reasons.get(Integer.parseInt(n)))) + "</p>\n";
                default -> "</div>\n";
            };
            b.appendReplacement(out, Matcher.quoteReplacement(rep));
        }
        b.appendTail(out);
        Matcher i = INLINE.matcher(out.toString());
        StringBuilder out2 = new StringBuilder();
        while (i.find()) {
            String kind = i.group(1) != null ? i.group(1) : i.group(3);
            String n = i.group(2);
            String rep = switch (kind) {
                case "N" -> "<span class=\"withheld\" id=\"withheld-" + n + "\">" + Html.escape(notice) + "</span>";
                case "S" -> "<span class=\"withheld-revealed\" id=\"withheld-" + n + "\"><span class=\"withheld-label\">"
                        + Html.escape(revealedLabel(reasons.get(Integer.parseInt(n)))) + "</span>";
                default -> "</span>";
            };
            i.appendReplacement(out2, Matcher.quoteReplacement(rep));
        }
        i.appendTail(out2);
        return out2.toString();
    }

    private static final Pattern MD_TABLE = Pattern.compile("(?s)<table class=\"md-table\">(.*?)</table>");
    private static final Pattern FIRST_TH = Pattern.compile("(?s)<th[^>]*>(.*?)</th>");
    private static final Pattern TH = Pattern.compile("<th(\\s|>)");

    /**
     * Tables written in Markdown get what the form's own tables have: a focusable region that
     * scrolls on narrow screens, named after the table's first column, a caption (for screen readers
     * only: Markdown has no caption of its own) and column headers with scope.
     */
    static String accessibleTables(String html) {
        if (!html.contains("<table class=\"md-table\">")) {
            return html;
        }
        Matcher m = MD_TABLE.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String inner = TH.matcher(m.group(1)).replaceAll("<th scope=\"col\"$1");
            Matcher th = FIRST_TH.matcher(m.group(1));
            String name = th.find() ? Html.text(th.group(1)) : "";
            String label = name.isBlank() ? "表" : "表：" + name;
            m.appendReplacement(out, Matcher.quoteReplacement("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\""
                    + Html.escape(label) + "\"><table class=\"md-table\"><caption class=\"visually-hidden\">" + Html.escape(label)
                    + "</caption>" + inner + "</table></div>"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The label of a revealed part in the full edition: 「非公表（理由：…）」. */
    public static String revealedLabel(String reason) {
        return reason == null || reason.isBlank() ? "非公表部分" : "非公表部分（理由：" + reason + "）";
    }
}

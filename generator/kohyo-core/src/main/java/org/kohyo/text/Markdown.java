package org.kohyo.text;

import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.List;

/**
 * Markdown（flexmark-java）の設定 — one parser and renderer configuration shared by validation and
 * rendering, so that what is checked is what is rendered. A single newline is a line break, as in
 * the printed forms. Instances are immutable and thread-safe.
 *
 * <p>Most texts of the forms are 平文 — paragraphs of sentences without any Markdown syntax. flexmark
 * builds its block and inline parsers afresh for every document, which costs far more than such a
 * text needs, so {@link #html(String)} renders a text it can prove to be plain paragraphs directly,
 * to exactly the HTML flexmark would give, and hands every other text to flexmark.
 */
public final class Markdown {
    /** What flexmark writes for a line break inside a paragraph (soft and hard breaks alike). */
    private static final String BREAK = "<br>\n";

    private final Parser parser;
    private final HtmlRenderer renderer;

    public Markdown() {
        MutableDataSet options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
        options.set(HtmlRenderer.SOFT_BREAK, BREAK);
        options.set(HtmlRenderer.HARD_BREAK, BREAK);
        options.set(HtmlRenderer.INDENT_SIZE, 0);
        options.set(TablesExtension.CLASS_NAME, "md-table");
        options.set(TablesExtension.WITH_CAPTION, false);
        options.set(TablesExtension.COLUMN_SPANS, false);
        options.set(TablesExtension.APPEND_MISSING_COLUMNS, true);
        options.set(TablesExtension.DISCARD_EXTRA_COLUMNS, true);
        options.set(TablesExtension.HEADER_SEPARATOR_COLUMN_MATCH, true);
        options.set(HtmlRenderer.GENERATE_HEADER_ID, false);
        options.set(HtmlRenderer.RENDER_HEADER_ID, false);
        this.parser = Parser.builder(options).build();
        this.renderer = HtmlRenderer.builder(options).build();
    }

    public Document parse(String markdown) {
        return parser.parse(markdown);
    }

    public String render(Document document) {
        return renderer.render(document);
    }

    /** The HTML of a Markdown text: the same as {@code render(parse(markdown))}, faster for plain paragraphs. */
    public String html(String markdown) {
        String plain = plainParagraphs(markdown);
        return plain != null ? plain : render(parse(markdown));
    }

    /**
     * The HTML of a text that is nothing but 平文の段落 (paragraphs of plain sentences), or null when the
     * text might hold any Markdown syntax at all. The test is deliberately narrow: every character
     * must be one that Markdown gives no meaning to where it stands, so that the text is certainly
     * parsed as paragraphs of literal lines. Blank lines separate paragraphs and every other line
     * break becomes {@code <br>}, as flexmark renders them with this configuration.
     */
    static String plainParagraphs(String text) {
        int n = text.length();
        StringBuilder out = null;
        boolean inParagraph = false;
        int lineStart = 0;
        for (int i = 0; i <= n; i++) {
            if (i < n && text.charAt(i) != '\n') {
                continue;
            }
            // the line [lineStart, i)
            if (i > lineStart) {
                if (!plainLine(text, lineStart, i)) {
                    return null;
                }
                if (out == null) {
                    out = new StringBuilder(n + 32);
                }
                out.append(inParagraph ? BREAK : "<p>");
                appendLine(text, lineStart, i, out);
                inParagraph = true;
            } else if (inParagraph) {
                out.append("</p>\n");
                inParagraph = false;
            }
            lineStart = i + 1;
        }
        if (inParagraph) {
            out.append("</p>\n");
        }
        return out == null ? "" : out.toString();
    }

    /**
     * Whether the non-empty line {@code [from, to)} of {@code text} is certainly literal paragraph
     * text. Besides the characters of {@link #PLAIN_ASCII}, a line may hold 「&lt;」 before a character
     * outside ASCII (no tag, autolink or HTML block starts so: 「&lt;個人番号&gt;」), 「&gt;」 anywhere but
     * first (where it would start a quote), and the escapes 「\.」「\)」 that keep 「1\.」 from
     * becoming a list.
     */
    private static boolean plainLine(String text, int from, int to) {
        char first = text.charAt(from);
        // block syntax starts a line: headings, list items, quotes, thematic breaks, setext underlines…
        if (first == '#' || first == '-' || first == '+' || first == '=' || first == '>' || isSpace(first)
                || isSpace(text.charAt(to - 1))) {
            return false;
        }
        if (first >= '0' && first <= '9' && orderedListMarker(text, from, to)) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '<') {
                if (i + 1 == to || text.charAt(i + 1) < 0x80 || isSpace(text.charAt(i + 1))) {
                    return false;
                }
            } else if (c == '\\') {
                if (i + 1 == to || text.charAt(i + 1) != '.' && text.charAt(i + 1) != ')') {
                    return false;
                }
                i++;
            } else if (c < 0x80 ? c != '>' && !PLAIN_ASCII[c] : isSpecialNonAscii(c)) {
                return false;
            }
        }
        return true;
    }

    /** Appends a line accepted by {@link #plainLine} as HTML: escapes resolved, 「&lt;」「&gt;」 as entities. */
    private static void appendLine(String text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\\' -> out.append(text.charAt(++i));
                default -> out.append(c);
            }
        }
    }

    /** 「1.」「2)」 followed by a space or the end of the line: an ordered list item. */
    private static boolean orderedListMarker(String text, int from, int to) {
        int i = from;
        while (i < to && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i == to || text.charAt(i) != '.' && text.charAt(i) != ')') {
            return false;
        }
        return i + 1 == to || text.charAt(i + 1) == ' ';
    }

    /** White space of any kind, which Markdown may strip or read as indentation at the edges of a line. */
    private static boolean isSpace(char c) {
        return c == ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }

    /** Characters outside ASCII that are left to flexmark: line separators, replacement and control characters. */
    private static boolean isSpecialNonAscii(char c) {
        return c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFFFD' || Character.isISOControl(c);
    }

    /**
     * ASCII characters that mean nothing to Markdown inside a line (with the table extension) and
     * stand for themselves in HTML: letters, digits, the space and punctuation other than
     * {@code \ ` * _ ~ [ ] < > & | "}. Control characters (the tab too) are left to flexmark.
     */
    private static final boolean[] PLAIN_ASCII = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            PLAIN_ASCII[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            PLAIN_ASCII[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            PLAIN_ASCII[c] = true;
        }
        for (char c : " !#$%'()+,-./:;=?@^{}".toCharArray()) {
            PLAIN_ASCII[c] = true;
        }
    }
}

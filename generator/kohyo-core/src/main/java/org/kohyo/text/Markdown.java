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
 */
public final class Markdown {
    private final Parser parser;
    private final HtmlRenderer renderer;

    public Markdown() {
        MutableDataSet options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, List.of(TablesExtension.create()));
        options.set(HtmlRenderer.SOFT_BREAK, "<br>\n");
        options.set(HtmlRenderer.HARD_BREAK, "<br>\n");
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
}

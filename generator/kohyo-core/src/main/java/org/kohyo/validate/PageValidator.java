package org.kohyo.validate;

import org.kohyo.load.ContentLoader;
import org.kohyo.load.ContentRoot;
import org.kohyo.load.YNode;
import org.kohyo.model.FreePage;
import org.kohyo.model.Location;
import org.kohyo.model.Problems;
import org.kohyo.model.RichText;
import org.kohyo.text.Markdown;

/** 自由なページの検証 — front matter (title 必須, order 任意) and the Markdown body. */
public final class PageValidator {
    private final Markdown markdown;

    public PageValidator(ContentRoot root, Markdown markdown) {
        this.markdown = markdown;
    }

    public FreePage validate(ContentLoader.PageSource src, Problems problems) {
        int before = problems.errorCount();
        String title = null;
        int order = 100;
        for (YNode.Entry e : src.frontMatter().entries()) {
            String k = e.key().text();
            if (k.equals("title") || k.equals("タイトル")) {
                title = e.value() instanceof YNode.Scalar s && !s.isBlank() ? s.text().trim() : null;
                if (title != null && WithholdingParser.hasMarker(title)) {
                    problems.error(e.value().location(), k, "ページのタイトルでは「{非公表}」や「:::非公表」は使えません。タイトルは必ず公開されます。");
                    title = null;
                    continue;
                }
            } else if (k.equals("order") || k.equals("順番")) {
                try {
                    order = Integer.parseInt(((YNode.Scalar) e.value()).text().trim());
                } catch (RuntimeException ex) {
                    problems.error(e.value().location(), k, "順番は整数で書いてください。");
                }
            } else {
                problems.error(e.key().location(), k, "フロントマターに「" + k + "」は書けません。使えるのは title（タイトル）と order（順番）です。");
            }
        }
        if (title == null) {
            problems.error(new Location(ContentLoader.shown(src.relative()), 1, 1), "title", "ページのタイトル（title: …）がありません。");
        }
        WithholdingParser.Counter counter = new WithholdingParser.Counter();
        TextContext ctx = TextContext.ofFile(ContentLoader.shown(src.relative()), src.bodyLine(), "本文");
        String text = WithholdingParser.normalizeBreaks(src.body());
        int bad = WithholdingParser.reservedCharacter(text);
        if (bad >= 0) {
            problems.error(ctx.atOffset(text, bad), "本文", String.format("使えない文字（U+%04X）があります。消してください。", (int) text.charAt(bad)));
        }
        RichText body = new WithholdingParser(problems, counter).parse(text, ctx, Location.of(src.relative()));
        int depth = (int) src.relative().chars().filter(c -> c == '/').count();
        int deep = MarkdownChecker.tooDeep(text);
        if (deep >= 0) {
            problems.error(ctx.atOffset(text, deep), "本文", "引用（>）やリストの入れ子が深すぎます（" + MarkdownChecker.MAX_NESTING + "段まで）。");
        } else {
            new MarkdownChecker(markdown, problems).checkWithheldAware(text, ctx, depth);
        }
        if (problems.errorCount() > before) {
            return null;
        }
        String path = src.relative().replaceFirst("\\.md$", ".html");
        return new FreePage(path, Location.of(src.relative()), title, body, order,
                new org.kohyo.model.Evaluation.WithheldCount(counter.items, counter.blocks, counter.spans));
    }
}

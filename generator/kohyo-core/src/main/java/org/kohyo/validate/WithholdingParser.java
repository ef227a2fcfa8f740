package org.kohyo.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kohyo.model.Problems;
import org.kohyo.model.RichText;
import org.kohyo.model.RichText.Segment;
import org.kohyo.model.Withholding;
import org.kohyo.redact.Sealed;

/**
 * 非公表の記法の解析 — splits a Markdown text into plain parts and sealed withheld parts.
 *
 * <pre>
 * :::非公表 理由（任意）        ← block, on its own line
 * …Markdown…
 * :::
 *
 * 文中の{非公表:理由}一部{/非公表}だけ   ← span inside a sentence (理由 optional: {非公表}…{/非公表})
 * </pre>
 *
 * Full-width braces and colons are accepted. An unclosed, wrongly nested or unknown marker is an
 * error with its file line.
 */
final class WithholdingParser {
    private static final Pattern BLOCK_OPEN = Pattern.compile("^[ \\t\\u3000]*[:：]{3}[ \\t\\u3000]*非公表(?:[ \\t\\u3000]+(.*?))?[ \\t\\u3000]*$");
    private static final Pattern BLOCK_CLOSE = Pattern.compile("^[ \\t\\u3000]*[:：]{3}[ \\t\\u3000]*$");
    private static final Pattern BLOCK_OTHER = Pattern.compile("^[ \\t\\u3000]*[:：]{3}[ \\t\\u3000]*(\\S+).*$");
    /** A block marker that is not at the start of its line (behind 「>」 or a list mark): refused. */
    private static final Pattern MISPLACED_BLOCK = Pattern.compile("[:：]{3}[ \\t\\u3000]*非公表");
    private static final Pattern ANY_MARKER = Pattern.compile("[{｛][ \\t\\u3000]*/?[ \\t\\u3000]*非公表|[:：]{3}[ \\t\\u3000]*非公表|^[ \\t\\u3000]*[:：]{3}[ \\t\\u3000]*$", Pattern.MULTILINE);
    private static final Pattern BREAKS = Pattern.compile("\\r\\n?|[\\u2028\\u2029\\u0085\\u000B\\u000C]");
    /**
     * A span marker, however it was typed: ASCII or full-width braces and slash, spaces (also
     * ideographic) or line breaks around the word, and a reason after 「:」「：」 or a space.
     */
    private static final Pattern SPAN = Pattern.compile("[{｛][\\s\\u3000]*([/／]?)[\\s\\u3000]*(非公表|非公開|ひこうひょう|非表示)[\\s\\u3000]*(?:(?:[:：]|[\\s\\u3000])[\\s\\u3000]*([^}｝]*?))?[\\s\\u3000]*[}｝]");
    /** Anything left in plain text that looks like the start of a marker: an error, never published. */
    private static final Pattern STRAY_MARKER = Pattern.compile("[{｛][\\s\\u3000]*[/／]?[\\s\\u3000]*(?:非公表|非公開)");
    /** A line starting with 「:::」, and a span marker as {@link #withoutMarkers} removes them. */
    private static final Pattern COLON_LINE = Pattern.compile("(?m)^[ \\t\\u3000]*[:：]{3}.*$");
    private static final Pattern SIMPLE_SPAN = Pattern.compile("[{｛]/?[ \\t]*非公表[^}｝]*[}｝]");

    private final Problems problems;
    private final Counter counter;

    /** Numbers withheld parts across one document and counts them per granularity. */
    static final class Counter {
        int next = 1;
        int items;
        int blocks;
        int spans;

        int take(Withholding kind) {
            switch (kind) {
                case ITEM -> items++;
                case BLOCK -> blocks++;
                case SPAN -> spans++;
            }
            return next++;
        }
    }

    /**
     * Two views of a text for the Markdown safety checks, lines kept: the public part (withheld
     * blocks and spans blanked) and the withheld part (everything else blanked). Problems in the
     * withheld part are reported without repeating what was found.
     */
    static String[] publicAndWithheld(String raw) {
        String text = normalizeBreaks(raw);
        if (!mayHoldMarker(text)) {
            // all public: the withheld view keeps only the line breaks
            int lines = 1;
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                lines++;
            }
            return new String[] {text + "\n", "\n".repeat(lines)};
        }
        StringBuilder pub = new StringBuilder(text.length());
        StringBuilder held = new StringBuilder(text.length());
        boolean inBlock = false;
        boolean open = false;
        for (String line : text.split("\n", -1)) {
            if (!inBlock && BLOCK_OPEN.matcher(line).matches() || inBlock && BLOCK_CLOSE.matcher(line).matches()) {
                inBlock = !inBlock;
                pub.append('\n');
                held.append('\n');
                continue;
            }
            if (inBlock) {
                pub.append('\n');
                held.append(line).append('\n');
                continue;
            }
            Matcher m = SPAN.matcher(line);
            StringBuilder p = new StringBuilder();
            StringBuilder h = new StringBuilder();
            int pos = 0;
            while (m.find()) {
                String between = line.substring(pos, m.start());
                (open ? h : p).append(between);
                (open ? p : h).append(" ".repeat(between.length()));
                p.append(" ".repeat(m.group().length()));
                h.append(" ".repeat(m.group().length()));
                open = m.group(1).isEmpty();
                pos = m.end();
            }
            String tail = line.substring(pos);
            (open ? h : p).append(tail);
            pub.append(p).append('\n');
            held.append(h).append('\n');
        }
        return new String[] {pub.toString(), held.toString()};
    }

    /** Every kind of line break folded to \\n, as flexmark would read them (it also breaks at a lone CR). */
    static String normalizeBreaks(String text) {
        return text.indexOf('\r') < 0 && text.indexOf('\u2028') < 0 && text.indexOf('\u2029') < 0
                && text.indexOf('\u0085') < 0 && text.indexOf('\u000B') < 0 && text.indexOf('\u000C') < 0
                ? text : BREAKS.matcher(text).replaceAll("\n");
    }

    /** Whether a text holds anything that looks like a withholding marker. */
    static boolean hasMarker(String text) {
        return mayHoldMarker(text) && ANY_MARKER.matcher(normalizeBreaks(text)).find();
    }

    /**
     * Whether a text holds what every marker pattern needs: a brace (「{」「｛」, spans) or three colons
     * in a row (「:::」「：：：」, blocks). A text without either is plain through and through, and none
     * of the patterns is tried on it.
     */
    static boolean mayHoldMarker(String text) {
        int colons = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '｛') {
                return true;
            }
            colons = c == ':' || c == '：' ? colons + 1 : 0;
            if (colons == 3) {
                return true;
            }
        }
        return false;
    }

    /**
     * The index of a character kohyo reserves for itself (the noncharacters U+FDD0–U+FDEF, which it
     * uses as placeholders while rendering), or -1.
     */
    static int reservedCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\uFDD0' && c <= '\uFDEF') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The text with every withholding marker removed and the lines kept, as the Markdown checks
     * should see it (the content of withheld parts is checked too: the full edition renders it).
     */
    static String withoutMarkers(String text) {
        return SIMPLE_SPAN.matcher(COLON_LINE.matcher(normalizeBreaks(text)).replaceAll("")).replaceAll("");
    }

    WithholdingParser(Problems problems, Counter counter) {
        this.problems = problems;
        this.counter = counter;
    }

    /** Parses {@code text}; problems are reported at positions computed through {@code ctx}. */
    RichText parse(String raw, TextContext ctx, org.kohyo.model.Location location) {
        String text = normalizeBreaks(raw);
        if (!mayHoldMarker(text)) {
            return new RichText(text.isEmpty() ? List.of() : List.of(new Segment.Plain(text)), location);
        }
        List<Segment> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        StringBuilder plain = new StringBuilder();
        StringBuilder inner = null;
        String blockReason = null;
        int blockLine = -1;
        int plainFirst = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String nl = i < lines.length - 1 ? "\n" : "";
            Matcher open = BLOCK_OPEN.matcher(line);
            if (open.matches()) {
                if (inner != null) {
                    problems.error(ctx.at(i, 0), ctx.label(), "「:::非公表」の中に「:::非公表」があります（入れ子はできません）。先の「:::非公表」（" + ctx.at(blockLine, 0).line() + "行）を「:::」で閉じてください。");
                    inner.append(nl);
                    continue;
                }
                flushSpans(plain.toString(), out, ctx, plainFirst, false);
                plain.setLength(0);
                inner = new StringBuilder();
                blockReason = open.group(1) == null ? "" : open.group(1).trim();
                blockLine = i;
                continue;
            }
            if (BLOCK_CLOSE.matcher(line).matches()) {
                if (inner == null) {
                    problems.error(ctx.at(i, 0), ctx.label(), "対応する「:::非公表」の無い「:::」があります。");
                    plain.append(nl);
                    continue;
                }
                List<Segment> content = new ArrayList<>();
                flushSpans(inner.toString(), content, ctx, blockLine + 1, true);
                int n = counter.take(Withholding.BLOCK);
                out.add(new Segment.Secret(n, Withholding.BLOCK,
                        Sealed.of(new RichText(content, location), blockReason)));
                inner = null;
                plainFirst = i + 1;
                continue;
            }
            Matcher other = BLOCK_OTHER.matcher(line);
            if (other.matches()) {
                // inside a withheld block the line is withheld too: say where, not what
                problems.error(ctx.at(i, 0), ctx.label(), inner != null
                        ? "「:::」で始まる行に使えない言葉があります。使えるのは「:::非公表」と、それを閉じる「:::」だけの行です。"
                        : "「:::" + other.group(1) + "」は使えない記法です。使えるのは「:::非公表」と、それを閉じる「:::」だけです。");
                (inner != null ? inner : plain).append(nl);
                continue;
            }
            (inner != null ? inner : plain).append(line).append(nl);
        }
        if (inner != null) {
            problems.error(ctx.at(blockLine, 0), ctx.label(), "「:::非公表」が閉じられていません。非公表にする部分の後に「:::」だけの行を書いてください。");
        }
        flushSpans(plain.toString(), out, ctx, plainFirst, false);
        return new RichText(mergePlain(out), location);
    }

    /** Splits spans out of a run of lines starting at text line {@code firstLine}. */
    private void flushSpans(String text, List<Segment> out, TextContext ctx, int firstLine, boolean insideBlock) {
        if (text.isEmpty()) {
            return;
        }
        Matcher misplaced = MISPLACED_BLOCK.matcher(text);
        if (misplaced.find()) {
            problems.error(at(ctx, text, misplaced.start(), firstLine), ctx.label(), "「:::非公表」は行の先頭に、それだけで書いてください（引用「>」やリスト「-」の中、文の途中では使えません）。文の途中を非公表にするには「{非公表}…{/非公表}」を使います。");
        }
        Matcher m = SPAN.matcher(text);
        int pos = 0;
        int openAt = -1;
        int openMarker = -1;
        String reason = null;
        while (m.find()) {
            boolean closing = !m.group(1).isEmpty();
            String word = m.group(2);
            if (!word.equals("非公表")) {
                problems.error(at(ctx, text, m.start(), firstLine), ctx.label(), "「{" + (closing ? "/" : "") + word + "}」は使えない記法です。文中の非公表は「{非公表}…{/非公表}」（理由を付けるなら「{非公表:理由}…{/非公表}」）と書きます。");
                continue;
            }
            if (insideBlock) {
                problems.error(at(ctx, text, m.start(), firstLine), ctx.label(), "「:::非公表」のブロックの中に「{非公表}」の記法があります。ブロック全体が非公表なので、文中の非公表は不要です。");
                continue;
            }
            if (!closing) {
                if (openAt >= 0) {
                    problems.error(at(ctx, text, m.start(), firstLine), ctx.label(), "「{非公表}」の中に「{非公表}」があります（入れ子はできません）。先に「{/非公表}」で閉じてください。");
                    continue;
                }
                out.add(new Segment.Plain(text.substring(pos, m.start())));
                openMarker = m.start();
                openAt = m.end();
                reason = m.group(3) == null ? "" : m.group(3).trim();
                pos = m.end();
            } else {
                if (openAt < 0) {
                    problems.error(at(ctx, text, m.start(), firstLine), ctx.label(), "対応する「{非公表}」の無い「{/非公表}」があります。");
                    continue;
                }
                String inner = text.substring(openAt, m.start());
                if (inner.contains("\n\n")) {
                    problems.error(at(ctx, text, openAt, firstLine), ctx.label(), "「{非公表}…{/非公表}」が段落をまたいでいます。段落ごと非公表にするには「:::非公表」のブロックを使ってください。");
                }
                int n = counter.take(Withholding.SPAN);
                out.add(new Segment.Secret(n, Withholding.SPAN,
                        Sealed.of(RichText.plain(inner, ctx.atOffset(text, openAt)), reason)));
                openAt = -1;
                pos = m.end();
            }
        }
        if (openAt >= 0) {
            problems.error(at(ctx, text, openMarker, firstLine), ctx.label(), "「{非公表}」が閉じられていません。非公表にする部分の後に「{/非公表}」を書いてください。");
            out.add(new Segment.Plain(text.substring(pos)));
            return;
        }
        out.add(new Segment.Plain(text.substring(pos)));
        strayMarkers(text, ctx, firstLine);
    }

    /** A marker the span pattern did not take (a typo the writer might think works) is an error. */
    private void strayMarkers(String text, TextContext ctx, int firstLine) {
        String rest = SPAN.matcher(text).replaceAll(m -> " ".repeat(m.group().length()));
        Matcher stray = STRAY_MARKER.matcher(rest);
        if (stray.find()) {
            problems.error(at(ctx, text, stray.start(), firstLine), ctx.label(), "「{非公表}」の書き方が正しくありません（かっこの閉じ忘れ、余分な文字など）。文中の非公表は「{非公表}…{/非公表}」（理由を付けるなら「{非公表:理由}…{/非公表}」）と書きます。");
        }
    }

    private static org.kohyo.model.Location at(TextContext ctx, String text, int offset, int firstLine) {
        int line = 0;
        int col = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 0;
            } else {
                col++;
            }
        }
        return ctx.at(firstLine + line, col);
    }

    private static List<Segment> mergePlain(List<Segment> in) {
        List<Segment> out = new ArrayList<>();
        for (Segment s : in) {
            if (s instanceof Segment.Plain p && !out.isEmpty() && out.get(out.size() - 1) instanceof Segment.Plain q) {
                out.set(out.size() - 1, new Segment.Plain(q.markdown() + p.markdown()));
            } else if (!(s instanceof Segment.Plain p2 && p2.markdown().isEmpty())) {
                out.add(s);
            }
        }
        return out;
    }
}

package org.kohyo.validate;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.HtmlBlock;
import com.vladsch.flexmark.ast.HtmlCommentBlock;
import com.vladsch.flexmark.ast.HtmlInline;
import com.vladsch.flexmark.ast.HtmlInlineComment;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.ImageRef;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.LinkRef;
import com.vladsch.flexmark.ast.MailLink;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.util.ast.Node;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kohyo.model.Problems;
import org.kohyo.text.Markdown;

/**
 * Markdown の安全確認 — raw HTML only from a short safe list (tags without attributes), links only
 * to https/http/mailto or inside the site, images only from inside the site.
 */
final class MarkdownChecker {
    static final String ALLOWED_TAGS = "u, br, sup, sub, ruby, rt, rp";
    private static final Pattern TAG = Pattern.compile("<[^>]*>?");
    private static final Pattern SAFE_TAG = Pattern.compile("(?i)</?(u|br|sup|sub|ruby|rt|rp)\\s*/?>");
    private static final Pattern URL_SPACE = Pattern.compile("[\\s\\x00-\\x1f]");
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");
    private static final Pattern QUERY_OR_FRAGMENT = Pattern.compile("[?#]");

    private final Markdown markdown;
    private final Problems problems;
    /** Inside withheld parts: report where, never what (the build log is public too). */
    private final boolean quiet;

    MarkdownChecker(Markdown markdown, Problems problems) {
        this(markdown, problems, false);
    }

    private MarkdownChecker(Markdown markdown, Problems problems, boolean quiet) {
        this.markdown = markdown;
        this.problems = problems;
        this.quiet = quiet;
    }

    /** Deeper quoting or list nesting than this is refused (flexmark recurses per level). */
    static final int MAX_NESTING = 20;
    private static final Pattern NESTING = Pattern.compile("(?m)^((?:[ \\t\\u3000]*(?:>|[-+*]|\\d{1,9}[.)])(?=[ \\t>]|$))+)");

    /** The offset of the first line nested deeper than {@link #MAX_NESTING} (quotes, lists, indent), or -1. */
    static int tooDeep(String text) {
        // a line nests no deeper than the marks it holds: with few marks in the whole text, none can
        if (marks(text) > MAX_NESTING) {
            Matcher m = NESTING.matcher(text);
            while (m.find()) {
                if (marks(m.group(1)) > MAX_NESTING) {
                    return m.start();
                }
            }
        }
        int lineStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                int indent = 0;
                while (lineStart + indent < i && text.charAt(lineStart + indent) == ' ') {
                    indent++;
                }
                if (indent > MAX_NESTING * 4) {
                    return lineStart;
                }
                lineStart = i + 1;
            }
        }
        return -1;
    }

    /** How many characters of a text could count as a nesting level (「>」, list marks, 「.」「)」 of numbers). */
    private static int marks(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '>' || c == '-' || c == '+' || c == '*' || c == '.' || c == ')') {
                n++;
            }
        }
        return n;
    }

    /** A checker for withheld text: same rules, messages that do not repeat what they found. */
    MarkdownChecker quiet() {
        return new MarkdownChecker(markdown, problems, true);
    }

    /** Checks a text: its public part normally, its withheld part quietly. */
    void checkWithheldAware(String text, TextContext ctx, int depth) {
        String[] views = WithholdingParser.publicAndWithheld(text);
        check(views[0], ctx, depth);
        quiet().check(views[1], ctx, depth);
    }

    private void report(org.kohyo.model.Location at, String label, String message) {
        problems.error(at, label, quiet
                ? "非公表の部分に、使えない HTML・リンク・画像・記法があります（非公表の内容のため、ここには表示しません）。全体版で確かめて直してください。"
                : message);
    }

    /**
     * Checks one text.
     *
     * @param depth how many directories the page lies below the site root (for relative links)
     */
    void check(String text, TextContext ctx, int depth) {
        if (!mayHoldHtmlOrLinks(text)) {
            return;
        }
        Node doc = markdown.parse(text);
        walk(doc, text, ctx, depth);
    }

    /**
     * Whether a text may hold anything the checks look at. Raw HTML, comments and autolinks all
     * start with 「&lt;」 followed by an ASCII character; links, images and link references all need
     * 「[」. A text with neither (「&lt;個人番号&gt;」 is plain text) parses to nothing the checks could
     * refuse, so it is not parsed at all.
     */
    static boolean mayHoldHtmlOrLinks(String text) {
        if (text.indexOf('[') >= 0) {
            return true;
        }
        for (int i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
            if (i + 1 == text.length() || text.charAt(i + 1) < 0x80) {
                return true;
            }
        }
        return false;
    }

    private void walk(Node node, String text, TextContext ctx, int depth) {
        for (Node n = node.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof HtmlCommentBlock || n instanceof HtmlInlineComment) {
                report(ctx.atOffset(text, n.getStartOffset()), ctx.label(),
                        "HTML のコメント（<!-- -->）は使えません。公開されるページに残ってしまうためです。");
                continue;
            }
            if (n instanceof HtmlBlock || n instanceof HtmlInline) {
                Matcher m = TAG.matcher(n.getChars());
                while (m.find()) {
                    String tag = m.group();
                    if (!SAFE_TAG.matcher(tag).matches()) {
                        report(ctx.atOffset(text, n.getStartOffset() + m.start()), ctx.label(),
                                "HTML「" + abbreviate(tag) + "」は使えません。使える HTML は属性の無い " + ALLOWED_TAGS + " だけです。");
                    }
                }
                continue;
            }
            // URLs as rendered: entities and backslash escapes decoded (「javascript&#58;」 is 「javascript:」)
            if (n instanceof Link l) {
                checkUrl(l.getUrl().unescape(), false, n, text, ctx, depth);
            } else if (n instanceof Image i) {
                checkUrl(i.getUrl().unescape(), true, n, text, ctx, depth);
            } else if (n instanceof AutoLink a) {
                checkUrl(a.getUrl().unescape(), false, n, text, ctx, depth);
            } else if (n instanceof Reference r) {
                checkUrl(r.getUrl().unescape(), false, n, text, ctx, depth);
            } else if (n instanceof ImageRef ir) {
                // a reference used by an image must follow the image rules too
                Reference ref = ir.getReferenceNode(ir.getDocument());
                if (ref != null) {
                    checkUrl(ref.getUrl().unescape(), true, n, text, ctx, depth);
                }
            } else if (n instanceof LinkRef || n instanceof MailLink) {
                // resolved through a Reference, which is checked itself
            }
            walk(n, text, ctx, depth);
        }
    }

    private void checkUrl(String url, boolean image, Node n, String text, TextContext ctx, int depth) {
        String problem = urlProblem(url, image, depth);
        if (problem != null) {
            report(ctx.atOffset(text, n.getStartOffset()), ctx.label(), problem);
        }
    }

    /** Why this URL is refused, or null when it is allowed. */
    static String urlProblem(String url, boolean image, int depth) {
        String u = url.trim();
        if (u.indexOf('\\') >= 0) {
            // browsers read \ as / in URLs: \\host is //host, ..\.. climbs out
            return "リンク「" + abbreviate(u) + "」に「\\」は使えません。区切りには「/」を使ってください。";
        }
        String lower = URL_SPACE.matcher(u.toLowerCase(Locale.ROOT)).replaceAll("");
        int colon = lower.indexOf(':');
        int slash = lower.indexOf('/');
        boolean hasScheme = colon > 0 && (slash < 0 || colon < slash) && SCHEME.matcher(lower.substring(0, colon)).matches();
        if (hasScheme) {
            String scheme = lower.substring(0, colon);
            if (image) {
                return "画像「" + abbreviate(u) + "」はサイトの外にあります。画像は content/ の中に置き、相対パスで指定してください（外部への通信をしないため）。";
            }
            if (scheme.equals("https") || scheme.equals("http") || scheme.equals("mailto")) {
                return null;
            }
            return "リンク「" + abbreviate(u) + "」は使えません。リンクに使えるのは https:、http:、mailto: と、サイトの中への相対リンクです。";
        }
        if (lower.startsWith("//")) {
            return "リンク「" + abbreviate(u) + "」はサイトの外を指しています。https: から書くか、サイトの中への相対リンクにしてください。";
        }
        if (lower.startsWith("/")) {
            return "リンク「" + abbreviate(u) + "」は / で始まっています。サイトをどの場所に置いても動くよう、相対リンク（例: ../pages/about.html）にしてください。";
        }
        if (lower.startsWith("#") || lower.isEmpty()) {
            return null;
        }
        String path = QUERY_OR_FRAGMENT.split(u, 2)[0];
        int level = depth;
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                level--;
                if (level < 0) {
                    return "リンク「" + abbreviate(u) + "」は content/ の外を指しています。サイトの中を指すようにしてください。";
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                level++;
            }
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "…" : s;
    }
}

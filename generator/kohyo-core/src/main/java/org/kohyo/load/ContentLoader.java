package org.kohyo.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.kohyo.model.Location;
import org.kohyo.model.Problems;

/**
 * 読み込み — finds and reads the sources under content/: evaluations ({@code evaluations/**.yml}) and
 * free pages ({@code pages/**.md}, Markdown with YAML front matter). Files are read in a stable
 * order; nothing is read from outside content/.
 */
public final class ContentLoader {
    /** Every kind of line break other than a line feed. */
    private static final Pattern BREAKS = Pattern.compile("\r\n?|[\u2028\u2029\u0085]");
    private final ContentRoot root;
    private final YamlReader yaml = new YamlReader();

    public ContentLoader(ContentRoot root) {
        this.root = root;
    }

    public ContentRoot root() {
        return root;
    }

    /** Paths (relative to content/) of every evaluation source, sorted. */
    public List<String> evaluationPaths() {
        return list("evaluations", ".yml", ".yaml");
    }

    /** Paths (relative to content/) of every free page, sorted. */
    public List<String> pagePaths() {
        return list("pages", ".md");
    }

    private List<String> list(String dir, String... suffixes) {
        Path d = root.path().resolve(dir);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(d)) {
            List<String> out = new ArrayList<>();
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                for (String suffix : suffixes) {
                    if (name.endsWith(suffix) && !name.startsWith(".") && root.contains(p)) {
                        out.add(root.relative(p));
                    }
                }
            }
            out.sort(null);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How messages name a source: relative to the site (the directory of site-config.yml). */
    public static String shown(String relative) {
        return "content/" + relative;
    }

    /** Reads the text of a source (UTF-8, CRLF folded), or null with a problem. */
    public String text(String relative, Problems problems) {
        Path p = root.path().resolve(relative);
        try {
            byte[] bytes = Files.readAllBytes(p);
            String s = new String(bytes, StandardCharsets.UTF_8);
            if (s.indexOf('\uFFFD') >= 0) {
                // a replacement character: either written in the source or standing for bytes that are
                // not UTF-8, which the strict decoder tells apart
                s = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            }
            if (s.startsWith("\uFEFF")) {
                s = s.substring(1);
            }
            // every kind of line break becomes \n, as YAML and Markdown readers would see them
            return hasOtherBreaks(s) ? BREAKS.matcher(s).replaceAll("\n") : s;
        } catch (MalformedInputException e) {
            problems.error(Location.of(shown(relative)), null, "文字コードが UTF-8 ではありません。UTF-8 で保存し直してください（Shift_JIS は使えません）。");
            return null;
        } catch (IOException e) {
            problems.error(Location.of(shown(relative)), null, "読めません（" + e.getMessage() + "）。");
            return null;
        }
    }

    private static boolean hasOtherBreaks(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\u2028') >= 0 || s.indexOf('\u2029') >= 0 || s.indexOf('\u0085') >= 0;
    }

    /** Reads an evaluation source as YAML, or null with problems. */
    public YNode evaluation(String relative, Problems problems) {
        String text = text(relative, problems);
        return text == null ? null : yaml.read(shown(relative), text, problems);
    }

    /** A free page's front matter and body. */
    public record PageSource(String relative, YNode.Map frontMatter, String body, int bodyLine) {}

    /** Reads a free page, or null with problems. */
    public PageSource page(String relative, Problems problems) {
        String text = text(relative, problems);
        if (text == null) {
            return null;
        }
        if (!text.startsWith("---\n")) {
            problems.error(new Location(shown(relative), 1, 1), null, "ページの先頭に「---」で囲んだフロントマター（title: …）が必要です。");
            return null;
        }
        int end = text.indexOf("\n---\n", 3);
        if (end < 0 && text.endsWith("\n---")) {
            end = text.length() - 4;
        }
        if (end < 0) {
            problems.error(new Location(shown(relative), 1, 1), null, "フロントマターを閉じる「---」の行がありません。");
            return null;
        }
        String fm = text.substring(4, end + 1);
        YNode node = yaml.read(shown(relative), fm, problems);
        if (node == null) {
            return null;
        }
        if (!(node instanceof YNode.Map map)) {
            problems.error(new Location(shown(relative), 2, 1), null, "フロントマターは「title: …」の形で書いてください。");
            return null;
        }
        int bodyStart = Math.min(text.length(), end + 5);
        int bodyLine = 1 + (int) text.substring(0, bodyStart).chars().filter(c -> c == '\n').count();
        return new PageSource(relative, shift(map, 1), text.substring(bodyStart), bodyLine);
    }

    /** Front matter lines are counted from the file's second line. */
    private static YNode.Map shift(YNode.Map map, int lines) {
        List<YNode.Entry> entries = new ArrayList<>();
        for (YNode.Entry e : map.entries()) {
            entries.add(new YNode.Entry(shift(e.key(), lines), shift(e.value(), lines)));
        }
        return new YNode.Map(entries, shift(map.location(), lines));
    }

    private static YNode shift(YNode n, int lines) {
        if (n instanceof YNode.Scalar s) {
            return shift(s, lines);
        }
        if (n instanceof YNode.Map m) {
            return shift(m, lines);
        }
        YNode.Seq q = (YNode.Seq) n;
        List<YNode> items = new ArrayList<>();
        q.items().forEach(i -> items.add(shift(i, lines)));
        return new YNode.Seq(items, shift(q.location(), lines));
    }

    private static YNode.Scalar shift(YNode.Scalar s, int lines) {
        return new YNode.Scalar(s.text(), s.isNull(), shift(s.location(), lines), s.contentLine() + lines, s.contentColumn());
    }

    private static Location shift(Location l, int lines) {
        return l.line() <= 0 ? l : new Location(l.file(), l.line() + lines, l.column());
    }
}

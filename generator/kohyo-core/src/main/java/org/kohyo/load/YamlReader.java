package org.kohyo.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.kohyo.model.Location;
import org.kohyo.model.Problems;

/**
 * YAML の読み込み — reads YAML into {@link YNode}s with line and column, reporting syntax errors and
 * duplicate keys as problems (never as stack traces).
 */
public final class YamlReader {
    private final YAMLFactory factory = YAMLFactory.builder().build();

    /**
     * Parses one YAML document.
     *
     * @return the root node, or null when the text is not valid YAML (a problem was added)
     */
    public YNode read(String file, String text, Problems problems) {
        String[] lines = text.split("\n", -1);
        try (JsonParser p = factory.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new YNode.Map(List.of(), new Location(file, 1, 1));
            }
            YNode root = readValue(p, file, lines, problems);
            if (p.nextToken() != null) {
                Location at = location(file, p.currentTokenLocation());
                problems.error(at, null, "1つのファイルに YAML の文書が2つ以上あります（「---」の行）。評価書1件は1ファイルにしてください。");
            }
            return root;
        } catch (IOException e) {
            int line = 0;
            int col = 0;
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null) {
                line = jpe.getLocation().getLineNr();
                col = jpe.getLocation().getColumnNr();
            }
            String hint = "インデント（字下げ）、「:」の後の空白、引用符の閉じ忘れを確認してください。";
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
                String problem = m.getProblem() == null ? "" : m.getProblem();
                String context = m.getContext() == null ? "" : m.getContext();
                org.yaml.snakeyaml.error.Mark mark = m.getProblemMark();
                if (m.getContextMark() != null && (problem.contains("end of stream") || problem.contains("stream end"))) {
                    mark = m.getContextMark();
                }
                line = mark.getLine() + 1;
                col = mark.getColumn() + 1;
                if (problem.contains("\\t") || problem.contains("TAB")) {
                    hint = "タブ文字は字下げに使えません。空白で字下げしてください。";
                } else if (context.contains("quoted scalar")) {
                    hint = "引用符（\" または '）が閉じられていません。";
                } else if (problem.contains("mapping values are not allowed")) {
                    hint = "1行に「見出し:」が2つあります。値に「: 」を含めるときは値を引用符で囲み、そうでなければ字下げを確認してください。";
                } else if (problem.contains("expected <block end>")) {
                    hint = "字下げがそろっていません。同じ階層の見出しは同じ字下げにしてください。";
                } else if (context.contains("flow sequence") || context.contains("flow mapping")) {
                    hint = "「[」または「{」が閉じられていません。";
                }
            }
            problems.error(new Location(file, line, col), null, "YAML として読めません。" + hint);
            return null;
        }
    }

    private YNode readValue(JsonParser p, String file, String[] lines, Problems problems) throws IOException {
        JsonToken t = p.currentToken();
        Location at = location(file, p.currentTokenLocation());
        if (p instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser y && (y.isCurrentAlias() || y.getCurrentAnchor() != null)) {
            // an alias would copy a node (perhaps a withheld one) somewhere else, silently: not allowed
            problems.error(at, null, "YAML のアンカー（&）とエイリアス（*）は使えません。値はそれぞれの場所に書いてください。");
        }
        switch (t) {
            case START_OBJECT: {
                List<YNode.Entry> entries = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    Location keyAt = location(file, p.currentTokenLocation());
                    String name = p.currentName();
                    YNode.Scalar key = new YNode.Scalar(name, false, keyAt, keyAt.line(), keyAt.column());
                    p.nextToken();
                    YNode value = readValue(p, file, lines, problems);
                    if (!seen.add(name)) {
                        problems.error(keyAt, name, "同じ見出しが同じ場所に2回書かれています。1つにまとめてください。");
                        continue;
                    }
                    entries.add(new YNode.Entry(key, value));
                }
                return new YNode.Map(entries, at);
            }
            case START_ARRAY: {
                List<YNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(p, file, lines, problems));
                }
                return new YNode.Seq(items, at);
            }
            case VALUE_NULL:
                return new YNode.Scalar("", true, at, at.line(), at.column());
            default: {
                String text = p.getText();
                int contentLine = at.line();
                int contentColumn = at.column();
                if (at.line() >= 1 && at.line() <= lines.length) {
                    String raw = lines[at.line() - 1];
                    int c = Math.max(0, at.column() - 1);
                    if (c < raw.length() && (raw.charAt(c) == '|' || raw.charAt(c) == '>')) {
                        contentLine = at.line() + 1;
                        contentColumn = indentOf(lines, at.line());
                    } else if (c < raw.length() && (raw.charAt(c) == '"' || raw.charAt(c) == '\'')) {
                        contentColumn = at.column() + 1;
                    }
                }
                return new YNode.Scalar(text == null ? "" : text, false, at, contentLine, contentColumn);
            }
        }
    }

    private static int indentOf(String[] lines, int zeroBasedNext) {
        for (int i = zeroBasedNext; i < lines.length; i++) {
            String l = lines[i];
            if (!l.isBlank()) {
                int n = 0;
                while (n < l.length() && l.charAt(n) == ' ') {
                    n++;
                }
                return n + 1;
            }
        }
        return 1;
    }

    private static Location location(String file, JsonLocation loc) {
        if (loc == null) {
            return Location.of(file);
        }
        return new Location(file, loc.getLineNr(), loc.getColumnNr());
    }
}

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
            return readValue(p, file, lines, problems);
        } catch (IOException e) {
            int line = 0;
            int col = 0;
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null) {
                line = jpe.getLocation().getLineNr();
                col = jpe.getLocation().getColumnNr();
            }
            String reason = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            problems.error(new Location(file, line, col), null,
                    "YAML として読めません。インデント（字下げ）、「:」の後の空白、引用符の閉じ忘れを確認してください。（" + reason + "）");
            return null;
        }
    }

    private YNode readValue(JsonParser p, String file, String[] lines, Problems problems) throws IOException {
        JsonToken t = p.currentToken();
        Location at = location(file, p.currentTokenLocation());
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

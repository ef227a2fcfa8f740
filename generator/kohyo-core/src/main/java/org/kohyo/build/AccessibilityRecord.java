package org.kohyo.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohyo.load.YNode;
import org.kohyo.load.YamlReader;
import org.kohyo.model.Problems;

/**
 * アクセシビリティ試験の記録 (content/accessibility.yml): label → value pairs, and an optional
 * 「ページの種類ごとの結果」 list of [kind, pages, problems]. Written by the browser tests.
 */
record AccessibilityRecord(Map<String, String> fields, List<List<String>> results) {
    static final String RESULTS_KEY = "ページの種類ごとの結果";

    static AccessibilityRecord read(org.kohyo.load.ContentRoot content, String name) {
        Path file = content.path().resolve(name);
        // read only what really lies inside content/ (no symbolic link out of it)
        if (!Files.isRegularFile(file) || !content.contains(file)) {
            return new AccessibilityRecord(Map.of(), List.of());
        }
        try {
            Problems problems = new Problems();
            YNode root = new YamlReader().read(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8), problems);
            Map<String, String> fields = new LinkedHashMap<>();
            List<List<String>> results = new ArrayList<>();
            if (root instanceof YNode.Map m) {
                for (YNode.Entry e : m.entries()) {
                    if (e.key().text().equals(RESULTS_KEY) && e.value() instanceof YNode.Seq seq) {
                        for (YNode row : seq.items()) {
                            if (row instanceof YNode.Seq cells) {
                                List<String> r = new ArrayList<>();
                                cells.items().forEach(c -> r.add(c instanceof YNode.Scalar s ? s.text() : ""));
                                if (r.size() == 3) {
                                    results.add(r);
                                }
                            }
                        }
                    } else if (e.value() instanceof YNode.Scalar s) {
                        fields.put(e.key().text(), s.text());
                    }
                }
            }
            return new AccessibilityRecord(fields, results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

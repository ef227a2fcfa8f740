package org.kohyo.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * 検索索引の設定.
 *
 * @param synonymLines     synonym lines (Solr format): kohyo's default followed by the site's
 * @param postingsPerTerm  the most documents kept per term in the static index (best scores first)
 * @param targetShardBytes the size a term shard should stay under; the shard count follows from it
 * @param docsPerShard     documents per doc-table shard
 * @param snippetChars     the longest passage (code points) that a result's snippet shows (see {@link Passages})
 * @param luceneBodyWords  also put the body into the Lucene word field {@code w} (kuromoji words with synonyms);
 *                         off by default: it costs a second kuromoji pass over every body (about 4 MB/s)
 */
public record SearchConfig(
        List<String> synonymLines,
        int postingsPerTerm,
        int targetShardBytes,
        int docsPerShard,
        int snippetChars,
        boolean luceneBodyWords) {

    /** The shipped default synonyms (org/kohyo/index/synonyms-ja.txt). */
    public static final String DEFAULT_SYNONYMS = "synonyms-ja.txt";

    public SearchConfig {
        synonymLines = List.copyOf(synonymLines);
        if (postingsPerTerm < 1 || targetShardBytes < 256 || docsPerShard < 1 || snippetChars < 1) {
            throw new IllegalArgumentException("search config out of range");
        }
    }

    /** kohyo's defaults with the shipped synonyms. */
    public static SearchConfig defaults() {
        return new SearchConfig(defaultSynonymLines(), 120, 512, 2, 100, false);
    }

    /** The shipped synonym lines. */
    public static List<String> defaultSynonymLines() {
        try (InputStream in = SearchConfig.class.getResourceAsStream(DEFAULT_SYNONYMS)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_SYNONYMS);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** These settings with the lines of a site synonym file (UTF-8) appended. */
    public SearchConfig withSiteSynonyms(Path file) throws IOException {
        List<String> lines = new ArrayList<>(synonymLines);
        lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
        return withSynonymLines(lines);
    }

    public SearchConfig withSynonymLines(List<String> lines) {
        return new SearchConfig(lines, postingsPerTerm, targetShardBytes, docsPerShard, snippetChars, luceneBodyWords);
    }

    public SearchConfig withPostingsPerTerm(int n) {
        return new SearchConfig(synonymLines, n, targetShardBytes, docsPerShard, snippetChars, luceneBodyWords);
    }

    public SearchConfig withTargetShardBytes(int n) {
        return new SearchConfig(synonymLines, postingsPerTerm, n, docsPerShard, snippetChars, luceneBodyWords);
    }

    public SearchConfig withLuceneBodyWords(boolean on) {
        return new SearchConfig(synonymLines, postingsPerTerm, targetShardBytes, docsPerShard, snippetChars, on);
    }
}

package org.kohyo.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.store.FSDirectory;

/**
 * 公開した Lucene 索引 — opens the Lucene index that a build publishes at {@code search/lucene/}:
 * one plain Lucene 9.12 index per partition ({@code p0/}, {@code p1/} … see
 * {@link SearchIndexBuilder#partitions}), read together as one {@link MultiReader}. For server-side
 * search in a vendor's own application: {@code new IndexSearcher(PublishedIndex.open(dir))}.
 */
public final class PublishedIndex {
    private PublishedIndex() {}

    /** The partitions under {@code luceneDir}, in name order, as one reader (closing it closes them). */
    public static IndexReader open(Path luceneDir) throws IOException {
        List<Path> parts;
        try (Stream<Path> s = Files.list(luceneDir)) {
            parts = s.filter(Files::isDirectory).sorted().toList();
        }
        List<IndexReader> readers = new ArrayList<>();
        try {
            for (Path p : parts) {
                readers.add(DirectoryReader.open(FSDirectory.open(p)));
            }
        } catch (IOException | RuntimeException e) {
            for (IndexReader r : readers) {
                r.close();
            }
            throw e;
        }
        return new MultiReader(readers.toArray(new IndexReader[0]), true);
    }
}

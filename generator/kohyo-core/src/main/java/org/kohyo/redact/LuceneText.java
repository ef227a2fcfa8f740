package org.kohyo.redact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene の索引の中身を文字列に — a Lucene index compresses its stored fields and keeps its terms in
 * an FST, so a byte scan cannot see withheld text in it. This opens the index and hands every
 * stored field and every term, one at a time, to the leak verifier, which never holds them all.
 */
final class LuceneText {
    private LuceneText() {}

    /** Whether {@code dir} holds a Lucene index. */
    static boolean isIndex(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("segments_"));
        }
    }

    /** For each segment, gives every stored field value and then every term to {@code record}, in index order. */
    static void forEachText(Path dir, Consumer<String> record) throws IOException {
        try (FSDirectory d = FSDirectory.open(dir); DirectoryReader r = DirectoryReader.open(d)) {
            for (LeafReaderContext ctx : r.leaves()) {
                LeafReader leaf = ctx.reader();
                StoredFields stored = leaf.storedFields();
                for (int i = 0; i < leaf.maxDoc(); i++) {
                    Document doc = stored.document(i);
                    for (IndexableField f : doc.getFields()) {
                        if (f.stringValue() != null) {
                            record.accept(f.stringValue());
                        }
                    }
                }
                for (FieldInfo fi : leaf.getFieldInfos()) {
                    Terms terms = leaf.terms(fi.name);
                    if (terms == null) {
                        continue;
                    }
                    TermsEnum te = terms.iterator();
                    BytesRef t;
                    while ((t = te.next()) != null) {
                        record.accept(t.utf8ToString());
                    }
                }
            }
        }
    }
}

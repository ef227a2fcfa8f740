package org.kohyo.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** The term cursor behind the term-record computation, for all terms and for a subset (later: incremental builds). */
class TermCursorTest {

    private static void withField(String text, CursorTest test) throws IOException {
        try (Directory dir = new ByteBuffersDirectory();
             IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new WhitespaceAnalyzer()))) {
            Document d = new Document();
            d.add(new TextField("f", text, Field.Store.NO));
            w.addDocument(d);
            w.commit();
            try (DirectoryReader r = DirectoryReader.open(dir)) {
                test.run(r.leaves().get(0).reader());
            }
        }
    }

    private interface CursorTest {
        void run(LeafReader leaf) throws IOException;
    }

    @Test
    void everyTermInOrderOnlySteps() throws IOException {
        withField("bb dd aa cc", leaf -> {
            SearchIndexBuilder.TermCursor c = new SearchIndexBuilder.TermCursor(leaf.terms("f"));
            for (String t : List.of("aa", "bb", "cc", "dd")) {
                assertTrue(c.seek(new BytesRef(t)), t);
                assertEquals(1, c.terms.docFreq(), t);
                c.advance();
            }
            assertNull(c.current);
        });
    }

    @Test
    void aSubsetSeeksPastAbsentTerms() throws IOException {
        withField("b d f h", leaf -> {
            SearchIndexBuilder.TermCursor c = new SearchIndexBuilder.TermCursor(leaf.terms("f"));
            assertFalse(c.seek(new BytesRef("a")));
            assertTrue(c.seek(new BytesRef("d"))); // skips b
            assertEquals(new BytesRef("d"), c.terms.term());
            c.advance();
            assertFalse(c.seek(new BytesRef("e")));
            assertFalse(c.seek(new BytesRef("g"))); // skips f, stops at h
            assertTrue(c.seek(new BytesRef("h")));
            c.advance();
            assertFalse(c.seek(new BytesRef("z")));
            assertNull(c.current);
        });
    }

    @Test
    void aMissingFieldHasNoTerms() throws IOException {
        withField("a", leaf -> assertFalse(new SearchIndexBuilder.TermCursor(leaf.terms("nope")).seek(new BytesRef("a"))));
    }
}

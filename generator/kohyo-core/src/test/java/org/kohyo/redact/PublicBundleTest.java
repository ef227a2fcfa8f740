package org.kohyo.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohyo.build.BuildReport;
import org.kohyo.index.StaticSearcher;

/**
 * (b) A public build: no output file (HTML, JSON, binary shards, the zip and its entries, gzip
 * content, file names) contains any withheld text, and no withheld word can be found through the
 * static search index or the Lucene index. The full edition of the same site is the control: there
 * the same checks do find the words, so the checks have teeth.
 */
class PublicBundleTest {
    @TempDir
    static Path dir;
    static Path site;
    static Path full;
    static BuildReport report;

    @BeforeAll
    static void build() throws Exception {
        Path config = WithheldSite.copyTo(dir);
        report = WithheldSite.build(config, Edition.PUBLIC);
        site = report.output();
        full = WithheldSite.build(config, Edition.FULL).output();
    }

    @Test
    void theBuildRanTheLeakCheckAndCountedTheParts() {
        assertNotNull(report.leakCheck(), "every public build runs the leak verifier");
        assertTrue(report.leakCheck().startsWith("問題なし"), report.leakCheck());
        // evaluations: 5 items, 2 blocks, 2 spans; the free page: 1 span
        assertEquals(List.of(5, 2, 3), List.of(report.withheld()[0], report.withheld()[1], report.withheld()[2]));
        assertEquals(-1, WithheldSite.rareIndex(report.summary()), "the build log shows no withheld text");
    }

    @Test
    void noOutputFileContainsWithheldText() throws IOException {
        List<WithheldSite.Text> texts = new ArrayList<>(WithheldSite.texts(site));
        WithheldSite.open("site.zip", Files.readAllBytes(report.zip()), texts);
        assertTrue(texts.stream().anyMatch(t -> t.name().startsWith("site.zip!/")), "the zip was opened");
        assertTrue(texts.stream().anyMatch(t -> t.name().contains("/t/") || t.name().contains("facets.bin")),
                "the binary search shards were read");
        int notices = 0;
        for (WithheldSite.Text t : texts) {
            int i = WithheldSite.rareIndex(t.text());
            assertEquals(-1, i, () -> "withheld character in " + t.name());
            String folded = WithheldSite.fold(t.text());
            assertEquals(-1, WithheldSite.rareIndex(folded), () -> "withheld character (escaped) in " + t.name());
            for (String w : WithheldSite.WITHHELD) {
                assertFalse(folded.contains(WithheldSite.fold(w)), () -> "withheld text in " + t.name());
            }
            if (t.name().equals("evaluations/test-zenkomoku.html")) {
                notices = t.text().split(WithheldSite.NOTICE, -1).length - 1;
            }
        }
        assertTrue(notices >= 9, "every withheld part of the evaluation shows the notice: " + notices);
    }

    @Test
    void theReasonsAreNotPublishedEither() throws IOException {
        for (WithheldSite.Text t : WithheldSite.texts(site)) {
            assertFalse(t.text().contains("設置場所の特定につながるため"), () -> "a reason in " + t.name());
            assertFalse(t.text().contains("非公表部分（理由"), () -> "a revealed label in " + t.name());
        }
    }

    @Test
    void withheldWordsAreNotFoundThroughTheStaticIndex() throws IOException {
        try (StaticSearcher publicIndex = StaticSearcher.open(site, manifest(site));
             StaticSearcher fullIndex = StaticSearcher.open(full, manifest(full))) {
            assertFalse(publicIndex.search("児童手当", 10).isEmpty(), "public words are found");
            int foundInFull = 0;
            for (String w : WithheldSite.WITHHELD_WORDS) {
                List<StaticSearcher.Hit> hits = publicIndex.search(w, 10);
                assertTrue(hits.isEmpty(), () -> "withheld word " + w + " is findable: " + hits);
                if (!fullIndex.search(w, 10).isEmpty()) {
                    foundInFull++;
                }
            }
            assertTrue(foundInFull >= WithheldSite.WITHHELD_WORDS.size() - 2,
                    "control: the full edition's index finds the withheld words (" + foundInFull + ")");
            for (StaticSearcher.Hit h : publicIndex.search("児童手当 ネットワーク 監視 設置", 20)) {
                assertEquals(-1, WithheldSite.rareIndex(String.valueOf(h.snippet()) + h.title() + h.affair()), "snippet leaks");
            }
        }
    }

    @Test
    void theLuceneIndexHasNoTermAndNoStoredValueOfWithheldText() throws IOException {
        assertEquals(0, luceneLeaks(site.resolve("search/lucene")), "public Lucene index");
        assertTrue(luceneLeaks(full.resolve("search/lucene")) > 0, "control: the full edition's Lucene index has the words");
    }

    /** Terms and stored values with a withheld-only character, over every field. */
    private static int luceneLeaks(Path lucene) throws IOException {
        assertTrue(Files.isDirectory(lucene), lucene.toString());
        int leaks = 0;
        int terms = 0;
        try (org.apache.lucene.index.IndexReader r = org.kohyo.index.PublishedIndex.open(lucene)) {
            for (LeafReaderContext ctx : r.leaves()) {
                LeafReader leaf = ctx.reader();
                for (FieldInfo fi : leaf.getFieldInfos()) {
                    Terms t = leaf.terms(fi.name);
                    if (t == null) {
                        continue;
                    }
                    TermsEnum te = t.iterator();
                    BytesRef b;
                    while ((b = te.next()) != null) {
                        terms++;
                        String term = b.utf8ToString();
                        if (WithheldSite.rareIndex(term) >= 0) {
                            leaks++;
                        }
                    }
                }
                StoredFields stored = leaf.storedFields();
                for (int i = 0; i < leaf.maxDoc(); i++) {
                    Document doc = stored.document(i);
                    for (IndexableField f : doc.getFields()) {
                        String v = f.stringValue();
                        if (v != null && WithheldSite.rareIndex(WithheldSite.fold(v)) >= 0) {
                            leaks++;
                        }
                    }
                }
            }
        }
        assertTrue(terms > 100, "the index has terms: " + terms);
        return leaks;
    }

    static String manifest(Path site) throws IOException {
        try (Stream<Path> s = Files.list(site.resolve("search"))) {
            return "search/" + s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("manifest-") && n.endsWith(".json")).findFirst().orElseThrow();
        }
    }
}

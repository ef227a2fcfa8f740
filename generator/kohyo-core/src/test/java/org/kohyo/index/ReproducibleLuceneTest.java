package org.kohyo.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.StringHelper;
import org.junit.jupiter.api.Test;
import org.kohyo.FileTrees;
import org.junit.jupiter.api.io.TempDir;

/** search/lucene/ is a function of the documents: byte-identical builds, in one JVM and in two. */
class ReproducibleLuceneTest {

    @TempDir
    Path tmp;

    static SearchIndexResult build(List<SearchDocument> docs, Path site) throws IOException {
        Path scratch = Files.createDirectories(site.resolveSibling(site.getFileName() + "-scratch"));
        try (SearchIndexBuilder b = new SearchIndexBuilder(SearchConfig.defaults(), scratch)) {
            for (SearchDocument d : docs) {
                b.add(d);
            }
            return b.finish(site);
        }
    }

    /** More documents than one flush holds, so that the index is merged from several segments. */
    static List<SearchDocument> manySmall(int n) {
        List<SearchDocument> docs = new ArrayList<>();
        String[] words = {"住民基本台帳", "予防接種", "中間サーバー", "個人番号", "監視カメラ", "送付先情報", "地方税"};
        for (int i = 0; i < n; i++) {
            docs.add(new SearchDocument("e/" + i + ".html", "評価書" + i, words[i % words.length] + "に関する事務",
                    "全項目評価書", "第" + (i % 13) + "市長", null, LocalDate.of(2015 + i % 10, 1, 1), List.of("I 基本情報"),
                    words[i % words.length] + "の" + words[(i * 3) % words.length] + "を取り扱う。" + i));
        }
        return docs;
    }

    static void assertSameFiles(Path a, Path b) throws IOException {
        Map<String, byte[]> fa = FileTrees.read(a);
        Map<String, byte[]> fb = FileTrees.read(b);
        assertEquals(fa.keySet(), fb.keySet(), "same Lucene file names");
        assertFalse(fa.isEmpty());
        fa.forEach((k, v) -> assertArrayEquals(v, fb.get(k), k));
    }

    @Test
    void twoBuildsInOneJvmAreByteIdentical() throws IOException {
        List<SearchDocument> docs = TestCorpus.documents();
        build(docs, tmp.resolve("a"));
        StringHelper.randomId(); // whatever else the JVM did with Lucene meanwhile
        build(docs, tmp.resolve("b"));
        assertSameFiles(tmp.resolve("a/search/lucene"), tmp.resolve("b/search/lucene"));
    }

    @Test
    void mergedSegmentsAreByteIdenticalToo() throws IOException {
        List<SearchDocument> docs = manySmall(ReproducibleLucene.FLUSH_DOCS * 2 + 37);
        build(docs, tmp.resolve("m1"));
        build(docs, tmp.resolve("m2"));
        assertSameFiles(tmp.resolve("m1/search/lucene"), tmp.resolve("m2/search/lucene"));
        try (Directory dir = FSDirectory.open(tmp.resolve("m1/search/lucene/p0"))) {
            SegmentInfos sis = SegmentInfos.readLatestCommit(dir);
            assertEquals(1, sis.size());
            assertEquals(ReproducibleLucene.STABLE_DIAGNOSTICS, sis.info(0).info.getDiagnostics().keySet());
        }
    }

    @Test
    void differentDocumentsGetDifferentIds() throws IOException {
        build(manySmall(20), tmp.resolve("x"));
        build(manySmall(21), tmp.resolve("y"));
        try (Directory x = FSDirectory.open(tmp.resolve("x/search/lucene/p0"));
                Directory y = FSDirectory.open(tmp.resolve("y/search/lucene/p0"))) {
            assertFalse(Arrays.equals(SegmentInfos.readLatestCommit(x).info(0).info.getId(),
                    SegmentInfos.readLatestCommit(y).info(0).info.getId()));
        }
    }

    @Test
    void theIndexPassesCheckIndexAndSearches() throws IOException {
        List<SearchDocument> docs = TestCorpus.documents();
        SearchIndexResult r = build(docs, tmp.resolve("c"));
        Path lucene = tmp.resolve("c/search/lucene/p0");
        try (Directory dir = FSDirectory.open(lucene)) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            try (CheckIndex check = new CheckIndex(dir)) {
                check.setDoSlowChecks(true);
                check.setInfoStream(new PrintStream(log, true, StandardCharsets.UTF_8));
                CheckIndex.Status status = check.checkIndex();
                assertTrue(status.clean, log.toString(StandardCharsets.UTF_8));
                assertEquals(docs.size(), status.segmentInfos.get(0).maxDoc);
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertEquals(docs.size(), reader.numDocs());
                IndexSearcher s = new IndexSearcher(reader);
                assertEquals(1, s.count(new TermQuery(new Term("url", docs.get(0).url()))));
                assertTrue(s.count(new TermQuery(new Term("g_body", "接種"))) > 0);
            }
            for (SegmentCommitInfo sci : SegmentInfos.readLatestCommit(dir)) {
                Map<String, String> diag = sci.info.getDiagnostics();
                assertTrue(ReproducibleLucene.STABLE_DIAGNOSTICS.containsAll(diag.keySet()), diag.toString());
                assertTrue(diag.containsKey("lucene.version"), diag.toString());
                assertFalse(sci.info.getUseCompoundFile());
            }
        }
        assertEquals(r.luceneBytes(), FileTrees.read(lucene).values().stream().mapToLong(b -> b.length).sum());
    }

    @Test
    void idsStraddlingAChunkBoundaryAreReplaced() throws IOException {
        byte[] id = StringHelper.randomId();
        byte[] fresh = new byte[StringHelper.ID_LENGTH];
        Arrays.fill(fresh, (byte) 7);
        byte[] body = new byte[ReproducibleLucene.CHUNK * 2 + 100];
        Arrays.fill(body, (byte) 1);
        int[] at = {0, ReproducibleLucene.CHUNK - 5, ReproducibleLucene.CHUNK + 11, body.length - StringHelper.ID_LENGTH};
        for (int p : at) {
            System.arraycopy(id, 0, body, p, id.length);
        }
        try (Directory dir = new ByteBuffersDirectory()) {
            try (IndexOutput out = dir.createOutput("f", IOContext.DEFAULT)) {
                out.writeBytes(body, body.length);
                CodecUtil.writeFooter(out);
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ReproducibleLucene.copy(dir, "f", new byte[][] {id}, new byte[][] {fresh}, got::write);
            byte[] expected = body.clone();
            for (int p : at) {
                System.arraycopy(fresh, 0, expected, p, fresh.length);
            }
            assertArrayEquals(expected, got.toByteArray());
        }
    }

    /** Builds {@code manySmall(args[1])} into {@code args[0]} (for the forked JVMs of the next test). */
    public static void main(String[] args) throws IOException {
        build(manySmall(Integer.parseInt(args[1])), Path.of(args[0]));
    }

    @Test
    void buildsInOtherJvmsAreByteIdentical() throws Exception {
        // several JVMs: per-JVM hash salts (Map.copyOf order) would match by chance in some of them
        List<SearchDocument> docs = manySmall(ReproducibleLucene.FLUSH_DOCS + 3);
        build(docs, tmp.resolve("here"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < 4; i++) {
            Path there = tmp.resolve("there" + i);
            Process p = new ProcessBuilder(java, "-Xmx512m", "-Dfile.encoding=UTF-8", "-cp",
                    System.getProperty("java.class.path"), ReproducibleLuceneTest.class.getName(), there.toString(),
                    Integer.toString(docs.size()))
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("fork.log").toFile()).start();
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "forked build finished");
            assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("fork.log")));
            assertSameFiles(tmp.resolve("here/search/lucene"), there.resolve("search/lucene"));
        }
    }
}

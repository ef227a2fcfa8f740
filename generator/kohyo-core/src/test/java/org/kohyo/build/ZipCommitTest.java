package org.kohyo.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohyo.FileTrees;
import org.kohyo.redact.Edition;

/**
 * The output and the zip change together or not at all: a build whose zip cannot be written or
 * moved into place leaves the previous output and zip as they were, with nothing left beside them.
 */
class ZipCommitTest {
    @TempDir
    Path dir;

    private Path site() throws IOException {
        return SiteBuilderFailureTest.copyMinimal(dir.resolve("site"));
    }

    private static BuildReport build(Path site, Path out, Path zip) throws BuildFailure {
        return new SiteBuilder(2).build(BuildOptions.of(site.resolve("site-config.yml"), Edition.PUBLIC).withOutput(out).withZip(zip));
    }

    /** Every file under the directory that holds the output and the zip, by path. */
    private Map<String, byte[]> published() throws IOException {
        return FileTrees.read(dir.resolve("pub"));
    }

    /** Names in the directory of the output and the zip (a staging directory or temporary zip would show here). */
    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("pub"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Changes the minimal site's evaluation's title, so that the next build writes another output. */
    private static void edit(Path site) throws IOException {
        Path doc = site.resolve("content/evaluations/minimal-juten.yml");
        String text = Files.readString(doc);
        assertTrue(text.contains("評価書名: テスト事務 重点項目評価書"), "the minimal site's title");
        Files.writeString(doc, text.replace("評価書名: テスト事務 重点項目評価書", "評価書名: テスト事務（改めた題名） 重点項目評価書"));
    }

    @Test
    void aZipInsideTheOutputIsRefused() throws IOException {
        Path out = dir.resolve("pub/site");
        BuildFailure failure = assertThrows(BuildFailure.class, () -> build(site(), out, out.resolve("site.zip")));
        assertTrue(failure.getMessage().contains("zip は出力フォルダーの外に書き出してください"), failure.getMessage());
        SiteBuilderFailureTest.assertJapaneseWithoutJava(failure);
        assertTrue(Files.notExists(out), "nothing was written");
    }

    @Test
    void aZipWhereTheOutputsFolderIsIsRefused() throws IOException {
        Path out = dir.resolve("pub/site");
        BuildFailure failure = assertThrows(BuildFailure.class, () -> build(site(), out, dir.resolve("pub")));
        assertTrue(failure.getMessage().contains("zip は出力フォルダーの外に書き出してください"), failure.getMessage());
        assertTrue(Files.notExists(out), "nothing was written");
    }

    @Test
    void aZipThatCannotBeMovedIntoPlaceLeavesTheOutputAndTheZipAsTheyWere() throws Exception {
        Path site = site();
        Path out = dir.resolve("pub/site");
        build(site, out, dir.resolve("pub/site.zip"));
        // where the next zip should go stands a directory with a file in it: moving the zip there fails
        Path blocked = Files.createDirectories(dir.resolve("pub/blocked.zip"));
        Files.writeString(blocked.resolve("keep.txt"), "既にあるファイル");
        Map<String, byte[]> before = published();
        List<String> namesBefore = names();

        edit(site);
        assertThrows(Exception.class, () -> build(site, out, blocked));
        assertTrue(!new String(before.get("site/index.html"), java.nio.charset.StandardCharsets.UTF_8).contains("改めた題名"));
        assertSameFiles(before, published());
        assertEquals(namesBefore, names(), "no staging directory, old output or temporary zip is left");

        // and the next build goes on from there, and shows the change
        build(site, out, dir.resolve("pub/site.zip"));
        assertTrue(Files.readString(out.resolve("index.html")).contains("改めた題名"));
    }

    @Test
    void aZipThatCannotBeWrittenLeavesTheOutputAndTheZipAsTheyWere() throws Exception {
        Path site = site();
        Path out = dir.resolve("pub/site");
        build(site, out, dir.resolve("pub/site.zip"));
        // the zip's folder is a file
        Files.writeString(dir.resolve("pub/not-a-folder"), "ファイル");
        Map<String, byte[]> before = published();
        List<String> namesBefore = names();

        edit(site);
        assertThrows(Exception.class, () -> build(site, out, dir.resolve("pub/not-a-folder/site.zip")));
        assertSameFiles(before, published());
        assertEquals(namesBefore, names(), "no staging directory or temporary zip is left");
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(new TreeMap<>(expected).keySet(), new TreeMap<>(actual).keySet());
        expected.forEach((path, bytes) -> assertArrayEquals(bytes, actual.get(path), path));
    }
}

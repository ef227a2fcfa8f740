package org.kohyo.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohyo.redact.Edition;

/** Two builds of the same sources are byte-identical: every file of the site, and the zip. */
class DeterminismTest {
    @TempDir
    Path tmp;

    @Test
    void twoBuildsOfTheSampleSiteAreByteIdentical() throws BuildFailure, IOException {
        BuildReport a = SampleSite.build(tmp.resolve("a/site"), Edition.PUBLIC);
        BuildReport b = SampleSite.build(tmp.resolve("b/site"), Edition.PUBLIC);
        List<String> filesA = files(a.output());
        List<String> filesB = files(b.output());
        assertEquals(filesA, filesB, "the same files");
        assertTrue(filesA.size() > 10, "a real site was built: " + filesA.size() + " files");
        for (String f : filesA) {
            assertArrayEquals(Files.readAllBytes(a.output().resolve(f)), Files.readAllBytes(b.output().resolve(f)), f);
        }
        assertArrayEquals(Files.readAllBytes(a.zip()), Files.readAllBytes(b.zip()), "site.zip");
    }

    static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}

package org.kohyo.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staged output's commit: all or nothing with what goes alongside it, and never no output at all. */
class StagingDirectoryTest {
    @TempDir
    Path dir;

    private Path previousOutput() throws IOException {
        Path target = Files.createDirectories(dir.resolve("site"));
        Files.writeString(target.resolve("index.html"), "old");
        return target;
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void whenWhatGoesAlongsideFailsThePreviousOutputIsPutBack() throws IOException {
        Path target = previousOutput();
        try (StagingDirectory out = new StagingDirectory(target)) {
            out.write("index.html", "new".getBytes(StandardCharsets.UTF_8));
            assertThrows(IllegalStateException.class, () -> out.commit(() -> {
                throw new IllegalStateException("the zip cannot be placed");
            }));
        }
        assertEquals("old", Files.readString(target.resolve("index.html")));
        assertEquals(List.of("site"), names(), "no staging directory or previous output left beside it");
    }

    @Test
    void whenThePreviousOutputCannotBePutBackTheNewOneStays() throws IOException {
        Path target = previousOutput();
        try (StagingDirectory out = new StagingDirectory(target)) {
            out.write("index.html", "new".getBytes(StandardCharsets.UTF_8));
            assertThrows(IllegalStateException.class, () -> out.commit(() -> {
                // the previous output goes elsewhere meanwhile: it can no longer be moved back
                try (Stream<Path> s = Files.list(dir)) {
                    Path old = s.filter(p -> p.getFileName().toString().startsWith(".site.old-")).findFirst().orElseThrow();
                    Files.move(old, dir.resolve("elsewhere"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                throw new IllegalStateException("the zip cannot be placed");
            }));
        }
        assertEquals("new", Files.readString(target.resolve("index.html")), "an output, rather than none");
    }

    @Test
    void whatAKilledBuildLeftBesideTheOutputIsDeletedByTheNextOne() throws IOException {
        Path target = previousOutput();
        Path oldCopy = Files.createDirectories(dir.resolve(".site.old-1234"));
        Files.writeString(oldCopy.resolve("index.html"), "a previous output, with text withheld since");
        Files.createDirectories(dir.resolve(".site.tmp-5678/evaluations"));
        Files.createDirectories(dir.resolve(".site-full.tmp-9999"));
        try (StagingDirectory out = new StagingDirectory(target)) {
            out.write("index.html", "new".getBytes(StandardCharsets.UTF_8));
            out.commit();
        }
        assertEquals(List.of(".site-full.tmp-9999", "site"), names(), "only this output's leftovers are deleted");
        assertEquals("new", Files.readString(target.resolve("index.html")));
    }
}

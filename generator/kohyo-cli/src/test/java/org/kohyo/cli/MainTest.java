package org.kohyo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: exit codes and messages of the thin layer over the library. */
class MainTest {
    @TempDir
    Path dir;

    /** What one run printed and returned. */
    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The repository's root (its site-config.yml and content/ are the sample site). */
    private static Path repository() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("site-config.yml")) && Files.isDirectory(p.resolve("content/evaluations"))) {
                return p;
            }
        }
        throw new IllegalStateException("the repository's site-config.yml was not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void withoutArgumentsItPrintsUsageAndFailsAsAUsageError() {
        Run r = run();
        assertEquals(2, r.status());
        assertTrue(r.out().contains("kohyo build"), r.out());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Run r = run("build", "--fast");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("不明なオプション --fast"), r.err());
    }

    @Test
    void verifyingABundleThatIsNotThereIsAUsageErrorNamingIt() {
        Path missing = dir.resolve("no-such-site.zip");
        Run r = run("verify", "--config", repository().resolve("site-config.yml").toString(), missing.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("がありません") && r.err().contains(missing.toString()), r.err());
    }

    /**
     * A copy of the sample site (site-config.yml, content/, themes/), so that the build cache the
     * builds write beside site-config.yml is the copy's, not the repository's.
     */
    private Path sampleCopy() throws IOException {
        Path repo = repository();
        Path copy = dir.resolve("sample");
        for (String part : new String[] {"site-config.yml", "content", "themes"}) {
            Path from = repo.resolve(part);
            if (!Files.exists(from)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(from)) {
                for (Path p : s.toList()) {
                    Path to = copy.resolve(repo.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.createDirectories(to.getParent());
                        Files.copy(p, to);
                    }
                }
            }
        }
        return copy.resolve("site-config.yml");
    }

    @Test
    void theSampleSiteBuildsAndItsZipVerifies() throws IOException {
        Path config = sampleCopy();
        Path out = dir.resolve("site");
        Path zip = dir.resolve("site.zip");
        Run build = run("build", "--config", config.toString(), "--output", out.toString(), "--zip", zip.toString(), "--full");
        assertEquals(0, build.status(), build.err());
        assertTrue(build.out().contains("公開版を作成しました"), build.out());
        assertTrue(Files.isRegularFile(out.resolve("index.html")) && Files.isRegularFile(zip));
        Run verify = run("verify", "--config", config.toString(), zip.toString());
        assertEquals(0, verify.status(), verify.err());
    }

    @Test
    void aZipInsideTheOutputIsRefusedWithTheContentErrorStatus() throws IOException {
        Path out = dir.resolve("site");
        Run r = run("build", "--config", sampleCopy().toString(), "--output", out.toString(),
                "--zip", out.resolve("site.zip").toString(), "--full");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("zip は出力フォルダーの外に書き出してください"), r.err());
    }
}

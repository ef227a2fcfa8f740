package org.kohyo.build;

import java.nio.file.Files;
import java.nio.file.Path;
import org.kohyo.redact.Edition;

/** The repository's own sample site (content/ + site-config.yml) and the shared seeds beside it. */
final class SampleSite {
    private SampleSite() {}

    /** The repository root: kohyo-core's tests run in generator/kohyo-core. */
    static Path repository() {
        Path p = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && p != null; i++, p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("site-config.yml")) && Files.isDirectory(p.resolve("content"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root (site-config.yml) not found from " + Path.of("").toAbsolutePath());
    }

    /** ../shared/seeds beside the repository; the tests fail (not skip) without it. */
    static Path seeds() {
        Path s = repository().getParent().resolve("shared/seeds");
        if (!Files.isDirectory(s)) {
            throw new IllegalStateException("the seeds are missing: expected " + s + " (shared/ beside the repository)");
        }
        return s;
    }

    static BuildReport build(Path output, Edition edition) throws BuildFailure {
        BuildOptions o = BuildOptions.of(repository().resolve("site-config.yml"), edition).withOutput(output);
        if (edition == Edition.PUBLIC) {
            o = o.withZip(output.resolveSibling(output.getFileName() + ".zip"));
        }
        return new SiteBuilder().build(o);
    }
}

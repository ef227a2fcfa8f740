package org.kohyo.build;

import java.nio.file.Path;
import org.kohyo.redact.Edition;

/**
 * ビルドの指定.
 *
 * @param config   site-config.yml
 * @param output   the site directory, or null for the default: target/site (public) or target/site-full (full)
 * @param zip      the zip to write, or null for the default: target/site.zip (public); the full edition never has one
 * @param writeZip whether to write a zip at all
 * @param edition  public or full
 * @param progress where progress goes
 */
public record BuildOptions(Path config, Path output, Path zip, boolean writeZip, Edition edition, Progress progress) {
    public static BuildOptions of(Path config, Edition edition) {
        return new BuildOptions(config, null, null, edition == Edition.PUBLIC, edition, Progress.NONE);
    }

    public BuildOptions withOutput(Path dir) {
        return new BuildOptions(config, dir, zip, writeZip, edition, progress);
    }

    public BuildOptions withZip(Path file) {
        return new BuildOptions(config, output, file, file != null, edition, progress);
    }

    public BuildOptions withProgress(Progress p) {
        return new BuildOptions(config, output, zip, writeZip, edition, p);
    }

    public Path outputOrDefault() {
        if (output != null) {
            return output.toAbsolutePath().normalize();
        }
        Path base = config.toAbsolutePath().normalize().getParent().resolve("target");
        return base.resolve(edition == Edition.FULL ? "site-full" : "site");
    }

    /** The zip to write, or null for none. */
    public Path zipOrDefault() {
        // the full edition is never packed for publishing
        if (!writeZip || edition == Edition.FULL) {
            return null;
        }
        if (zip != null) {
            return zip.toAbsolutePath().normalize();
        }
        Path out = outputOrDefault();
        return out.resolveSibling(out.getFileName() + ".zip");
    }
}

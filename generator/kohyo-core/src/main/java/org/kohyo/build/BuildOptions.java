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
 * @param full     whether to ignore the build cache and rebuild everything (差分ビルドをしない)
 */
public record BuildOptions(Path config, Path output, Path zip, boolean writeZip, Edition edition, Progress progress,
                           boolean full) {
    public static BuildOptions of(Path config, Edition edition) {
        return new BuildOptions(config, null, null, edition == Edition.PUBLIC, edition, Progress.NONE, false);
    }

    public BuildOptions withOutput(Path dir) {
        return new BuildOptions(config, dir, zip, writeZip, edition, progress, full);
    }

    public BuildOptions withZip(Path file) {
        return new BuildOptions(config, output, file, file != null, edition, progress, full);
    }

    public BuildOptions withProgress(Progress p) {
        return new BuildOptions(config, output, zip, writeZip, edition, p, full);
    }

    /** The same options, rebuilding everything when {@code full} (the cache is rewritten, not read). */
    public BuildOptions withFull(boolean full) {
        return new BuildOptions(config, output, zip, writeZip, edition, progress, full);
    }

    /**
     * ビルドキャッシュ: beside the sources, never beside the output (it holds withheld text, as the
     * sources do): {@code .kohyo-cache/} next to site-config.yml, one file per edition. It serves
     * the output it was made for only.
     */
    public Path cacheFile() {
        Path dir = config.toAbsolutePath().normalize().getParent().resolve(".kohyo-cache");
        return dir.resolve(edition.name().toLowerCase(java.util.Locale.ROOT) + ".bin");
    }

    /** The search index's build state (passage indexes, see the index package), beside the cache file. */
    public Path indexStateDir() {
        Path c = cacheFile();
        return c.resolveSibling(c.getFileName().toString().replace(".bin", ".index"));
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

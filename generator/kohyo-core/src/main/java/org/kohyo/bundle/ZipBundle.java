package org.kohyo.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * zip の書き出し — the site as one zip, byte-identical for identical input: entries sorted by path,
 * one fixed time stamp, no extra fields. Written beside the target and moved into place.
 */
public final class ZipBundle {
    private static final LocalDateTime FIXED = LocalDateTime.of(2000, 1, 1, 0, 0);

    private ZipBundle() {}

    public static void write(Path siteDir, Path zip) {
        Path tmp = zip.toAbsolutePath().resolveSibling("." + zip.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(tmp.getParent());
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream z = new ZipOutputStream(os)) {
                z.setLevel(9);
                List<Path> files;
                try (Stream<Path> s = Files.walk(siteDir)) {
                    files = s.filter(Files::isRegularFile).sorted((a, b) -> rel(siteDir, a).compareTo(rel(siteDir, b))).toList();
                }
                for (Path f : files) {
                    ZipEntry e = new ZipEntry(rel(siteDir, f));
                    e.setTimeLocal(FIXED);
                    z.putNextEntry(e);
                    Files.copy(f, z);
                    z.closeEntry();
                }
            }
            try {
                Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original failure is what matters
            }
            throw new UncheckedIOException(e);
        }
    }

    private static String rel(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}

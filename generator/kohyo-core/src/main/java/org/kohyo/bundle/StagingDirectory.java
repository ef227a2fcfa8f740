package org.kohyo.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;
import org.kohyo.render.Output;

/**
 * 出力の一時ディレクトリ — a build writes here, beside the target; only when the whole build has
 * succeeded is it moved into place ({@link #commit()}). A failed build leaves the previous output
 * untouched and removes its own staging directory ({@link #close()}).
 */
public final class StagingDirectory implements Output, AutoCloseable {
    private final Path target;
    private final Path staging;
    private boolean committed;

    public StagingDirectory(Path target) {
        this.target = target.toAbsolutePath().normalize();
        this.staging = this.target.resolveSibling("." + this.target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging.getParent());
            removeLeftovers();
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes what a build that was killed (or could not undo a failed commit) left beside the
     * target: staging directories and previous outputs ({@code .NAME.tmp-…}, {@code .NAME.old-…}). A
     * previous output left there may hold text withheld since, and the target's folder may be served.
     */
    private void removeLeftovers() {
        removeLeftovers(target.getParent(), "." + target.getFileName());
    }

    /**
     * Deletes the entries of {@code dir} named {@code name} + ".tmp-…" or ".old-…": what a build that
     * was killed left of a directory or file it replaces by moving (output, zip, index state). Every
     * one is tried; the first failure is thrown after.
     */
    public static void removeLeftovers(Path dir, String name) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        UncheckedIOException failure = null;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(name + ".tmp-") || p.getFileName().toString().startsWith(name + ".old-"))) {
            for (Path p : s) {
                try {
                    deleteTree(p);
                } catch (UncheckedIOException e) {
                    failure = failure == null ? e : failure;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Moves a file into place, replacing what is there (atomically where the file system can). */
    public static void moveReplacing(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    public Path path() {
        return staging;
    }

    public Path target() {
        return target;
    }

    @Override
    public void write(String path, byte[] bytes) {
        Path p = resolve(path);
        try {
            Files.createDirectories(p.getParent());
            // never write through a hard link into the previous output (see #keep)
            Files.deleteIfExists(p);
            Files.write(p, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Keeps a file of the previous output as it is: a hard link to it (a copy where the file system
     * has none). The previous output itself is never written to; {@link #write} replaces a kept file
     * by a new one rather than writing into it.
     */
    public void keep(Path previousRoot, String path) {
        Path p = resolve(path);
        Path from = previousRoot.resolve(path);
        try {
            Files.createDirectories(p.getParent());
            try {
                Files.createLink(p, from);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(from, p, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resolves a site-relative path inside the staging directory, refusing anything that escapes it. */
    public Path resolve(String path) {
        Path p = staging.resolve(path).normalize();
        if (!p.startsWith(staging) || p.equals(staging)) {
            throw new IllegalArgumentException("output path escapes the site: " + path);
        }
        return p;
    }

    /** Moves the staged site into place, replacing the previous output. */
    public void commit() {
        commit(() -> {});
    }

    /**
     * Moves the staged site into place, then runs {@code alongside} (moving the zip into place):
     * when that fails, the previous output is put back and the staged site returns to staging, so
     * the output and what goes with it change together or not at all. The previous output is
     * deleted only after both.
     */
    public void commit(Runnable alongside) {
        try {
            Path old = null;
            if (Files.exists(target)) {
                old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
                move(target, old);
            }
            try {
                move(staging, target);
            } catch (IOException | RuntimeException e) {
                // put the previous output back: a failed build leaves it as it was
                if (old != null) {
                    move(old, target);
                }
                throw e;
            }
            try {
                alongside.run();
            } catch (RuntimeException | Error e) {
                undo(old, e);
                throw e;
            }
            committed = true;
            if (old != null) {
                deleteTree(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Puts the previous output back after {@code alongside} failed, the staged site returning to
     * staging; when the previous output cannot be put back, the new output stays rather than none.
     */
    private void undo(Path old, Throwable failure) {
        try {
            move(target, staging);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
            return;
        }
        if (old == null) {
            return;
        }
        try {
            move(old, target);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
            try {
                move(staging, target);
            } catch (IOException | RuntimeException again) {
                failure.addSuppressed(again);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    @Override
    public void close() {
        if (!committed) {
            deleteTree(staging);
        }
    }

    /** Deletes a directory tree, quietly. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

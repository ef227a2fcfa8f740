package org.kohyo.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * content/ — the directory of sources. Every file a build reads must lie inside it: paths that
 * escape it (「../」, absolute paths, links pointing outside) are refused.
 */
public final class ContentRoot {
    private final Path root;
    private final Path realRoot;

    public ContentRoot(Path root) {
        this.root = root.toAbsolutePath().normalize();
        Path real;
        try {
            real = Files.exists(this.root) ? this.root.toRealPath() : this.root;
        } catch (IOException e) {
            real = this.root;
        }
        this.realRoot = real;
    }

    public Path path() {
        return root;
    }

    /**
     * Resolves {@code reference} relative to the source file {@code fromRelative} (a path relative to
     * the root), or returns null when the result would lie outside the root.
     */
    public Path resolveInside(String fromRelative, String reference) {
        if (reference == null || reference.isBlank() || reference.startsWith("/") || reference.contains("\\")
                || reference.matches("^[A-Za-z]:.*") || reference.contains("\0")) {
            return null;
        }
        Path from = root.resolve(fromRelative).getParent();
        Path p = from.resolve(reference).normalize();
        if (!p.startsWith(root)) {
            return null;
        }
        try {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !p.toRealPath().startsWith(realRoot)) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        return p;
    }

    /** Whether {@code p} really lies inside the root (symbolic links followed). */
    public boolean contains(Path p) {
        try {
            return p.toAbsolutePath().normalize().startsWith(root) && p.toRealPath().startsWith(realRoot);
        } catch (IOException e) {
            return false;
        }
    }

    /** The path of {@code p} relative to the root, with forward slashes, for messages. */
    public String relative(Path p) {
        return root.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}

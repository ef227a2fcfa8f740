package org.kohyo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.stream.Stream;

/** For tests that compare outputs byte for byte: every file of a tree. */
public final class FileTrees {
    private FileTrees() {}

    /** Each regular file under {@code root}: its '/'-separated relative path and its bytes, in path order. */
    public static TreeMap<String, byte[]> read(Path root) throws IOException {
        TreeMap<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }
}

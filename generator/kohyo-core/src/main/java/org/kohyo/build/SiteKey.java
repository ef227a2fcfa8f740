package org.kohyo.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.kohyo.config.SiteConfig;
import org.kohyo.redact.Edition;

/**
 * サイト全体の指紋 — a hash of everything a build's output depends on other than the evaluation
 * sources themselves: kohyo's own code and the JVM it runs on, the edition, site-config.yml, the site's theme and synonym
 * files and every other file under content/ (free pages, accessibility.yml, files that evaluations
 * include). A build cache made under another key is not used (see {@link BuildCache}).
 */
final class SiteKey {
    private SiteKey() {}

    /** The code kohyo runs from: its jar, or its classes directory in a development build. */
    private static final class Generator {
        static final String DIGEST = digestOfCode();
    }

    static String of(Path configFile, SiteConfig config, Edition edition, Set<String> evaluationPaths) {
        MessageDigest md = sha256();
        text(md, "kohyo " + Generator.DIGEST);
        // the JVM too: its Unicode tables (normalization, folding) shape the output and the index
        // (the zip's deflater is checked on its own: see BuildCache.ZipRecord)
        text(md, "jvm " + System.getProperty("java.vendor") + " " + Runtime.version());
        text(md, "edition " + edition.name());
        file(md, "config", configFile);
        if (config.synonyms() != null) {
            file(md, "synonyms", config.synonyms());
        }
        if (config.theme() != null) {
            tree(md, "theme", config.theme(), Set.of());
        }
        tree(md, "content", config.content(), evaluationPaths);
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 of a file's bytes, lower-case hex. */
    static String digestOf(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void tree(MessageDigest md, String role, Path dir, Set<String> skip) {
        text(md, role);
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = new ArrayList<>(s.filter(Files::isRegularFile).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        for (Path p : files) {
            String rel = dir.relativize(p).toString().replace('\\', '/');
            if (!skip.contains(rel)) {
                file(md, rel, p);
            }
        }
    }

    private static void file(MessageDigest md, String name, Path file) {
        text(md, name);
        try {
            text(md, Files.isRegularFile(file) ? digestOf(file) : "(none)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void text(MessageDigest md, String s) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }

    /**
     * kohyo's code and every library it runs with: its own jar or classes directory, and each jar
     * of its class loader (the Maven plugin's realm) or of the class path (the CLI).
     */
    private static String digestOfCode() {
        try {
            CodeSource cs = SiteKey.class.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) {
                return "unknown " + System.nanoTime();
            }
            java.util.TreeSet<Path> code = new java.util.TreeSet<>();
            code.add(Path.of(cs.getLocation().toURI()));
            if (SiteKey.class.getClassLoader() instanceof java.net.URLClassLoader ucl) {
                for (java.net.URL u : ucl.getURLs()) {
                    if ("file".equals(u.getProtocol())) {
                        code.add(Path.of(u.toURI()));
                    }
                }
            }
            for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    code.add(Path.of(entry).toAbsolutePath().normalize());
                }
            }
            MessageDigest md = sha256();
            for (Path where : code) {
                if (Files.isDirectory(where)) {
                    tree(md, "classes " + where, where, Set.of());
                } else if (Files.isRegularFile(where)) {
                    file(md, "jar", where);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (URISyntaxException | RuntimeException e) {
            // no way to know the code: never trust a cache
            return "unknown " + System.nanoTime();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

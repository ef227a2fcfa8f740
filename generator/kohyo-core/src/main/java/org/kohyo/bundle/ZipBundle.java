package org.kohyo.bundle;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.kohyo.work.OrderedWork;

/**
 * zip の書き出し — the site as one zip, byte-identical for identical input: entries sorted by path,
 * every one deflated at level 9 with one fixed time stamp and no extra fields (Zip64 records only
 * when the site has more than 65,535 files or 4 GB).
 *
 * <p>Files are deflated on several threads and written in order. Given the zip that the previous
 * build wrote (a 差分ビルド), a file the build kept from the previous output has its entry copied from
 * that zip as it is, compressed bytes and all, without being read or deflated again (when the
 * entry's size is still the file's): deflating the same bytes the same way gives the same bytes, so
 * the result is the zip a full build writes. A kept file is the previous output's file itself (a hard
 * link), which the build checked against its record, as it checked the zip; files the build wrote
 * are always deflated. The caller passes a previous zip only when it was
 * written by this same kohyo on this same JVM (see the build cache), and says which files were kept
 * and under which path the previous output had them (a kept file may have moved: the static index's
 * generation directory is renamed when the index changes).
 *
 * <p>The zip is written beside its target ({@link Pending}) and moved into place only when the
 * build commits, so a failed build leaves the previous zip as it was.
 */
public final class ZipBundle {
    private static final LocalDateTime FIXED = LocalDateTime.of(2000, 1, 1, 0, 0);
    /** Bytes of files read but not yet written to the zip, at most (one larger file is let through alone). */
    private static final long IN_FLIGHT_BYTES = 32L << 20;

    private ZipBundle() {}

    /** A file of the zip: its path in the zip ('/'-separated) and how to read its bytes. */
    public interface Source {
        String name();

        /**
         * Its path in the previous zip when the file was kept from the previous output (the very
         * bytes that zip entry holds); else null.
         */
        String keptFrom();

        /** The file's size, for the bound on bytes in flight (an estimate is enough). */
        long size();

        byte[] read() throws IOException;
    }

    /** A zip written beside its target: {@link #commit()} moves it into place; {@link #close()} deletes it otherwise. */
    public static final class Pending implements AutoCloseable {
        private final Path tmp;
        private final Path target;
        private final int entries;
        private final int copied;
        private boolean committed;

        private Pending(Path tmp, Path target, int entries, int copied) {
            this.tmp = tmp;
            this.target = target;
            this.entries = entries;
            this.copied = copied;
        }

        /** Entries in the zip. */
        public int entries() {
            return entries;
        }

        /** Entries copied from the previous zip rather than deflated again. */
        public int copied() {
            return copied;
        }

        /** Moves the zip into place, replacing the previous one. */
        public void commit() {
            try {
                StagingDirectory.moveReplacing(tmp, target);
                committed = true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (!committed) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // only disk space
                }
            }
        }
    }

    /**
     * Writes the zip of a site directory beside {@code target}.
     *
     * @param previous the zip the previous build wrote, to copy unchanged entries from, or null
     * @param keptFrom a file's path in the previous output by its file key (inode) when the build
     *                 kept it from there, else null
     * @param threads  threads that deflate
     */
    public static Pending prepare(Path siteDir, Path target, Path previous, Function<Object, String> keptFrom, int threads) {
        List<Source> sources = new ArrayList<>();
        try {
            Files.walkFileTree(siteDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        sources.add(fileSource(rel(siteDir, file), file, attrs.size(), keptFrom.apply(attrs.fileKey())));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sources.sort((a, b) -> a.name().compareTo(b.name()));
        return prepare(sources, target, previous, threads);
    }

    /** Writes a zip of the sources, in their order, beside {@code target}. */
    public static Pending prepare(List<Source> sources, Path target, Path previous, int threads) {
        Path tmp = target.toAbsolutePath().resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        boolean done = false;
        try {
            Files.createDirectories(tmp.getParent());
            try {
                // the temporary zips of builds that were killed
                StagingDirectory.removeLeftovers(tmp.getParent(), "." + target.getFileName());
            } catch (UncheckedIOException e) {
                // leftovers only cost disk space
            }
            int copied = write(sources, tmp, previous, Math.max(1, threads));
            done = true;
            return new Pending(tmp, target, sources.size(), copied);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure is what matters
                }
            }
        }
    }

    /** One file ready for the zip: deflated now, or to be copied from the previous zip. */
    private record Ready(String name, long size, long crc, byte[] deflated, ZipArchiveEntry copy) {}

    private static int write(List<Source> sources, Path tmp, Path previous, int threads) throws IOException {
        ZipFile before = openPrevious(previous);
        int[] copied = {0};
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))) {
            zip.setEncoding("UTF-8");
            zip.setUseLanguageEncodingFlag(true);
            zip.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
            zip.setUseZip64(Zip64Mode.AsNeeded);
            Map<String, ZipArchiveEntry> old = new HashMap<>();
            if (before != null) {
                before.getEntries().asIterator().forEachRemaining(e -> old.put(e.getName(), e));
            }
            long fixed = FIXED.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
            // files are read and deflated on the workers, at most 8 per worker and IN_FLIGHT_BYTES of
            // them ahead of this thread (most files are small: a short window leaves workers idle); a copied entry weighs nothing and is not handed to a worker (this thread
            // reads it, from the previous zip, when it writes it)
            OrderedWork.run(sources, threads, 8, s -> copies(old, s) != null ? 0 : Math.max(1, s.size()), IN_FLIGHT_BYTES, s -> {
                ZipArchiveEntry copy = copies(old, s);
                return copy != null ? new Ready(s.name(), copy.getSize(), copy.getCrc(), null, copy) : deflated(s);
            }, r -> {
                ZipArchiveEntry e = new ZipArchiveEntry(r.name());
                e.setMethod(ZipEntry.DEFLATED);
                e.setTime(fixed);
                e.setSize(r.size());
                e.setCrc(r.crc());
                if (r.copy() != null) {
                    e.setCompressedSize(r.copy().getCompressedSize());
                    try (InputStream raw = before.getRawInputStream(r.copy())) {
                        zip.addRawArchiveEntry(e, raw);
                    }
                    copied[0]++;
                } else {
                    e.setCompressedSize(r.deflated().length);
                    zip.addRawArchiveEntry(e, new ByteArrayInputStream(r.deflated()));
                }
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        } finally {
            if (before != null) {
                before.close();
            }
        }
        return copied[0];
    }

    /**
     * The previous zip's entry that a file's entry is copied from: the file was kept, and that entry
     * is deflated and of its size; else null.
     */
    private static ZipArchiveEntry copies(Map<String, ZipArchiveEntry> old, Source s) {
        ZipArchiveEntry candidate = s.keptFrom() == null ? null : old.get(s.keptFrom());
        return candidate != null && candidate.getMethod() == ZipEntry.DEFLATED && candidate.getSize() == s.size() ? candidate : null;
    }

    /** Reads and deflates a file. */
    private static Ready deflated(Source s) throws IOException {
        byte[] bytes = s.read();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return new Ready(s.name(), bytes.length, crc.getValue(), deflate(bytes), null);
    }

    /**
     * A fingerprint of this JVM's deflater: the SHA-256 of a fixed sample (Japanese text and
     * pseudo-random bytes) deflated as entries are. Two deflaters with the same fingerprint are taken
     * to compress alike; a zip written under another fingerprint is not copied from.
     */
    public static String deflaterFingerprint() {
        return Fingerprint.VALUE;
    }

    private static final class Fingerprint {
        static final String VALUE = compute();

        private static String compute() {
            StringBuilder text = new StringBuilder();
            java.util.Random random = new java.util.Random(20261122);
            while (text.length() < 40_000) {
                text.append("特定個人情報ファイルの取扱いについて、").append(random.nextInt(1000)).append("件の記録を保管する。\n");
            }
            byte[] sample = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] noise = new byte[16_384];
            random.nextBytes(noise);
            try {
                java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
                md.update(deflate(sample));
                md.update(deflate(noise));
                return java.util.HexFormat.of().formatHex(md.digest());
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Raw deflate (as zip entries hold it) at level 9. */
    static byte[] deflate(byte[] bytes) {
        Deflater d = new Deflater(9, true);
        try {
            d.setInput(bytes);
            d.finish();
            // enough for what deflate makes of incompressible bytes, so that the buffer is not regrown
            byte[] out = new byte[bytes.length + (bytes.length >>> 10) + 64];
            int n = 0;
            while (!d.finished()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                n += d.deflate(out, n, out.length - n);
            }
            return Arrays.copyOf(out, n);
        } finally {
            d.end();
        }
    }

    private static ZipFile openPrevious(Path previous) {
        if (previous == null || !Files.isRegularFile(previous)) {
            return null;
        }
        try {
            return ZipFile.builder().setPath(previous).get();
        } catch (IOException | RuntimeException e) {
            // unreadable: every entry is deflated again
            return null;
        }
    }

    private static Source fileSource(String name, Path file, long size, String keptFrom) {
        return new Source() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String keptFrom() {
                return keptFrom;
            }

            @Override
            public long size() {
                return size;
            }

            @Override
            public byte[] read() throws IOException {
                return Files.readAllBytes(file);
            }
        };
    }

    private static String rel(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}

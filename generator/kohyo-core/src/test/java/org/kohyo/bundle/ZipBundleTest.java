package org.kohyo.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zip bundle: complete, reproducible, and a 差分ビルド's copy of unchanged entries changes no byte. */
class ZipBundleTest {
    @TempDir
    Path dir;

    /** A small site: pages of Japanese text (they compress), a binary file, an empty file. */
    private static Map<String, byte[]> site() {
        Map<String, byte[]> files = new TreeMap<>();
        for (int i = 0; i < 40; i++) {
            String page = ("<p>児童手当の支給に関する事務 " + i + "。特定個人情報ファイルの取扱いについて記載する。</p>\n").repeat(30 + i);
            files.put("evaluations/doc-" + i + ".html", page.getBytes(StandardCharsets.UTF_8));
        }
        byte[] binary = new byte[5000];
        new java.util.Random(7).nextBytes(binary);
        files.put("search/lucene/p0/_0.cfs", binary);
        files.put("robots.txt", new byte[0]);
        files.put("index.html", "<h1>評価書の一覧</h1>".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static List<ZipBundle.Source> sources(Map<String, byte[]> files) {
        return sources(files, Map.of());
    }

    /** The files, those in {@code kept} as kept from the previous output under the path given there. */
    private static List<ZipBundle.Source> sources(Map<String, byte[]> files, Map<String, String> kept) {
        List<ZipBundle.Source> out = new ArrayList<>();
        files.forEach((name, bytes) -> out.add(new ZipBundle.Source() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String keptFrom() {
                return kept.get(name);
            }

            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public byte[] read() {
                return bytes.clone();
            }
        }));
        return out;
    }

    private Path zip(String name, Map<String, byte[]> files, Path previous) {
        Path target = dir.resolve(name);
        try (ZipBundle.Pending p = ZipBundle.prepare(sources(files), target, previous, 2)) {
            p.commit();
        }
        return target;
    }

    private static Map<String, byte[]> read(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                try (var in = z.getInputStream(e)) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    @Test
    void theZipHoldsEveryFileInNameOrderAndTheJdkReadsIt() throws IOException {
        Map<String, byte[]> files = site();
        Map<String, byte[]> back = read(zip("site.zip", files, null));
        assertEquals(new ArrayList<>(files.keySet()), new ArrayList<>(back.keySet()), "every file, sorted by name");
        files.forEach((name, bytes) -> assertArrayEquals(bytes, back.get(name), name));
        assertTrue(Files.size(dir.resolve("site.zip")) < files.values().stream().mapToLong(b -> b.length).sum() / 4,
                "the pages are deflated");
    }

    @Test
    void copyingTheKeptFilesEntriesFromThePreviousZipGivesTheBytesOfAFreshOne() throws IOException {
        Map<String, byte[]> files = site();
        Path before = zip("before.zip", files, null);
        Map<String, String> kept = new TreeMap<>();
        files.keySet().forEach(name -> kept.put(name, name));
        files.put("evaluations/doc-3.html", "<p>訂正した評価書</p>".getBytes(StandardCharsets.UTF_8));
        kept.remove("evaluations/doc-3.html");
        files.remove("evaluations/doc-4.html");
        kept.remove("evaluations/doc-4.html");
        files.put("evaluations/doc-new.html", "<p>加わった評価書</p>".getBytes(StandardCharsets.UTF_8));
        // written again with the same name and size and other bytes: deflated, never copied
        byte[] sameSize = files.get("evaluations/doc-5.html").clone();
        sameSize[10] ^= 1;
        files.put("evaluations/doc-5.html", sameSize);
        kept.remove("evaluations/doc-5.html");
        // kept, but now under another path (as when the static index's generation directory is renamed)
        files.put("search/i-2/_0.cfs", files.remove("search/lucene/p0/_0.cfs"));
        kept.remove("search/lucene/p0/_0.cfs");
        kept.put("search/i-2/_0.cfs", "search/lucene/p0/_0.cfs");

        Path fresh = zip("fresh.zip", files, null);
        Path target = dir.resolve("copied.zip");
        int copied;
        try (ZipBundle.Pending p = ZipBundle.prepare(sources(files, kept), target, before, 2)) {
            copied = p.copied();
            assertEquals(files.size(), p.entries());
            p.commit();
        }
        assertArrayEquals(Files.readAllBytes(fresh), Files.readAllBytes(target), "byte-identical to a zip written afresh");
        assertEquals(kept.size(), copied, "every kept file's entry is copied");
        assertEquals(40, copied, "43 files before; one removed, two written again, one added");
        Map<String, byte[]> back = read(target);
        files.forEach((name, bytes) -> assertArrayEquals(bytes, back.get(name), name));
    }

    @Test
    void aKeptFileWhoseEntryHasAnotherSizeIsDeflatedAgain() throws IOException {
        Map<String, byte[]> files = site();
        Path before = zip("before.zip", files, null);
        files.put("index.html", "<h1>評価書の一覧（改）</h1>".getBytes(StandardCharsets.UTF_8));
        try (ZipBundle.Pending p = ZipBundle.prepare(sources(files, Map.of("index.html", "index.html")), dir.resolve("out.zip"), before, 2)) {
            assertEquals(0, p.copied());
            p.commit();
        }
        assertArrayEquals(files.get("index.html"), read(dir.resolve("out.zip")).get("index.html"));
    }

    @Test
    void aDamagedPreviousZipIsNotCopiedFrom() throws IOException {
        Map<String, byte[]> files = site();
        Path fresh = zip("fresh.zip", files, null);
        Path damaged = Files.write(dir.resolve("damaged.zip"), "not a zip".getBytes(StandardCharsets.UTF_8));
        Map<String, String> kept = new TreeMap<>();
        files.keySet().forEach(name -> kept.put(name, name));
        try (ZipBundle.Pending p = ZipBundle.prepare(sources(files, kept), dir.resolve("out.zip"), damaged, 2)) {
            assertEquals(0, p.copied());
            p.commit();
        }
        assertArrayEquals(Files.readAllBytes(fresh), Files.readAllBytes(dir.resolve("out.zip")));
    }

    @Test
    void theZipIsTheSameInEveryTimeZone() throws IOException {
        TimeZone saved = TimeZone.getDefault();
        try {
            List<byte[]> zips = new ArrayList<>();
            for (String zone : List.of("UTC", "Asia/Tokyo", "America/New_York", "Pacific/Chatham")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                zips.add(Files.readAllBytes(zip(zone.replace('/', '-') + ".zip", site(), null)));
            }
            for (byte[] z : zips) {
                assertArrayEquals(zips.get(0), z);
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    /** 10,000 evaluations make about 67,000 files: more than a zip without Zip64 records can list. */
    @Test
    void moreThan65535FilesAreAllInTheZip() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        for (int i = 0; i < 70_000; i++) {
            files.put(String.format("search/t/%05d.json", i), ("{\"t\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        Path zip = zip("many.zip", files, null);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertEquals(70_000, z.size());
            ZipEntry last = z.getEntry("search/t/69999.json");
            try (var in = z.getInputStream(last)) {
                assertEquals("{\"t\":69999}", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aFileThatCannotBeReadLeavesThePreviousZipAndNoTemporaryFile() throws IOException {
        Path target = zip("site.zip", site(), null);
        byte[] before = Files.readAllBytes(target);
        List<ZipBundle.Source> sources = new ArrayList<>(sources(site()));
        sources.add(new ZipBundle.Source() {
            @Override
            public String name() {
                return "zz-unreadable.html";
            }

            @Override
            public String keptFrom() {
                return null;
            }

            @Override
            public long size() {
                return 10;
            }

            @Override
            public byte[] read() throws IOException {
                throw new IOException("disk error");
            }
        });
        assertThrows(UncheckedIOException.class, () -> ZipBundle.prepare(sources, target, target, 2));
        assertArrayEquals(before, Files.readAllBytes(target), "the previous zip is as it was");
        try (Stream<Path> s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temporary zip is left");
        }
    }

    @Test
    void aZipThatIsNotCommittedIsDeleted() throws IOException {
        Path target = dir.resolve("never.zip");
        try (ZipBundle.Pending p = ZipBundle.prepare(sources(site()), target, null, 2)) {
            assertEquals(site().size(), p.entries());
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList(), "neither the zip nor its temporary file");
        }
    }
}

package org.kohyo.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StaticIndexFormatTest {

    @Test
    void termShardCountFollowsTheDocumentCountOnly() {
        assertEquals(1, StaticIndexFormat.termShardCount(0, 512));
        assertEquals(1, StaticIndexFormat.termShardCount(1, 512)); // ceil(320 / 512) = 1
        assertEquals(1, StaticIndexFormat.termShardCount(3, 4096)); // ceil(960 / 4096) = 1
        assertEquals(4, StaticIndexFormat.termShardCount(4, 320)); // exactly a power of two
        assertEquals(8, StaticIndexFormat.termShardCount(5, 320)); // 5 → 8
        assertEquals(4, StaticIndexFormat.termShardCount(4, 512)); // ceil(2.5) = 3 → 4
        assertEquals(2048, StaticIndexFormat.termShardCount(2000, 512));
        assertEquals(1024, StaticIndexFormat.termShardCount(2000, 1024));
        assertEquals(8192, StaticIndexFormat.termShardCount(10_000, 512));
        assertEquals(65536, StaticIndexFormat.termShardCount(1_000_000, 512));
        assertEquals(65536, StaticIndexFormat.termShardCount(Integer.MAX_VALUE, 256));
        assertThrows(IllegalArgumentException.class, () -> StaticIndexFormat.termShardCount(10, 0));
    }

    @Test
    void passageKeyAndChunkPath() {
        // first 12 hex digits of SHA-256 of the url's UTF-8 (checked with Python's hashlib)
        assertEquals("f38ef0a6d2d7", StaticIndexFormat.passageKey("evaluations/sample.html"));
        assertEquals("6562f2980006", StaticIndexFormat.passageKey("評価書/ふじみ野市.html"));
        assertEquals("p/f38ef0a6d2d7-3.json", StaticIndexFormat.passageChunkPath("f38ef0a6d2d7", 3));
    }

    @Test
    void generationNameHashesPathsAndContentDigests() {
        TreeMap<String, String> digests = new TreeMap<>();
        digests.put("t/0.bin", StaticIndexFormat.sha256Hex(new byte[] {0}));
        digests.put("affairs.json", StaticIndexFormat.sha256Hex("[]".getBytes(StandardCharsets.UTF_8)));
        digests.put("d/0.json", StaticIndexFormat.sha256Hex("[[\"a.html\"]]".getBytes(StandardCharsets.UTF_8)));
        assertEquals("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", digests.get("t/0.bin"));
        // path, 0x00, hex digest, '\n' per file in path order (checked with Python's hashlib)
        assertEquals("i-1bd608fc87fa3419", StaticIndexFormat.generationName(digests));
        assertThrows(IllegalArgumentException.class,
                () -> StaticIndexFormat.generationName(new TreeMap<>(Comparator.<String>reverseOrder())));
    }
}

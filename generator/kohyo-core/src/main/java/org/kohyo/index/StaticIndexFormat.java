package org.kohyo.index;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * 静的検索索引の形式 (format "kohyo-search-3"), shared by {@link SearchIndexBuilder},
 * {@link StaticSearcher} and search.js.
 *
 * <pre>
 * search/manifest-HASH.json      the manifest (its name goes into the page)
 * search/i-GEN/t/XXX.bin         term shards; XXX = fnv1a32(UTF-8 term) &amp; (shards-1), lower-case hex,
 *                                zero-padded to the width of shards-1
 * search/i-GEN/d/N.json          doc table shard N: documents N*docsPerShard …, each row
 *                                [url, title, affair|null, kind index, organization, department|null,
 *                                 date|null, first global passage number]
 * search/i-GEN/p/N.json          passage chunk N: JSON array of the passages passagesPerChunk*N …
 * search/i-GEN/f/kind.bin        1 byte per document: index into the manifest's kinds
 * search/i-GEN/f/year.bin        1 byte per document: index into the manifest's years + 1 (0 = none)
 * search/i-GEN/f/org.bin         2 bytes per document: index into orgs.json (u16 LE)
 * search/i-GEN/orgs.json         評価実施機関 names, index order
 * search/i-GEN/affairs.json      事務名 suggestions: [name, hiragana reading, document count]
 * search/lucene/                 the Lucene index
 * </pre>
 * GEN is a hash of every file under i-GEN, so each path names one content forever. The facet
 * columns are separate files so that a filter by 種類 or 公表年 downloads one byte per document, and
 * only a filter by 評価実施機関 downloads org.bin and orgs.json (format 2; format 1 had one facets.bin).
 *
 * <p>Passages (format 3; format 2 kept a 100-character snippet of the document's start in each doc
 * row): the build splits each body into passages ({@link Passages#split}, at most
 * {@code snippetChars} code points, at sentence and line ends). A document's stored passages are
 * its opening passage and every passage some kept posting points to, in text order; all documents'
 * stored passages are numbered globally in doc order and written {@code passagesPerChunk} (manifest)
 * to a file, so stored passage j of document d is global number g = row[7] + j, in chunk
 * floor(g / passagesPerChunk) at index g mod passagesPerChunk. The client shows, for each result,
 * the passage {@link Passages#choose} picks from the query terms' postings (the opening passage, j =
 * 0, when none points anywhere), and marks the query's matches ({@link Passages#marks}).
 *
 * <p>Term shard: varint termCount, then per term in UTF-8 byte order: varint byteLength, the UTF-8
 * term, float32 LE maxScore, varint postingCount, then per posting in doc order: varint docDelta
 * (from the previous doc id, the first from 0), u8 q (1–255), varint passage (0 = none, otherwise
 * the document's stored passage + 1 where the term's body occurrences are densest, the surface
 * forms first, then the readings; ties to the earliest). A posting's score is
 * {@code q / 255 * maxScore}. Varints are unsigned LEB128.
 */
public final class StaticIndexFormat {

    public static final String FORMAT = "kohyo-search-3";

    /** Passages per passage chunk file p/N.json. */
    public static final int PASSAGES_PER_CHUNK = 4;

    private StaticIndexFormat() {}

    /** FNV-1a, 32 bits, over the UTF-8 bytes of the term. */
    public static int fnv1a32(String term) {
        int h = 0x811C9DC5;
        for (byte b : term.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x01000193;
        }
        return h;
    }

    /** The shard of a term, for a power-of-two shard count. */
    public static int shardOf(String term, int shards) {
        return fnv1a32(term) & (shards - 1);
    }

    /** Hex digits used in term shard names. */
    public static int hexWidth(int shards) {
        int w = 1;
        while ((1L << (4 * w)) < shards) {
            w++;
        }
        return w;
    }

    /** The path of a term shard, relative to the generation directory. */
    public static String termShardPath(int shard, int shards) {
        String hex = Integer.toHexString(shard);
        return "t/" + "0".repeat(Math.max(0, hexWidth(shards) - hex.length())) + hex + ".bin";
    }

    /** Reads a varint written by {@link #writeVarint} at {@code pos[0]}, advancing it. */
    static long readVarint(byte[] b, int[] pos) {
        long v = 0;
        int shift = 0;
        while (true) {
            int x = b[pos[0]++] & 0xFF;
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
    }

    static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}

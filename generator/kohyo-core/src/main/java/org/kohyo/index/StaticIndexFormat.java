package org.kohyo.index;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/**
 * 静的検索索引の形式 (format "kohyo-search-4"), shared by {@link SearchIndexBuilder},
 * {@link StaticSearcher} and search.js.
 *
 * <pre>
 * search/manifest-HASH.json      the manifest (its name goes into the page)
 * search/i-GEN/t/XXX.bin         term shards; XXX = fnv1a32(UTF-8 term) &amp; (shards-1), lower-case hex,
 *                                zero-padded to the width of shards-1
 * search/i-GEN/d/N.json          doc table shard N: documents N*docsPerShard …, each row
 *                                [url, title, affair|null, kind index, organization, department|null,
 *                                 date|null, passage key, [stored passage numbers, ascending]]
 * search/i-GEN/p/KEY-C.json      passage chunk C of the document with passage key KEY
 * search/i-GEN/f/kind.bin        1 byte per document: index into the manifest's kinds
 * search/i-GEN/f/year.bin        1 byte per document: index into the manifest's years + 1 (0 = none)
 * search/i-GEN/f/org.bin         2 bytes per document: index into orgs.json (u16 LE)
 * search/i-GEN/orgs.json         評価実施機関 names, index order
 * search/i-GEN/affairs.json      事務名 suggestions: [name, hiragana reading, document count]
 * search/lucene/pNN/             the Lucene index, one plain Lucene 9.12 index per partition (see
 *                                SearchIndexBuilder#partitions; open them together with PublishedIndex)
 * </pre>
 * The facet columns are separate files so that a filter by 種類 or 公表年 downloads one byte per
 * document, and only a filter by 評価実施機関 downloads org.bin and orgs.json (format 2; format 1 had
 * one facets.bin).
 *
 * <p>Generation: GEN is the first 16 hex digits of the SHA-256 over, for each file under i-GEN in
 * sorted order of the relative paths ('/'-separated, all ASCII): the path in UTF-8, a 0x00 byte, the
 * lower-case hex SHA-256 of the file's content, '\n' ({@link #generationName}). Each path names one
 * content forever, and the name follows from the files' own digests (format 4; format 3 hashed the
 * contents themselves).
 *
 * <p>Locality (format 4): nothing is numbered across documents, the term shard count depends on the
 * number of documents only, and BM25 sees each field's average length on a grid
 * ({@link GridStatistics}). So when one document's body is edited (its 評価書名, 事務名, 評価実施機関,
 * 種類 and 公表日 kept, so that its static doc id stays), the files that change are the term shards
 * holding a term of its old or new text, its own doc table shard and passage chunks, the doc table
 * shards and passage chunks of documents that gain or lose a kept posting where the edit moves a
 * term's top-{@code postingsPerTerm} cut, and the manifest (it names the generation). An edit that
 * moves a field's average length to another grid step, or empties a field or fills an empty one
 * (docCount), still changes every score of that field. Format 3 numbered the stored passages of all
 * documents globally and sized the shards by the records' bytes, so one edit changed almost every
 * file.
 *
 * <p>Term shard count: the smallest power of two ≥ ceil(documents × {@value #SHARD_BYTES_PER_DOCUMENT}
 * / targetShardBytes), at least 1 and at most {@value #MAX_TERM_SHARDS} ({@link #termShardCount}); 2,000
 * documents with the default 512 bytes give 2,048 shards, 10,000 give 8,192.
 *
 * <p>Passages (format 3; format 2 kept a 100-character snippet of the document's start in each doc
 * row): the build splits each body into passages ({@link Passages#split}, at most
 * {@code snippetChars} code points, at sentence and line ends), numbered 0, 1, … within the
 * document. A document's stored passages are its opening passage (0; the empty text for an empty
 * body) and every passage some kept posting points to, ascending; row[8] lists their numbers. The passage key row[7] is the first 12
 * lower-case hex digits of the SHA-256 of the document's url in UTF-8 ({@link #passageKey}). The
 * stored passage at index j of row[8] is in p/KEY-C.json with C = floor(j / passagesPerChunk)
 * (manifest), at index j mod passagesPerChunk: each chunk file is the JSON array of the texts of the
 * stored passages C·passagesPerChunk … C·passagesPerChunk + passagesPerChunk − 1 (fewer in the last
 * chunk). So a document's passage files depend on that document and on which of its postings are kept
 * only (format 4; format 3 numbered the stored passages of all documents globally). The client shows,
 * for each result, the passage {@link Passages#choose} picks from the query terms' postings (the
 * opening passage when none points anywhere), and marks the query's matches ({@link Passages#marks}).
 *
 * <p>Term shard: varint termCount, then per term in UTF-8 byte order: varint byteLength, the UTF-8
 * term, float32 LE maxScore, varint postingCount, then per posting in doc order: varint docDelta
 * (from the previous doc id, the first from 0), u8 q (1–255), varint passage (0 = none, otherwise
 * the number within the document + 1 of the passage where the term's body occurrences are densest,
 * the surface forms first, then the readings; ties to the earliest). A posting's score is
 * {@code q / 255 * maxScore}. Varints are unsigned LEB128. Scores are Lucene's BM25 with the
 * collection statistics of {@link GridStatistics}, weighted by field (see {@link SearchIndexBuilder}).
 */
public final class StaticIndexFormat {

    public static final String FORMAT = "kohyo-search-4";

    /** Passages per passage chunk file p/KEY-C.json. */
    public static final int PASSAGES_PER_CHUNK = 4;

    /**
     * Term shard bytes budgeted per document when choosing the shard count: what the records take
     * (about 315 bytes per document at 2,000 and at 10,000 generated evaluations; 1,024 until the fourth
     * session made shards of under 100 bytes, four times as many files as needed).
     */
    public static final int SHARD_BYTES_PER_DOCUMENT = 320;

    /** The most term shards. */
    public static final int MAX_TERM_SHARDS = 65536;

    /** Hex digits of a passage key. */
    public static final int PASSAGE_KEY_HEX = 12;

    /** Hex digits of the generation hash in i-GEN. */
    public static final int GENERATION_HEX = 16;

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

    /**
     * The term shard count for {@code documents} documents: the smallest power of two ≥
     * ceil(documents × {@value #SHARD_BYTES_PER_DOCUMENT} / targetShardBytes), in [1,
     * {@value #MAX_TERM_SHARDS}].
     */
    public static int termShardCount(int documents, int targetShardBytes) {
        if (documents < 0 || targetShardBytes < 1) {
            throw new IllegalArgumentException("documents " + documents + ", targetShardBytes " + targetShardBytes);
        }
        long wanted = ((long) documents * SHARD_BYTES_PER_DOCUMENT + targetShardBytes - 1) / targetShardBytes;
        int shards = 1;
        while (shards < MAX_TERM_SHARDS && shards < wanted) {
            shards <<= 1;
        }
        return shards;
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

    /** A document's passage key: the first 12 lower-case hex digits of the SHA-256 of its url in UTF-8. */
    public static String passageKey(String url) {
        return sha256Hex(url.getBytes(StandardCharsets.UTF_8)).substring(0, PASSAGE_KEY_HEX);
    }

    /** The path of passage chunk {@code chunk} of the document with passage key {@code key}. */
    public static String passageChunkPath(String key, int chunk) {
        return "p/" + key + "-" + chunk + ".json";
    }

    /**
     * The generation directory name "i-GEN" for the files under it, given as relative path ('/'
     * separators) → lower-case hex SHA-256 of the content, in path order.
     */
    public static String generationName(SortedMap<String, String> contentDigests) {
        if (contentDigests.comparator() != null) {
            throw new IllegalArgumentException("paths must be in natural order");
        }
        MessageDigest md = sha256();
        for (Map.Entry<String, String> e : contentDigests.entrySet()) {
            md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(e.getValue().getBytes(StandardCharsets.US_ASCII));
            md.update((byte) '\n');
        }
        return "i-" + HexFormat.of().formatHex(md.digest()).substring(0, GENERATION_HEX);
    }

    /** The lower-case hex SHA-256 of the bytes. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

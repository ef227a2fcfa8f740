package org.kohyo.index;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * 索引の状態 — what a build of the index leaves for the next 差分ビルド (kept in the build cache,
 * never published): per partition the passage index ({@code passages/pNN/}), and in {@code state.bin}
 * what the static index was derived from and what it holds. A later build that finds the same
 * partition count, documents in the same static order and the same gridded statistics for every
 * scored field derives only the term records, shards and passage files that the changed partitions
 * touch; anything else is derived whole (from the partitions, without analysing again).
 *
 * @param partitions     partition count
 * @param urls           the documents' URLs in static doc order
 * @param fieldStats     per scored field: maxDoc, docCount and the gridded sumTotalTermFreq
 * @param stored         each document's stored passages (static doc order)
 * @param generation     the generation directory name (i-GEN)
 * @param digests        path → SHA-256 (hex) of every file under the generation directory
 */
record IndexState(int partitions, List<String> urls, Map<String, long[]> fieldStats, List<BitSet> stored,
                  String generation, SortedMap<String, String> digests) {

    static final String MAGIC = "kohyo-index-state-1";
    static final String FILE = "state.bin";

    /** The passage index of a partition inside a state directory. */
    static Path passages(Path stateDir, String partition) {
        return stateDir.resolve("passages").resolve(partition);
    }

    /** The state in {@code dir}, or null when there is none (or it is of another version). */
    static IndexState read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), 1 << 16))) {
            if (!MAGIC.equals(in.readUTF())) {
                return null;
            }
            int partitions = in.readInt();
            int n = in.readInt();
            List<String> urls = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                urls.add(str(in));
            }
            int nf = in.readInt();
            Map<String, long[]> stats = new TreeMap<>();
            for (int i = 0; i < nf; i++) {
                stats.put(in.readUTF(), new long[] {in.readLong(), in.readLong(), in.readLong()});
            }
            List<BitSet> stored = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                stored.add(BitSet.valueOf(b));
            }
            String generation = in.readUTF();
            int nd = in.readInt();
            TreeMap<String, String> digests = new TreeMap<>();
            for (int i = 0; i < nd; i++) {
                digests.put(str(in), in.readUTF());
            }
            if (!"end".equals(in.readUTF())) {
                return null;
            }
            return new IndexState(partitions, urls, stats, stored, generation, digests);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new GZIPOutputStream(Files.newOutputStream(dir.resolve(FILE)), 1 << 16) {
                    {
                        // the fastest level: written on every build, read once
                        def.setLevel(java.util.zip.Deflater.BEST_SPEED);
                    }
                }, 1 << 16))) {
            out.writeUTF(MAGIC);
            out.writeInt(partitions);
            out.writeInt(urls.size());
            for (String u : urls) {
                str(out, u);
            }
            out.writeInt(fieldStats.size());
            for (Map.Entry<String, long[]> e : fieldStats.entrySet()) {
                out.writeUTF(e.getKey());
                for (long v : e.getValue()) {
                    out.writeLong(v);
                }
            }
            for (BitSet b : stored) {
                byte[] bytes = b.toByteArray();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
            out.writeUTF(generation);
            out.writeInt(digests.size());
            for (Map.Entry<String, String> e : digests.entrySet()) {
                str(out, e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeUTF("end");
        }
    }

    /** Whether a new derivation may start from this state: same partitions, order and statistics. */
    boolean sameBasis(int partitions, List<String> urls, Map<String, long[]> fieldStats) {
        if (this.partitions != partitions || !this.urls.equals(urls) || !this.fieldStats.keySet().equals(fieldStats.keySet())) {
            return false;
        }
        for (Map.Entry<String, long[]> e : fieldStats.entrySet()) {
            if (!java.util.Arrays.equals(e.getValue(), this.fieldStats.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String str(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 20) {
            throw new IOException("state damaged");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}

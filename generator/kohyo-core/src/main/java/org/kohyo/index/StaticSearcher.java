package org.kohyo.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 静的索引の検索 in Java, exactly as search.js does it in the browser, over the same files: for tests,
 * benchmarks and server-side checks.
 *
 * <p>Ranking: for each query variant (see {@link QueryAnalyzer}) with n terms, a document's variant
 * score is {@code sum * (c/n) * (c/n)} where sum adds the document's posting scores over the
 * variant's terms (in term order) and c counts the terms it has; its score is the best variant
 * score. Documents rank by score descending, then doc id ascending. Filters keep documents whose
 * 種類, 評価実施機関 and 公表年 equal the given ones.
 */
public final class StaticSearcher implements AutoCloseable {

    /**
     * One result. {@code snippet} is the passage shown (see {@link Passages}); {@code marks} the
     * ranges [start, end) of it to highlight; {@code passage} its number within the document (0 =
     * the opening passage).
     */
    public record Hit(int id, double score, String url, String title, String affair, String kind,
            String organization, String department, String published, String snippet, int passage,
            List<int[]> marks) {}

    /** Filters; null fields do not filter. */
    public record Filter(String kind, String organization, String year) {
        public static final Filter NONE = new Filter(null, null, null);
    }

    /** Postings of one term: doc ids ascending, scores, passage values (0 = none, else passage + 1). */
    record Postings(int[] ids, double[] scores, int[] passages) {

        /** The passage value for a document, or -1 without a posting. */
        int passageOf(int id) {
            int i = java.util.Arrays.binarySearch(ids, id);
            return i < 0 ? -1 : passages[i];
        }
    }

    private final Path dir;
    private final JsonNode manifest;
    private final QueryAnalyzer analyzer;
    private final int shards;
    private final Map<Integer, Map<String, Postings>> shardCache = new HashMap<>();
    private final Map<Integer, JsonNode> docCache = new HashMap<>();
    private final Map<String, JsonNode> passageCache = new HashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private long bytesRead;
    private final Map<String, Long> bytesByPart = new java.util.TreeMap<>();

    private StaticSearcher(Path manifestFile) throws IOException {
        this.manifest = json.readTree(manifestFile.toFile());
        if (!StaticIndexFormat.FORMAT.equals(manifest.path("format").asText())) {
            throw new IOException("not a " + StaticIndexFormat.FORMAT + " manifest: " + manifestFile);
        }
        bytesRead += Files.size(manifestFile);
        this.dir = manifestFile.getParent().resolve(manifest.get("base").asText());
        this.shards = manifest.get("termShards").asInt();
        Map<String, List<String>> rules = new LinkedHashMap<>();
        for (JsonNode r : manifest.get("synonyms")) {
            List<String> alts = new ArrayList<>();
            r.get(1).forEach(a -> alts.add(a.asText()));
            rules.put(r.get(0).asText(), alts);
        }
        this.analyzer = new QueryAnalyzer(SynonymTable.of(rules));
    }

    /** Opens the static index of a built site. */
    public static StaticSearcher open(Path siteRoot, String manifestPath) throws IOException {
        return new StaticSearcher(siteRoot.resolve(manifestPath));
    }

    /** Bytes of index files read so far (each file once), manifest included. */
    public long bytesRead() {
        return bytesRead;
    }

    /** {@link #bytesRead()} by directory ({@code t/}, {@code d/}, {@code f/}) or file, manifest excluded. */
    public Map<String, Long> bytesReadByPart() {
        return new java.util.TreeMap<>(bytesByPart);
    }

    public QueryAnalyzer analyzer() {
        return analyzer;
    }

    public List<Hit> search(String query, int limit) throws IOException {
        return search(query, Filter.NONE, limit);
    }

    public List<Hit> search(String query, Filter filter, int limit) throws IOException {
        Map<Integer, Double> best = new HashMap<>();
        List<List<String>> variants = analyzer.variants(query);
        List<String> union = new ArrayList<>();
        for (List<String> variant : variants) {
            for (String t : variant) {
                if (!union.contains(t)) {
                    union.add(t);
                }
            }
        }
        for (List<String> variant : variants) {
            Map<Integer, double[]> acc = new HashMap<>();
            for (String term : variant) {
                Postings p = postings(term);
                if (p == null) {
                    continue;
                }
                for (int i = 0; i < p.ids().length; i++) {
                    double[] a = acc.computeIfAbsent(p.ids()[i], k -> new double[2]);
                    a[0] += p.scores()[i];
                    a[1] += 1;
                }
            }
            int n = variant.size();
            for (Map.Entry<Integer, double[]> e : acc.entrySet()) {
                double cov = e.getValue()[1] / n;
                double v = e.getValue()[0] * cov * cov;
                best.merge(e.getKey(), v, Math::max);
            }
        }
        List<Map.Entry<Integer, Double>> ranked = new ArrayList<>(best.entrySet());
        ranked.sort((a, b) -> {
            int c = Double.compare(b.getValue(), a.getValue());
            return c != 0 ? c : Integer.compare(a.getKey(), b.getKey());
        });
        byte[] kinds = filter.kind() == null ? null : read("f/kind.bin");
        byte[] years = filter.year() == null ? null : read("f/year.bin");
        byte[] orgIds = null;
        List<String> orgs = null;
        if (filter.organization() != null) {
            orgIds = read("f/org.bin");
            orgs = new ArrayList<>();
            for (JsonNode o : json.readTree(read("orgs.json"))) {
                orgs.add(o.asText());
            }
        }
        List<Hit> out = new ArrayList<>();
        for (Map.Entry<Integer, Double> e : ranked) {
            int id = e.getKey();
            if (kinds != null && !filter.kind().equals(manifest.get("kinds").get(kinds[id] & 0xFF).asText())) {
                continue;
            }
            if (years != null && ((years[id] & 0xFF) == 0
                    || !filter.year().equals(manifest.get("years").get((years[id] & 0xFF) - 1).asText()))) {
                continue;
            }
            if (orgIds != null && !filter.organization().equals(
                    orgs.get(ByteBuffer.wrap(orgIds).order(ByteOrder.LITTLE_ENDIAN).getShort(id * 2) & 0xFFFF))) {
                continue;
            }
            out.add(hit(id, e.getValue(), variants, union));
            if (out.size() >= limit) {
                break;
            }
        }
        return out;
    }

    private Hit hit(int id, double score, List<List<String>> variants, List<String> union) throws IOException {
        int per = manifest.get("docsPerShard").asInt();
        JsonNode shard = docCache.get(id / per);
        if (shard == null) {
            shard = json.readTree(read("d/" + (id / per) + ".json"));
            docCache.put(id / per, shard);
        }
        JsonNode r = shard.get(id % per);
        // the passage most of the query's terms point to (search.js choosePassage)
        List<Integer> values = new ArrayList<>();
        for (String t : union) {
            Postings p = postings(t);
            int v = p == null ? -1 : p.passageOf(id);
            if (v >= 0) {
                values.add(v);
            }
        }
        int chosen = Passages.choose(values.stream().mapToInt(Integer::intValue).toArray());
        int passage = chosen == 0 ? 0 : chosen - 1;
        String text = passageText(r, passage);
        return new Hit(id, score, r.get(0).asText(), r.get(1).asText(), text(r.get(2)),
                manifest.get("kinds").get(r.get(3).asInt()).asText(), r.get(4).asText(), text(r.get(5)),
                text(r.get(6)), text, passage, Passages.marks(text, variants));
    }

    /**
     * The text of a stored passage of the document with doc-table row {@code row}: its index j in
     * row[8] gives chunk file p/KEY-C.json, C = j / passagesPerChunk, KEY = row[7].
     */
    private String passageText(JsonNode row, int passage) throws IOException {
        JsonNode stored = row.get(8);
        int j = -1;
        for (int i = 0; i < stored.size(); i++) {
            if (stored.get(i).asInt() == passage) {
                j = i;
                break;
            }
        }
        if (j < 0) {
            throw new IOException("passage " + passage + " of " + row.get(0).asText() + " is not stored");
        }
        int k = manifest.get("passagesPerChunk").asInt();
        String path = StaticIndexFormat.passageChunkPath(row.get(7).asText(), j / k);
        JsonNode chunk = passageCache.get(path);
        if (chunk == null) {
            chunk = json.readTree(read(path));
            passageCache.put(path, chunk);
        }
        return chunk.path(j % k).asText("");
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private byte[] read(String rel) throws IOException {
        byte[] b = Files.readAllBytes(dir.resolve(rel));
        bytesRead += b.length;
        int slash = rel.indexOf('/');
        bytesByPart.merge(slash < 0 ? rel : rel.substring(0, slash + 1), (long) b.length, Long::sum);
        return b;
    }

    private Postings postings(String term) throws IOException {
        int s = StaticIndexFormat.shardOf(term, shards);
        Map<String, Postings> shard = shardCache.get(s);
        if (shard == null) {
            shard = parseShard(read(StaticIndexFormat.termShardPath(s, shards)));
            shardCache.put(s, shard);
        }
        return shard.get(term);
    }

    /** Decodes a term shard (see {@link StaticIndexFormat}). */
    static Map<String, Postings> parseShard(byte[] b) {
        int[] pos = {0};
        Map<String, Postings> out = new HashMap<>();
        long n = StaticIndexFormat.readVarint(b, pos);
        for (long t = 0; t < n; t++) {
            int len = (int) StaticIndexFormat.readVarint(b, pos);
            String term = new String(b, pos[0], len, StandardCharsets.UTF_8);
            pos[0] += len;
            float max = ByteBuffer.wrap(b, pos[0], 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
            pos[0] += 4;
            int count = (int) StaticIndexFormat.readVarint(b, pos);
            int[] ids = new int[count];
            double[] scores = new double[count];
            int[] passages = new int[count];
            int prev = 0;
            for (int i = 0; i < count; i++) {
                prev += (int) StaticIndexFormat.readVarint(b, pos);
                ids[i] = prev;
                scores[i] = (b[pos[0]++] & 0xFF) / 255.0 * max;
                passages[i] = (int) StaticIndexFormat.readVarint(b, pos);
            }
            out.put(term, new Postings(ids, scores, passages));
        }
        return out;
    }

    @Override
    public void close() {
        analyzer.close();
    }
}

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseReadingFormFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;

/**
 * The floor (下限) of kohyo's full build: the least that reading and analysing the sources costs with
 * the libraries kohyo must use (jackson-dataformat-yaml, Lucene's Japanese analysis), on this
 * machine, in a fresh JVM, on every core. Nothing here renders, indexes, checks or writes a site, so a
 * real build can only be slower. {@code bench/floor.sh} runs it once per mode.
 *
 * <p>Modes: {@code read} parses every {@code .yml} under the content directory into a tree and
 * collects its strings; {@code bigram} adds one pass of Lucene's cheapest Japanese-capable analysis
 * (CJKAnalyzer: bigrams); {@code words} adds one pass of morphological analysis instead
 * (JapaneseTokenizer, SEARCH mode, as kohyo's word field); {@code words+readings} adds a second pass
 * for kana readings (NORMAL mode + JapaneseReadingFormFilter, as kohyo's reading field);
 * {@code write} is {@code read} plus one file per source with its strings (a page with no markup)
 * into a scratch directory.
 */
public final class Floor {

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: Floor CONTENT_DIR MODE SCRATCH_DIR  (MODE: read|bigram|words|words+readings|write)");
            System.exit(2);
        }
        Path content = Path.of(args[0]);
        String mode = args[1];
        Path scratch = Path.of(args[2]);
        long startedMs = ManagementFactory.getRuntimeMXBean().getUptime();
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(content)) {
            sources = walk.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
        }
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicInteger next = new AtomicInteger();
        AtomicLong chars = new AtomicLong();
        AtomicLong tokens = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
                List<Analyzer> analyzers = analyzers(mode);
                for (int i; (i = next.getAndIncrement()) < sources.size(); ) {
                    List<String> strings = new ArrayList<>();
                    collect(yaml.readTree(sources.get(i).toFile()), strings);
                    for (String s : strings) {
                        chars.addAndGet(s.length());
                        for (Analyzer a : analyzers) {
                            tokens.addAndGet(count(a, s));
                        }
                    }
                    if (mode.equals("write")) {
                        Files.writeString(scratch.resolve(i + ".html"), String.join("\n", strings),
                                StandardCharsets.UTF_8);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        long uptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.printf("floor mode=%s sources=%d chars=%d tokens=%d threads=%d jvm_start_ms=%d uptime_ms=%d%n",
                mode, sources.size(), chars.get(), tokens.get(), threads, startedMs, uptimeMs);
    }

    private static List<Analyzer> analyzers(String mode) {
        return switch (mode) {
            case "read", "write" -> List.of();
            case "bigram" -> List.of(new CJKAnalyzer());
            case "words" -> List.of(words());
            case "words+readings" -> List.of(words(), readings());
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
    }

    private static Analyzer words() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer t = new JapaneseTokenizer(null, true, false, JapaneseTokenizer.Mode.SEARCH);
                return new TokenStreamComponents(t);
            }
        };
    }

    private static Analyzer readings() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer t = new JapaneseTokenizer(null, true, JapaneseTokenizer.Mode.NORMAL);
                return new TokenStreamComponents(t, new JapaneseReadingFormFilter(t, false));
            }
        };
    }

    private static long count(Analyzer analyzer, String text) throws IOException {
        long n = 0;
        try (TokenStream ts = analyzer.tokenStream("f", text)) {
            ts.reset();
            while (ts.incrementToken()) {
                n++;
            }
            ts.end();
        }
        return n;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.asText());
        } else {
            for (JsonNode child : node) {
                collect(child, out);
            }
        }
    }
}

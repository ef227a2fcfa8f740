package org.kohyo.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.CodecUtil;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.SegmentInfoFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.SegmentCommitInfo;
import org.apache.lucene.index.SegmentInfo;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.store.ChecksumIndexInput;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.StringHelper;

/**
 * 再現可能なLucene索引. Makes the Lucene index that {@link SearchIndexBuilder} publishes at
 * {@code search/lucene/} a function of the documents added (in their order) and the Lucene version
 * only, so that two builds of the same sources are byte-identical, in one JVM or in two.
 *
 * <p>Lucene 9.12 puts three kinds of volatile data into an index:
 * <ol>
 *   <li><b>Ids.</b> Every segment, every segment commit and every {@code segments_N} gets a 16-byte id
 *       from {@link StringHelper#randomId()}, a JVM-wide counter seeded randomly at class load (or from
 *       {@code tests.seed}). The segment id is repeated in the header of every file of the segment.
 *       No public API chooses these ids: {@code segments_N} even draws a fresh one on each write.
 *       We therefore do <em>not</em> reseed {@code StringHelper} by reflection (private state, shared
 *       with every other index written in the JVM, deterministic only if no other thread draws an id
 *       meanwhile, and impossible to hold across a streaming build). Instead
 *       {@link #publish} copies the committed index file by file, replaces each id, found with
 *       public API ({@link SegmentInfos#getId()}, {@link SegmentInfo#getId()},
 *       {@link SegmentCommitInfo#getId()}), by one derived from a SHA-256 of the index content with
 *       the ids masked, and writes a fresh footer with {@link CodecUtil#writeFooter} so every checksum
 *       is right. This relies on two properties of the Lucene 9 file formats: ids only appear as raw
 *       16 bytes (in {@link CodecUtil#writeIndexHeader index headers} and in {@code segments_N}),
 *       and each file ends with a {@link CodecUtil} footer whose CRC covers the whole file and is the
 *       only checksum over it. Compound files would break the second (sub-file footers inside a
 *       footer), so they are disabled and rejected. The copy is checked by opening it.</li>
 *   <li><b>Diagnostics and attributes.</b> Each {@code .si} records {@code timestamp}, {@code os*}
 *       and {@code java*}, and writes its diagnostics and attributes in the iteration order of their
 *       maps, which for {@link Map#copyOf} maps differs between JVMs. {@link #codec()} is a
 *       {@link FilterCodec} whose {@link SegmentInfoFormat} writes only {@code lucene.version}
 *       ({@link #STABLE_DIAGNOSTICS}) and the attributes in a JVM-independent order. It keeps the name {@code Lucene912} and
 *       changes nothing else, so the files are plain Lucene912 and any Lucene 9.12 reads them with its
 *       own codec (no custom codec on the reader's class path).</li>
 *   <li><b>Segmentation.</b> Merging bulk-copies compressed stored-field chunks, so the merged
 *       segment's bytes depend on where Lucene flushed, and its name on how many segments there
 *       were. {@link #configure} flushes by document count, never by the RAM estimate (which depends
 *       on the JVM's object layout), merges with {@link LogDocMergePolicy} (document counts, not byte
 *       sizes) on the calling thread ({@link SerialMergeScheduler}). Documents must be added from one
 *       thread.</li>
 * </ol>
 */
final class ReproducibleLucene {

    /**
     * The diagnostics kept. {@code source}, {@code mergeFactor} and {@code mergeMaxNumSegments} are
     * stable too, but {@link SegmentInfo} keeps diagnostics in a {@link Map#copyOf} map, whose
     * iteration order (the order written) changes from one JVM to the next ({@code
     * ImmutableCollections.SALT}) as soon as it holds two entries; so one entry is all we can keep.
     */
    static final Set<String> STABLE_DIAGNOSTICS = Set.of("lucene.version");

    /** Documents buffered before a flush: bounds memory at about this many evaluations' postings. */
    static final int FLUSH_DOCS = 500;

    private ReproducibleLucene() {}

    /**
     * A directory for the build's own files, without fsync: the build makes them again if the machine
     * fails, and the site becomes visible only by the staging directory's rename (see
     * {@code StagingDirectory}), so syncing every index file would only cost time.
     */
    static Directory unsynced(Path dir) throws IOException {
        return new FilterDirectory(FSDirectory.open(dir)) {
            @Override
            public void sync(Collection<String> names) {
                // see above
            }

            @Override
            public void syncMetaData() {
                // see above
            }
        };
    }

    /** The Lucene912 codec, writing only {@link #STABLE_DIAGNOSTICS}. */
    static Codec codec() {
        Codec lucene = new Lucene912Codec();
        SegmentInfoFormat stable = new StableDiagnosticsFormat(lucene.segmentInfoFormat());
        return new FilterCodec(lucene.getName(), lucene) {
            @Override
            public SegmentInfoFormat segmentInfoFormat() {
                return stable;
            }
        };
    }

    /** Sets the codec, flushing, merging and compound-file options that make the segments reproducible. */
    static IndexWriterConfig configure(IndexWriterConfig iwc) {
        LogDocMergePolicy merges = new LogDocMergePolicy();
        merges.setNoCFSRatio(0.0);
        return iwc.setCodec(codec())
                .setMergeScheduler(new SerialMergeScheduler())
                .setMergePolicy(merges)
                .setMaxBufferedDocs(FLUSH_DOCS)
                .setRAMBufferSizeMB(IndexWriterConfig.DISABLE_AUTO_FLUSH)
                .setUseCompoundFile(false);
    }

    /** Writes {@link SegmentInfo}s without their volatile diagnostics. */
    private static final class StableDiagnosticsFormat extends SegmentInfoFormat {
        private final SegmentInfoFormat delegate;

        StableDiagnosticsFormat(SegmentInfoFormat delegate) {
            this.delegate = delegate;
        }

        @Override
        public SegmentInfo read(Directory dir, String segment, byte[] segmentID, IOContext context) throws IOException {
            return delegate.read(dir, segment, segmentID, context);
        }

        @Override
        public void write(Directory dir, SegmentInfo info, IOContext ioContext) throws IOException {
            Map<String, String> diagnostics = new TreeMap<>(info.getDiagnostics());
            diagnostics.keySet().retainAll(STABLE_DIAGNOSTICS);
            if (diagnostics.size() > 1) {
                throw new IllegalStateException("more than one diagnostic would be written in a JVM-dependent order");
            }
            // attributes through putAttribute (a HashMap, iterated in an order fixed by String.hashCode),
            // not the constructor (Map.copyOf, iterated in a per-JVM order)
            SegmentInfo stable = new SegmentInfo(info.dir, info.getVersion(), info.getMinVersion(), info.name,
                    info.maxDoc(), info.getUseCompoundFile(), info.getHasBlocks(), info.getCodec(), diagnostics,
                    info.getId(), Map.of(), info.getIndexSort());
            new TreeMap<>(info.getAttributes()).forEach(stable::putAttribute);
            stable.setFiles(info.files());
            delegate.write(dir, stable, ioContext);
            // the delegate registers the .si file it wrote; the writer tracks files through the original
            info.addFiles(stable.files());
        }
    }

    /**
     * Copies the latest commit of {@code from} to the empty directory {@code to}, every id replaced
     * by a content-derived one, and returns the bytes written. {@code from} must have been written
     * with {@link #configure} and closed.
     */
    static long publish(Directory from, Directory to) throws IOException {
        SegmentInfos commit = SegmentInfos.readLatestCommit(from);
        // ids in a fixed order: segments_N, then per segment its id and its commit id
        List<byte[]> ids = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        ids.add(commit.getId());
        roles.add("segments");
        for (SegmentCommitInfo sci : commit) {
            if (sci.info.getUseCompoundFile()) {
                throw new IllegalStateException("compound segment " + sci.info.name + ": not reproducible");
            }
            ids.add(sci.info.getId());
            roles.add("segment " + sci.info.name);
            if (sci.getId() != null) {
                ids.add(sci.getId());
                roles.add("commit " + sci.info.name);
            }
        }
        byte[][] old = ids.toArray(new byte[0][]);
        byte[][] zeros = new byte[old.length][];
        Arrays.fill(zeros, new byte[StringHelper.ID_LENGTH]);
        TreeSet<String> files = new TreeSet<>(commit.files(true));
        // pass 1: the content with the ids masked determines the new ids
        MessageDigest content = sha256();
        for (String f : files) {
            content.update(f.getBytes(StandardCharsets.UTF_8));
            content.update((byte) 0);
            copy(from, f, old, zeros, content::update);
        }
        byte[] seed = content.digest();
        byte[][] fresh = new byte[old.length][];
        for (int i = 0; i < old.length; i++) {
            MessageDigest md = sha256();
            md.update(seed);
            md.update(roles.get(i).getBytes(StandardCharsets.UTF_8));
            fresh[i] = Arrays.copyOf(md.digest(), StringHelper.ID_LENGTH);
        }
        // pass 2: the same bytes with the new ids, each file with a new footer (checksum)
        long bytes = 0;
        for (String f : files) {
            try (IndexOutput out = to.createOutput(f, IOContext.DEFAULT)) {
                copy(from, f, old, fresh, (b, off, len) -> out.writeBytes(b, off, len));
                CodecUtil.writeFooter(out);
                bytes += out.getFilePointer();
            }
        }
        to.sync(files);
        to.syncMetaData();
        DirectoryReader.open(to).close(); // headers, ids and segments_N agree
        return bytes;
    }

    /** Receives a file's bytes. */
    interface Sink {
        void write(byte[] b, int off, int len) throws IOException;
    }

    static final int CHUNK = 1 << 16;

    /**
     * Streams the file without its footer to {@code sink}, every occurrence of {@code from[i]}
     * replaced by {@code to[i]}, then verifies the footer's checksum of the original.
     */
    static void copy(Directory dir, String name, byte[][] from, byte[][] to, Sink sink) throws IOException {
        int n = StringHelper.ID_LENGTH;
        try (ChecksumIndexInput in = dir.openChecksumInput(name, IOContext.READONCE)) {
            long remaining = in.length() - CodecUtil.footerLength();
            if (remaining < 0) {
                throw new IOException(name + ": too short for a Lucene footer");
            }
            byte[] buf = new byte[CHUNK + n];
            int have = 0; // bytes in buf
            int p = 0; // next position of buf to try as the start of an id
            while (true) {
                int read = (int) Math.min(remaining, buf.length - have);
                in.readBytes(buf, have, read);
                have += read;
                remaining -= read;
                for (; p + n <= have; p++) {
                    p += replaceAt(buf, p, from, to);
                }
                if (remaining == 0) {
                    sink.write(buf, 0, have);
                    break;
                }
                // keep the tail that may hold the start of an id (and any replaced bytes past p)
                int emit = Math.min(p, have);
                sink.write(buf, 0, emit);
                System.arraycopy(buf, emit, buf, 0, have - emit);
                have -= emit;
                p -= emit;
            }
            CodecUtil.checkFooter(in);
        }
    }

    /** Replaces an id starting at {@code p}; returns how many further positions to skip. */
    private static int replaceAt(byte[] bytes, int p, byte[][] from, byte[][] to) {
        int n = StringHelper.ID_LENGTH;
        for (int i = 0; i < from.length; i++) {
            byte[] id = from[i];
            if (bytes[p] == id[0] && Arrays.equals(bytes, p, p + n, id, 0, n)) {
                System.arraycopy(to[i], 0, bytes, p, n);
                return n - 1;
            }
        }
        return 0;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

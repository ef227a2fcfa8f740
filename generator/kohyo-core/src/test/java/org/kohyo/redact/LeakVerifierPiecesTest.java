package org.kohyo.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Binary files are read in every encoding and searched in pieces of bounded size: withheld text is
 * found in each reading, and across the cut between two pieces.
 */
class LeakVerifierPiecesTest {
    private static final String WITHHELD = "鰐鮫データセンター地下三階の鶚鷲ラック列に設置している。";
    private static final String LEAK = "地下三階の鶚鷲ラック列に設置";

    @TempDir
    Path dir;

    private static LeakVerifier verifier() {
        WithheldCatalog catalog = new WithheldCatalog();
        catalog.add("試験評価書", 3, WITHHELD);
        return new LeakVerifier(catalog, "公開の文。");
    }

    @Test
    void aLeakAcrossTheCutBetweenTwoPiecesIsFound() throws IOException {
        // invalid UTF-8 with nowhere better to cut than the limit, which falls inside the leak
        byte[] filler = new byte[LeakVerifier.PIECE - 4];
        Arrays.fill(filler, (byte) 0xff);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(filler);
        b.write(LEAK.getBytes(StandardCharsets.UTF_8));
        b.write(filler);
        Files.write(dir.resolve("big.bin"), b.toByteArray());
        LeakVerifier.Report r = verifier().verify(dir);
        assertEquals(List.of(new LeakVerifier.Finding("big.bin", "試験評価書", 3)), r.findings());
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE", "windows-31j", "EUC-JP"})
    void everyReadingOfABinaryFileIsSearched(String charset) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0xff, 0, (byte) 0xfe, 0});
        b.write(("〔" + LEAK + "〕").getBytes(Charset.forName(charset)));
        b.write(new byte[] {(byte) 0xc0, (byte) 0xff});
        Files.write(dir.resolve("index.bin"), b.toByteArray());
        assertTrue(!verifier().verify(dir).clean(), charset + " reading not searched");
    }

    @Test
    void aCleanBinaryFileIsClean() throws IOException {
        byte[] noise = new byte[3 * LeakVerifier.PIECE];
        new java.util.Random(1).nextBytes(noise);
        Files.write(dir.resolve("noise.bin"), noise);
        LeakVerifier.Report r = verifier().verify(dir);
        assertTrue(r.clean(), () -> r.findings().toString());
        assertEquals(1, r.filesScanned());
    }
}

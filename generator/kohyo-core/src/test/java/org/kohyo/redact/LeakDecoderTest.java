package org.kohyo.redact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written decoding of the leak verifier gives exactly what the regular expressions it
 * replaced gave ({@link RegexDecoder}): on the tricky cases of each step, and on many random texts
 * made of the pieces those steps look for.
 */
class LeakDecoderTest {
    /** Pieces that the decoding steps react to, and text around them. */
    private static final String[] PIECES = {
        "\\", "u", "x", "X", "{", "}", "&", "#", ";", "%", "+", "/", "=", "<", ">", "-", "\"", "'", " ", "\n", "\t",
        "a", "b", "c", "d", "e", "f", "A", "F", "G", "0", "1", "7", "9", "amp;", "lt;", "gt;", "quot;", "apos;", "nbsp;",
        "shy;", "ZeroWidthSpace;", "\\u00", "\\u{", "\\x4", "&#", "&#x", "\\n", "\\\"", "\\/", "%E3%81%82", "%2", "%-0",
        "%-1", "%\uFF11\uFF12", "QUJDREVGR0hJSktMTU5PUA==", "5ZCN5YmN44Gv6bCQ6a6r", "//////////", "data:", ";base64,",
        "<b>", "</p>", "<a href=x>", "鰐", "鮫", "デ", "ｱ", "ﾞ", "\u3000", "\u00A0", "\u00AD", "\u200B", "\uFEFF", "\u0301",
        "\u0345", "\u3099", "\u309B", "\u1161", "\u11A8", "\uAC00", "\u0B47", "\u0B3E", "\u00A8", "\uFF08", "\uFF21",
        "\u2474", "\uFDFA", "\u304B", "\uD800", "\uDC00", "\uD83D\uDE00", "\uFFFD", "\u0000",
    };

    @ParameterizedTest
    @ValueSource(strings = {
        "", "plain text", "鰐鮫データセンター",
        // JSON, JavaScript and CSS escapes
        "\\u9c10\\u9bab", "\\u9C1", "\\\\u0041", "\\u{9c10}", "\\u{110000}", "\\u{1234567}", "\\u{}", "\\u{41", "\\x41\\x4",
        "\\41 B", "\\41\tB", "\\41\nB", "\\1234567", "\\D800 x", "\\n\\\"\\/", "a\\", "\\u005c41",
        // character references
        "&#40860;&#x9bab;", "&#40860&#x9bab", "&#x1234567;", "&#12345678;", "&#1114112;", "&#0;", "&#x;", "&#;", "&amp;lt;",
        "&amp;shy;x", "&AMP;", "&nbsp;x", "&shy;", "&a;", "&abcdefghijabcdefghijabcdefghijab;", "&abcdefghijabcdefghijabcdefghija;",
        "&1a;", "&&amp;", "&",
        // base64 runs
        "QUJDREVGR0hJSktMTU5PUA==", "QUJDREVGR0hJSktMTU5PUA", "QUJDREVGR0hJSktMTU5PUA===", "x/QUJDREVGR0hJSktMTU5PUA==y",
        "QUJDREVGR0hJSktMTU5PUA=QUJDREVGR0hJSktMTU5PUA=", "////////////////", "ABCDEFGHIJKLMNO", "5ZCN5YmN44Gv6bCQ6a6r",
        // percent escapes
        "%E9%B0%90", "100%", "%4", "%-0%41", "%-1", "%+1", "a+b%41", "%\uFF11\uFF12", "%%41",
        // tags
        "<b>鰐</b>鮫", "a<b", "a>b<c", "<<>>", "<a\nhref='x'>鰐</a>\n鮫", "x>\u0338<y>\u0301z", "<\uD800>\uDC00",
        // folding
        "ｱﾞｶﾞ", "Ｔｙｐｅ－２３", "鰐\u00AD鮫\u200B", "e\u0301", "\u1100\u1161\u11A8", "\uFDFA", "①②", "\uD83D\uDE00",
        "\uD800x\uDC00", "\u0B47\u0B3E",
    })
    void eachStepMatchesItsRegularExpression(String text) {
        assertEquals(RegexDecoder.decode(text), LeakDecoder.decode(text), () -> "decoding " + escape(text));
    }

    @Test
    void randomTextsDecodeAsWithTheRegularExpressions() {
        Random r = new Random(20241122L);
        for (int i = 0; i < 30_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(48);
            for (int k = 0; k < n; k++) {
                b.append(PIECES[r.nextInt(PIECES.length)]);
            }
            String text = b.toString();
            assertEquals(RegexDecoder.decode(text), LeakDecoder.decode(text), () -> "decoding " + escape(text));
        }
    }

    @Test
    void binaryReadingsDecodeAsWithTheRegularExpressions() {
        // random bytes read in every way the verifier reads a binary file: the widest mix of characters
        Random r = new Random(7);
        Charset[] readings = {StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
            Charset.forName("windows-31j"), Charset.forName("EUC-JP")};
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[r.nextInt(4000)];
            r.nextBytes(bytes);
            for (Charset c : readings) {
                String text = new String(bytes, c);
                assertEquals(RegexDecoder.decode(text), LeakDecoder.decode(text), () -> "decoding random bytes as " + c);
            }
        }
    }

    @Test
    void dataUrlsAreFoundAsWithTheRegularExpression() {
        String[] cases = {
            "<img src=\"data:image/png;base64,QUJD\">", "data:;base64,QUJD", "data:text/plain;charset=utf-8;base64,5ZCN5YmN",
            "data:text/plain;base64,", "data:x;base64,QUJD data:y;base64,REVG", "data:a b;base64,QUJD", "data:data:;base64,QUJD",
            "data:;base64;base64,QUJD", "data:,;base64,QUJD", "data:;base64,QUJ", "data:;base64,QU=JD", "data:\u00e9;base64,QUJD",
            "data:;BASE64,QUJD", "img-src 'self' data:; connect-src", "data:;base64,QUJD\u0000data:;base64,REVG",
        };
        for (String c : cases) {
            assertDataUrls(c.getBytes(StandardCharsets.ISO_8859_1));
        }
        Random r = new Random(11);
        String[] pieces = {"data:", ";base64,", "QUJD", "REVG", "=", ",", "\"", "'", " ", "\t", "x", "/", "+", ";", "\u00ff"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(20);
            for (int k = 0; k < n; k++) {
                b.append(pieces[r.nextInt(pieces.length)]);
            }
            assertDataUrls(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static void assertDataUrls(byte[] bytes) {
        List<byte[]> expected = RegexDecoder.dataUrls(bytes);
        List<byte[]> found = new ArrayList<>();
        LeakVerifier.dataUrls(bytes, found::add);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertEquals(expected.size(), found.size(), () -> "data: URLs in " + escape(text));
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), found.get(i), "data: URL content in " + escape(text));
        }
    }

    @Test
    void utf8IsRecognisedExactlyWhenItIsValid() {
        Random r = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[r.nextInt(12)];
            r.nextBytes(b);
            if (r.nextBoolean()) {
                // mostly ASCII with a few high bytes: near misses of valid UTF-8
                for (int k = 0; k < b.length; k++) {
                    b[k] = (byte) (r.nextInt(4) == 0 ? b[k] : 'a');
                }
            }
            String s = LeakVerifier.utf8OrNull(b);
            if (RegexDecoder.validUtf8(b)) {
                assertEquals(new String(b, StandardCharsets.UTF_8), s);
            } else {
                assertNull(s);
            }
        }
        assertNotNull(LeakVerifier.utf8OrNull("\uFFFD は有効".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void piecesAreCutWhereNothingStraddlesTheCut() {
        String text = "鰐鮫".repeat(40) + "<b>" + "鰐".repeat(30) + "\\41 " + "鮫".repeat(30);
        int cut = LeakVerifier.cut(text, 0, 100);
        assertEquals(text.indexOf("<b>") + 3, cut, "after the '>'");
        String noTag = "鰐鮫".repeat(40) + "x&#40860; y" + "鰐".repeat(60);
        int cut2 = LeakVerifier.cut(noTag, 0, 100);
        assertEquals(noTag.indexOf(" y"), cut2, "before the space, not inside the reference");
        String nothing = "鰐".repeat(300);
        assertEquals(100, LeakVerifier.cut(nothing, 0, 100), "at the limit when there is no better place");
        assertEquals(300, LeakVerifier.cut(nothing, 200, 100), "the rest when it fits");
        assertTrue(LeakVerifier.cut(text, 0, text.length()) == text.length());
    }

    @Test
    void base64TextIsSearchedAfterTheText() {
        String inner = "鰐鮫データセンター";
        String text = "atob(\"" + Base64.getEncoder().encodeToString(inner.getBytes(StandardCharsets.UTF_8)) + "\")";
        assertTrue(LeakDecoder.decode(text).endsWith(inner));
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }
}

package org.kohyo.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohyo.model.Problems;

/** content/ の外に出ない — {@link ContentRoot#resolveInside} and the loader's listing. */
class ContentRootTest {
    @TempDir
    Path tmp;
    Path content;
    ContentRoot root;

    @BeforeEach
    void site() throws IOException {
        content = Files.createDirectories(tmp.resolve("site/content"));
        Files.createDirectories(content.resolve("evaluations"));
        Files.createDirectories(content.resolve("texts/a"));
        Files.writeString(content.resolve("texts/a/b.md"), "本文", StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve("site/site-config.yml"), "サイト名: x\n", StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve("secret.md"), "外の秘密", StandardCharsets.UTF_8);
        root = new ContentRoot(content);
    }

    Path resolve(String ref) {
        return root.resolveInside("evaluations/x.yml", ref);
    }

    @Test
    void relativePathsInsideContent() {
        assertEquals(content.resolve("texts/a/b.md"), resolve("../texts/a/b.md"));
        assertEquals(content.resolve("evaluations/y.md"), resolve("y.md"));
        assertEquals(content.resolve("evaluations/y.md"), resolve("./y.md"));
        assertEquals(content.resolve("texts/a/b.md"), resolve("../texts/a/../a/b.md"));
        assertEquals(content.resolve("texts/nai.md"), resolve("../texts/nai.md"), "a missing file inside is still inside");
    }

    @Test
    void dotDotOutOfContentIsRefused() {
        assertNull(resolve("../../site-config.yml"));
        assertNull(resolve("../../../secret.md"));
        assertNull(resolve("../texts/../../secret.md"));
        assertNull(resolve("../.."));
        assertNull(resolve("../../content2/x.md"));
    }

    @Test
    void absoluteAndOddPathsAreRefused() {
        assertNull(resolve(tmp.resolve("secret.md").toString()));
        assertNull(resolve(content.resolve("texts/a/b.md").toString()), "absolute even when inside");
        assertNull(resolve("/etc/passwd"));
        assertNull(resolve("C:/Windows/win.ini"));
        assertNull(resolve("..\\..\\secret.md"));
        assertNull(resolve("x\0.md"));
        assertNull(resolve(""));
        assertNull(resolve("  "));
        assertNull(resolve(null));
    }

    @Test
    void symbolicLinkOutOfContentIsRefused() throws IOException {
        Path link = content.resolve("texts/link.md");
        Path dirLink = content.resolve("texts/outside");
        try {
            Files.createSymbolicLink(link, tmp.resolve("secret.md"));
            Files.createSymbolicLink(dirLink, tmp);
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("no symbolic links here");
        }
        assertNull(resolve("../texts/link.md"));
        assertNull(resolve("../texts/outside/secret.md"));
        assertFalse(root.contains(link));
    }

    @Test
    void symbolicLinkInsideContentIsFine() throws IOException {
        Path link = content.resolve("texts/inside.md");
        try {
            Files.createSymbolicLink(link, content.resolve("texts/a/b.md"));
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("no symbolic links here");
        }
        assertEquals(link, resolve("../texts/inside.md"));
        assertTrue(root.contains(link));
    }

    /** A content/ that is itself reached through a symbolic link still works. */
    @Test
    void contentBehindASymbolicLink() throws IOException {
        Path alias = tmp.resolve("alias");
        try {
            Files.createSymbolicLink(alias, tmp.resolve("site"));
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("no symbolic links here");
        }
        ContentRoot viaLink = new ContentRoot(alias.resolve("content"));
        assertEquals(alias.resolve("content/texts/a/b.md"), viaLink.resolveInside("evaluations/x.yml", "../texts/a/b.md"));
        assertNull(viaLink.resolveInside("evaluations/x.yml", "../../site-config.yml"));
    }

    @Test
    void loaderListsOnlySourcesInsideContent() throws IOException {
        Files.writeString(content.resolve("evaluations/b.yml"), "様式: 概要\n", StandardCharsets.UTF_8);
        Files.writeString(content.resolve("evaluations/a.yaml"), "様式: 概要\n", StandardCharsets.UTF_8);
        Files.writeString(content.resolve("evaluations/.hidden.yml"), "様式: 概要\n", StandardCharsets.UTF_8);
        Files.writeString(content.resolve("evaluations/note.txt"), "x", StandardCharsets.UTF_8);
        try {
            Files.createSymbolicLink(content.resolve("evaluations/outside.yml"), tmp.resolve("secret.md"));
        } catch (UnsupportedOperationException | IOException e) {
            // listed without the link then
        }
        assertEquals(List.of("evaluations/a.yaml", "evaluations/b.yml"), new ContentLoader(root).evaluationPaths());
    }

    @Test
    void loaderRefusesShiftJisAndFoldsCrlfAndBom() throws IOException {
        Files.write(content.resolve("evaluations/sjis.yml"), "様式: 概要\n".getBytes("Shift_JIS"));
        Files.write(content.resolve("evaluations/crlf.yml"), "\uFEFF様式: 概要\r\n評価書名: x\r\n".getBytes(StandardCharsets.UTF_8));
        ContentLoader loader = new ContentLoader(root);
        Problems problems = new Problems();
        assertNull(loader.text("evaluations/sjis.yml", problems));
        assertTrue(problems.sorted().get(0).message().contains("UTF-8"));
        assertEquals("様式: 概要\n評価書名: x\n", loader.text("evaluations/crlf.yml", new Problems()));
        YNode.Map m = (YNode.Map) loader.evaluation("evaluations/crlf.yml", new Problems());
        assertEquals("2:1", m.get("評価書名").key().location().line() + ":" + m.get("評価書名").key().location().column());
    }
}

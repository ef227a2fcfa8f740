package org.kohyo.render;

import java.nio.charset.StandardCharsets;

/** 出力先 — where pages and files are written (a staging directory; see the bundle stage). */
public interface Output {
    void write(String path, byte[] bytes);

    default void write(String path, String text) {
        write(path, text.getBytes(StandardCharsets.UTF_8));
    }
}

package org.kohyo.model;

/** 位置 — a place in a source file, for messages: file (relative to the site), 1-based line and column. */
public record Location(String file, int line, int column) {
    public static Location of(String file) {
        return new Location(file, 0, 0);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return file + ":" + line + ":" + Math.max(column, 1);
    }
}

package org.kohyo.build;

/** 進捗 — receives documents done of total during long builds. */
public interface Progress {
    Progress NONE = (stage, done, total) -> { };

    void update(String stage, int done, int total);
}

package org.kohyo.maven;

import org.apache.maven.plugin.logging.Log;
import org.kohyo.build.Progress;
import org.kohyo.build.ProgressLine;

/**
 * 進捗 in the Maven log: a line about every 10% for builds of 500 documents or more, and only when
 * output is a terminal (quiet in CI logs and redirected output).
 */
final class MavenProgress implements Progress {
    private final Log log;
    private final boolean terminal = System.console() != null;
    private final long start = System.nanoTime();
    private int lastDecile = -1;

    MavenProgress(Log log) {
        this.log = log;
    }

    @Override
    public synchronized void update(String stage, int done, int total) {
        if (!terminal || total < 500) {
            return;
        }
        int decile = done * 10 / total;
        if (decile != lastDecile) {
            lastDecile = decile;
            log.info(ProgressLine.format(stage, done, total, (System.nanoTime() - start) / 1e9));
        }
    }
}

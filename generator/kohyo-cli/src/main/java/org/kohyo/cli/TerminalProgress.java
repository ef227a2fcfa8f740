package org.kohyo.cli;

import java.io.PrintStream;
import org.kohyo.build.Progress;

/** 進捗の表示 — done of total, rate and ETA on one terminal line; silent when not a terminal. */
final class TerminalProgress implements Progress {
    private final PrintStream err;
    private final long start = System.nanoTime();
    private long lastPrint;
    private String lastStage = "";

    private TerminalProgress(PrintStream err) {
        this.err = err;
    }

    static Progress forConsole(PrintStream err) {
        return System.console() == null ? Progress.NONE : new TerminalProgress(err);
    }

    @Override
    public synchronized void update(String stage, int done, int total) {
        long now = System.nanoTime();
        if (done < total && now - lastPrint < 200_000_000L && stage.equals(lastStage)) {
            return;
        }
        lastPrint = now;
        lastStage = stage;
        err.print("\r" + org.kohyo.build.ProgressLine.format(stage, done, total, (now - start) / 1e9));
        if (done >= total) {
            err.println();
        }
        err.flush();
    }
}

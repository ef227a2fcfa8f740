package org.kohyo.build;

import java.util.List;
import org.kohyo.model.Problem;

/** ビルドの失敗 — the build stopped; nothing was written to the output. Carries every problem. */
public final class BuildFailure extends Exception {
    private final List<Problem> problems;

    public BuildFailure(String summary, List<Problem> problems) {
        super(summary);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The full report: every problem on its own line, then the summary. */
    public String report() {
        StringBuilder b = new StringBuilder();
        problems.forEach(p -> b.append(p).append('\n'));
        return b.append(getMessage()).toString();
    }
}

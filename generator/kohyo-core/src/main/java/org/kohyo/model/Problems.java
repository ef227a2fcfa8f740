package org.kohyo.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** 問題の一覧 — collects every problem of a build so that all are reported together. */
public final class Problems {
    private final List<Problem> list = new ArrayList<>();
    /** Errors among {@link #list}, counted as they come: validation asks after every item. */
    private int errors;

    public synchronized void add(Problem p) {
        list.add(p);
        if (!p.warning()) {
            errors++;
        }
    }

    public void error(Location at, String label, String message) {
        add(Problem.error(at, label, message));
    }

    public void warning(Location at, String label, String message) {
        add(Problem.warning(at, label, message));
    }

    public synchronized boolean hasErrors() {
        return errors > 0;
    }

    public synchronized int errorCount() {
        return errors;
    }

    public synchronized int warningCount() {
        return list.size() - errors;
    }

    /** All problems, sorted by file, line and column so that reports are stable. */
    public synchronized List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparing((Problem p) -> p.location().file())
                .thenComparingInt(p -> p.location().line())
                .thenComparingInt(p -> p.location().column())
                .thenComparing(Problem::message));
        return copy;
    }
}

package org.kohyo.build;

/** 進捗の1行 — 「評価書 1,200/10,000 件（850 件/秒、残り 約10秒）」. Shared by the CLI and the Maven plugin. */
public final class ProgressLine {
    private ProgressLine() {}

    public static String format(String stage, int done, int total, double seconds) {
        double rate = seconds > 0 ? done / seconds : 0;
        String eta = rate > 0 && done < total ? String.format("、残り 約%d秒", Math.round((total - done) / rate)) : "";
        return String.format("%s %,d/%,d 件（%,.0f 件/秒%s）", stage, done, total, rate, eta);
    }
}

package org.kohyo.build;

import java.nio.file.Path;
import java.util.List;
import org.kohyo.model.Problem;
import org.kohyo.redact.Edition;

/**
 * ビルドの結果.
 *
 * @param edition      which edition
 * @param output       the site directory
 * @param zip          the zip, or null
 * @param documents    evaluation documents
 * @param pages        HTML pages written
 * @param files        files written
 * @param bytes        bytes written
 * @param withheld     withheld parts: items, blocks, spans
 * @param leakCheck    the leak verifier's summary, or null (full edition)
 * @param warnings     warnings
 * @param millis       wall time
 * @param stageMillis  time per stage: load+validate, redact+render, index, verify, bundle
 * @param incremental  what a 差分ビルド redid and kept, or null for a full build
 */
public record BuildReport(Edition edition, Path output, Path zip, int documents, int pages, int files, long bytes,
                          int[] withheld, String leakCheck, List<Problem> warnings, long millis, long[] stageMillis,
                          String incremental) {

    /** The build summary printed by the CLI and the Maven plugin. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append(edition == Edition.FULL ? "全体版（委員会・第三者点検用）" : "公開版").append("を作成しました: ").append(output).append('\n');
        b.append("  評価書 ").append(documents).append(" 件、ページ ").append(pages).append("、ファイル ").append(files)
                .append("（").append(String.format("%,d", bytes)).append(" バイト）\n");
        b.append("  ").append(incremental == null ? "全体をビルドしました" : "差分ビルド: " + incremental).append('\n');
        b.append("  非公表 ").append(withheld[0] + withheld[1] + withheld[2]).append(" か所（項目 ").append(withheld[0])
                .append("、ブロック ").append(withheld[1]).append("、文中 ").append(withheld[2]).append("）\n");
        if (leakCheck != null) {
            b.append("  漏えい検査: ").append(leakCheck).append('\n');
        }
        if (zip != null) {
            b.append("  zip: ").append(zip).append('\n');
        }
        b.append("  警告 ").append(warnings.size()).append(" 件、所要時間 ").append(String.format("%.1f", millis / 1000.0)).append(" 秒");
        b.append(String.format("（読込・検証 %.1f / 除去・表示 %.1f / 索引 %.1f / 検査 %.1f / 出力 %.1f）",
                stageMillis[0] / 1000.0, stageMillis[1] / 1000.0, stageMillis[2] / 1000.0, stageMillis[3] / 1000.0, stageMillis[4] / 1000.0));
        return b.toString();
    }
}

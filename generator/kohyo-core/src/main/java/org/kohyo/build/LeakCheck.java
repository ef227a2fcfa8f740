package org.kohyo.build;

import java.nio.file.Path;
import java.util.List;
import org.kohyo.redact.LeakVerifier;

/**
 * 漏えい検査（単独） — checks an existing bundle (folder or zip) against the sources: reads and
 * validates the sources to learn every withheld part, then runs {@link LeakVerifier} on the bundle.
 */
public final class LeakCheck {
    /** The outcome. */
    public record Result(List<LeakVerifier.Finding> findings, String summary) {
        public boolean clean() {
            return findings.isEmpty();
        }
    }

    public Result verify(Path config, Path bundle) throws BuildFailure {
        LeakVerifier verifier = new SiteBuilder().verifierFor(config);
        LeakVerifier.Report r = verifier.verify(bundle.toAbsolutePath().normalize());
        String summary = r.clean()
                ? "漏えい検査: 問題なし（非公表 " + r.parts() + " か所、照合した断片 " + r.fragments() + "、照合対象外 " + r.unverifiable() + "、ファイル " + r.filesScanned() + "）"
                : "漏えい検査: 非公表の内容が " + r.findings().size() + " 件見つかりました。このサイトを公開しないでください。";
        return new Result(r.findings(), summary);
    }
}

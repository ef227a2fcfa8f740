package org.kohyo.maven;

import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.kohyo.build.BuildFailure;
import org.kohyo.build.BuildOptions;
import org.kohyo.build.BuildReport;
import org.kohyo.build.SiteBuilder;
import org.kohyo.redact.Edition;

/**
 * kohyo:build — builds the site from site-config.yml and content/. The public edition goes to
 * target/site and target/site.zip and is leak-checked; {@code -Dkohyo.edition=full} builds the full
 * edition (委員会・第三者点検用) into target/site-full instead.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true, requiresProject = true)
public final class BuildMojo extends AbstractMojo {
    /** site-config.yml; content/ and themes/ are found beside it. */
    @Parameter(property = "kohyo.config", defaultValue = "${project.basedir}/site-config.yml")
    private File config;

    /** public (公開版) or full (全体版). */
    @Parameter(property = "kohyo.edition", defaultValue = "public")
    private String edition;

    /** Output directory; default target/site (public) or target/site-full (full). */
    @Parameter(property = "kohyo.output")
    private File output;

    /** The zip of the public site; default target/site.zip. */
    @Parameter(property = "kohyo.zip")
    private File zip;

    /**
     * Rebuilds everything, ignoring the build cache (.kohyo-cache/ beside site-config.yml); by
     * default only what depends on the changed sources is rebuilt (差分ビルド).
     */
    @Parameter(property = "kohyo.full", defaultValue = "false")
    private boolean full;

    /** Skips the build. */
    @Parameter(property = "kohyo.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("kohyo: skipped");
            return;
        }
        Edition ed;
        try {
            ed = Edition.parse(edition);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("kohyo.edition は public か full です: " + edition);
        }
        BuildOptions options = BuildOptions.of(config.toPath(), ed).withProgress(new MavenProgress(getLog())).withFull(full);
        if (output != null) {
            options = options.withOutput(output.toPath());
        }
        if (zip != null && ed == Edition.PUBLIC) {
            options = options.withZip(zip.toPath());
        }
        try {
            BuildReport report = new SiteBuilder().build(options);
            report.warnings().forEach(w -> getLog().warn(w.toString()));
            report.summary().lines().forEach(l -> getLog().info(l));
        } catch (BuildFailure f) {
            f.problems().forEach(p -> getLog().error(p.toString()));
            throw new MojoFailureException(f.getMessage());
        } catch (StackOverflowError | OutOfMemoryError e) {
            throw new MojoExecutionException("kohyo: 処理しきれずに止まりました（" + e.getClass().getSimpleName() + "）。出力は書き換えていません。");
        }
    }
}

package org.kohyo.maven;

import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.kohyo.build.BuildFailure;
import org.kohyo.build.SiteBuilder;

/** kohyo:check — validates the sources without writing anything. */
@Mojo(name = "check", threadSafe = true, requiresProject = true)
public final class CheckMojo extends AbstractMojo {
    @Parameter(property = "kohyo.config", defaultValue = "${project.basedir}/site-config.yml")
    private File config;

    @Override
    public void execute() throws MojoFailureException {
        try {
            new SiteBuilder().validate(config.toPath()).forEach(w -> getLog().warn(w.toString()));
            getLog().info("kohyo: エラーはありません。");
        } catch (BuildFailure f) {
            f.problems().forEach(p -> getLog().error(p.toString()));
            throw new MojoFailureException(f.getMessage());
        }
    }
}

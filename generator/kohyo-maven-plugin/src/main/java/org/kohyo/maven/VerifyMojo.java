package org.kohyo.maven;

import java.io.File;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.kohyo.build.BuildFailure;
import org.kohyo.build.LeakCheck;

/** kohyo:verify — checks a built bundle (folder or zip) for withheld text, against the sources. */
@Mojo(name = "verify", threadSafe = true, requiresProject = true)
public final class VerifyMojo extends AbstractMojo {
    @Parameter(property = "kohyo.config", defaultValue = "${project.basedir}/site-config.yml")
    private File config;

    /** The bundle to check: a site folder or a zip. */
    @Parameter(property = "kohyo.bundle", defaultValue = "${project.basedir}/target/site.zip")
    private File bundle;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (!bundle.exists()) {
            throw new MojoExecutionException("確かめるサイトがありません: " + bundle);
        }
        try {
            LeakCheck.Result r = new LeakCheck().verify(config.toPath(), bundle.toPath());
            r.findings().forEach(f -> getLog().error(f.toString()));
            if (!r.clean()) {
                throw new MojoFailureException(r.summary());
            }
            getLog().info(r.summary());
        } catch (BuildFailure f) {
            f.problems().forEach(p -> getLog().error(p.toString()));
            throw new MojoFailureException(f.getMessage());
        }
    }
}

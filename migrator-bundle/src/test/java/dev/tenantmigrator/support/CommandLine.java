package dev.tenantmigrator.support;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs the test application's command line as {@code java -jar} would, with stdout and stderr
 * captured: the streams go into Dropwizard's {@link Cli} and the bundle, as in Dropwizard's own
 * command tests.
 */
public final class CommandLine {

    private CommandLine() {
    }

    /** Runs one command line in a fresh bootstrap; the exit status is 1 when the CLI reports a failure. */
    public static Result run(String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        TestApplication application = new TestApplication(stdOut);
        Bootstrap<TestConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        Cli cli = new Cli(new JarLocation(TestApplication.class), bootstrap, stdOut, err);
        int status = cli.run(arguments).isPresent() ? 1 : 0;
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What the user sees: the exit status and the text on stdout and stderr. */
    public record Result(int status, String out, String err) {
    }
}

package dev.tenantmigrator.support;

import dev.tenantmigrator.dropwizard.cli.ExitStatusException;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Runs an application's command line as {@code java -jar} would, with stdout and stderr captured:
 * the streams go into Dropwizard's {@link Cli} and the bundle, as in Dropwizard's own command tests.
 */
public final class CommandLine {

    private CommandLine() {
    }

    /** Runs one command line of the test application; see {@link #run(Function, String...)}. */
    public static Result run(String... arguments) {
        return run(TestApplication::new, arguments);
    }

    /**
     * Runs one command line in a fresh bootstrap of the application made by {@code application} with
     * the stream its bundles print results to. The exit status is the one an application that
     * overrides {@code onFatalError} with {@link ExitStatusException#statusOf} exits with: 0 without a
     * failure, else the status the failure asks for (1 unless it is an {@link ExitStatusException}).
     */
    public static <C extends Configuration> Result run(Function<PrintStream, Application<C>> application,
                                                       String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        Application<C> app = application.apply(stdOut);
        Bootstrap<C> bootstrap = new Bootstrap<>(app);
        app.initialize(bootstrap);
        Cli cli = new Cli(new JarLocation(app.getClass()), bootstrap, stdOut, err);
        int status = cli.run(arguments).map(ExitStatusException::statusOf).orElse(0);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What the user sees: the exit status and the text on stdout and stderr. */
    public record Result(int status, String out, String err) {
    }
}

package dev.tenantmigrator.example;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One of the service's commands, run as {@code java -jar} would; configuration overrides apply as system properties.
 *
 * @param status the exit status: 0 when the command succeeded, 1 when it failed
 * @param output what it printed, stdout and stderr together
 */
record ServiceCommand(int status, String output) {

    /** Runs the command with {@code overrides} set as system properties for its duration. */
    static ServiceCommand run(List<ConfigOverride> overrides, String... arguments) {
        overrides.forEach(ConfigOverride::addToSystemProperties);
        try {
            return run(arguments);
        } finally {
            overrides.forEach(ConfigOverride::removeFromSystemProperties);
        }
    }

    static ServiceCommand run(String... arguments) {
        NotesApplication application = new NotesApplication();
        Bootstrap<NotesConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cli cli = new Cli(new JarLocation(NotesApplication.class), bootstrap, out, out);
        int status = cli.run(arguments).isPresent() ? 1 : 0;
        return new ServiceCommand(status, out.toString(StandardCharsets.UTF_8));
    }
}

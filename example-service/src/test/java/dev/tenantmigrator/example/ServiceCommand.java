package dev.tenantmigrator.example;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cli cli = new Cli(new JarLocation(NotesApplication.class), Jar.bootstrap(), out, out);
        int status = cli.run(arguments).isPresent() ? 1 : 0;
        return new ServiceCommand(status, out.toString(StandardCharsets.UTF_8));
    }

    /** The names of the commands {@code java -jar example-service.jar} accepts. */
    static Set<String> names() {
        return Jar.bootstrap().getCommands().stream().map(Command::getName).collect(Collectors.toSet());
    }

    /** The service as {@code java -jar} starts it: Dropwizard's own commands (server, check) and the bundle's. */
    private static final class Jar extends NotesApplication {
        static Bootstrap<NotesConfiguration> bootstrap() {
            Jar application = new Jar();
            Bootstrap<NotesConfiguration> bootstrap = new Bootstrap<>(application);
            application.addDefaultCommands(bootstrap);
            application.initialize(bootstrap);
            return bootstrap;
        }
    }
}

package dev.tenantmigrator.example;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.text.StringSubstitutor;

/** The repository's config.yml: the variables it reads, and the configuration a process with a given environment gets. */
final class ConfigYml {

    static final Path PATH = Path.of(ServiceConfig.PATH);

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    private ConfigYml() {
    }

    /** Every {@code ${NAME...}} the file reads. */
    static Set<String> variables() {
        try {
            Matcher variable = VARIABLE.matcher(Files.readString(PATH));
            return variable.results().map(match -> match.group(1)).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration as {@code server} or a command reads it with {@code env} as its environment. */
    static NotesConfiguration readWith(Map<String, String> env) {
        // A property prefix nothing sets: only the environment counts, not a test's -Ddw. overrides.
        YamlConfigurationFactory<NotesConfiguration> factory = new YamlConfigurationFactory<>(NotesConfiguration.class,
            Validators.newValidator(), Jackson.newObjectMapper(), "config-yml-as-deployed");
        try {
            // ${NAME:-default} as NotesApplication's EnvironmentVariableSubstitutor reads it, from env instead of the process's.
            SubstitutingSourceProvider source = new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                new StringSubstitutor(env));
            return factory.build(source, PATH.toString());
        } catch (IOException | ConfigurationException e) {
            throw new AssertionError("config.yml does not read with the environment " + env.keySet() + ": " + e.getMessage(), e);
        }
    }

    static List<Integer> applicationPorts(NotesConfiguration configuration) {
        return ports(server(configuration).getApplicationConnectors());
    }

    static List<Integer> adminPorts(NotesConfiguration configuration) {
        return ports(server(configuration).getAdminConnectors());
    }

    static DefaultServerFactory server(NotesConfiguration configuration) {
        return (DefaultServerFactory) configuration.getServerFactory();
    }

    private static List<Integer> ports(List<ConnectorFactory> connectors) {
        return connectors.stream().map(connector -> ((HttpConnectorFactory) connector).getPort()).toList();
    }
}

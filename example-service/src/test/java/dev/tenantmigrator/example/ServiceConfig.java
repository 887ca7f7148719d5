package dev.tenantmigrator.example;

import dev.tenantmigrator.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import java.nio.file.Path;
import java.util.List;

/** The repository's config.yml, pointed at a test database on random ports. */
final class ServiceConfig {

    /** Tests run in example-service/; config.yml is at the repository root. */
    static final String PATH = Path.of("..", "config.yml").toAbsolutePath().normalize().toString();

    private ServiceConfig() {
    }

    static List<ConfigOverride> overrides(TestDatabase db, String startup) {
        return List.of(
            ConfigOverride.config("database.url", db.url()),
            ConfigOverride.config("database.user", db.user()),
            ConfigOverride.config("database.password", db.password()),
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"),
            ConfigOverride.config("migrator.startup", startup),
            ConfigOverride.config("migrator.healthCheckCache", "0s"),
            ConfigOverride.config("migrator.tenantStateCache", "0s"),
            ConfigOverride.config("logging.level", "WARN"));
    }
}

package dev.tenantmigrator.support;

import dev.tenantmigrator.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A temporary project for command tests: main and tenant migration folders with SQL files, and a
 * config.yml pointing at a test database and those folders.
 */
public final class MigrationProject {

    public static final String CREATE_TENANTS = "20240101000000_create_tenants.sql";
    public static final String CREATE_NOTES = "20240102000000_create_notes.sql";
    public static final String ADD_NOTE_TITLE = "20240103000000_add_note_title.sql";

    private final Path root;
    private final TestDatabase database;
    private final Path mainMigrations;
    private final Path tenantMigrations;
    private final List<String> migratorLines = new ArrayList<>();

    private MigrationProject(Path root, TestDatabase database) throws IOException {
        this.root = root;
        this.database = database;
        this.mainMigrations = Files.createDirectories(root.resolve("migrations"));
        this.tenantMigrations = Files.createDirectories(root.resolve("tenant_migrations"));
    }

    /** A project with one main migration (a tenants table) and two tenant migrations (notes, then a column). */
    public static MigrationProject create(Path root, TestDatabase database) {
        try {
            MigrationProject project = new MigrationProject(root, database);
            project.mainMigration(CREATE_TENANTS, "CREATE TABLE tenants (slug text PRIMARY KEY);", "DROP TABLE tenants;");
            project.tenantMigration(CREATE_NOTES, "CREATE TABLE notes (id bigserial PRIMARY KEY, body text NOT NULL);",
                "DROP TABLE notes;");
            project.tenantMigration(ADD_NOTE_TITLE, "ALTER TABLE notes ADD COLUMN title text;",
                "ALTER TABLE notes DROP COLUMN title;");
            return project;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public MigrationProject mainMigration(String fileName, String up, String down) {
        return write(mainMigrations.resolve(fileName), up, down);
    }

    public MigrationProject tenantMigration(String fileName, String up, String down) {
        return write(tenantMigrations.resolve(fileName), up, down);
    }

    /** Adds a line under {@code migrator:}, e.g. {@code tenants: [tenant_a, tenant_b]}. */
    public MigrationProject migratorSetting(String line) {
        migratorLines.add(line);
        return this;
    }

    public Path mainMigrations() {
        return mainMigrations;
    }

    public Path tenantMigrations() {
        return tenantMigrations;
    }

    /** Writes a tenant migration file with exactly this content. */
    public MigrationProject tenantFile(String fileName, String content) {
        try {
            Files.writeString(tenantMigrations.resolve(fileName), content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes config.yml with the settings so far and returns its path as a command argument. */
    public String config() {
        return writeConfig("config.yml", String.join("\n",
            "server:",
            "  applicationConnectors: [{type: http, port: 0}]",
            "  adminConnectors: [{type: http, port: 0}]",
            "logging:",
            "  level: WARN",
            "  appenders: []") + "\n"
            + sections("database", "migrator"));
    }

    /**
     * The database and migrator sections of config.yml under the keys given, e.g. a second bundle's
     * {@code auditDatabase:} and {@code auditMigrator:} to append to another project's config.yml.
     */
    public String sections(String databaseKey, String migratorKey) {
        return String.join("\n",
            databaseKey + ":",
            "  driverClass: org.postgresql.Driver",
            "  url: " + database.url(),
            "  user: " + database.user(),
            "  password: '" + database.password() + "'",
            migratorKey + ":",
            "  migrations: filesystem:" + mainMigrations,
            "  tenantMigrations: filesystem:" + tenantMigrations,
            "  connectAttempts: 1",
            "  healthCheckInterval: 0s") + "\n"
            + migratorLines.stream().map(line -> "  " + line + "\n").reduce("", String::concat);
    }

    /** Writes config.yml as {@link #config()} does, then a copy named {@code fileName} with {@code from} replaced by {@code to}. */
    public String configReplacing(String fileName, String from, String to) {
        try {
            String yaml = Files.readString(Path.of(config()));
            if (!yaml.contains(from)) {
                throw new IllegalArgumentException("config.yml has no '" + from + "'");
            }
            return writeConfig(fileName, yaml.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a config file with the given content, for malformed-configuration tests. */
    public String writeConfig(String fileName, String yaml) {
        try {
            return Files.writeString(root.resolve(fileName), yaml).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MigrationProject write(Path file, String up, String down) {
        try {
            Files.writeString(file, "-- migrate:up\n" + up + "\n\n-- migrate:down\n" + down + "\n");
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

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
    private final MigrationFolder mainMigrations;
    private final MigrationFolder tenantMigrations;
    private final List<String> migratorLines = new ArrayList<>();

    private MigrationProject(Path root, TestDatabase database) {
        this.root = root;
        this.database = database;
        this.mainMigrations = new MigrationFolder(root.resolve("migrations"));
        this.tenantMigrations = new MigrationFolder(root.resolve("tenant_migrations"));
    }

    /** A project with one main migration (a tenants table) and two tenant migrations (notes, then a column). */
    public static MigrationProject create(Path root, TestDatabase database) {
        return new MigrationProject(root, database)
            .mainMigration(CREATE_TENANTS, "CREATE TABLE tenants (slug text PRIMARY KEY);", "DROP TABLE tenants;")
            .tenantMigration(CREATE_NOTES, "CREATE TABLE notes (id bigserial PRIMARY KEY, body text NOT NULL);",
                "DROP TABLE notes;")
            .tenantMigration(ADD_NOTE_TITLE, "ALTER TABLE notes ADD COLUMN title text;", "ALTER TABLE notes DROP COLUMN title;");
    }

    public MigrationProject mainMigration(String fileName, String up, String down) {
        mainMigrations.add(fileName, up, down);
        return this;
    }

    public MigrationProject tenantMigration(String fileName, String up, String down) {
        tenantMigrations.add(fileName, up, down);
        return this;
    }

    /** Adds a line under {@code migrator:}, e.g. {@code tenants: [tenant_a, tenant_b]}. */
    public MigrationProject migratorSetting(String line) {
        migratorLines.add(line);
        return this;
    }

    public Path mainMigrations() {
        return mainMigrations.path();
    }

    public Path tenantMigrations() {
        return tenantMigrations.path();
    }

    /** Writes a tenant migration file with exactly this content. */
    public MigrationProject tenantFile(String fileName, String content) {
        tenantMigrations.write(fileName, content);
        return this;
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
            "  migrations: " + mainMigrations.location(),
            "  tenantMigrations: " + tenantMigrations.location(),
            "  connectAttempts: 1",
            "  healthCheckCache: 0s") + "\n"
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
}

package dev.tenantmigrator.dropwizard.cli;

import static dev.tenantmigrator.support.MigrationProject.ADD_NOTE_TITLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.support.CommandLine.Result;
import dev.tenantmigrator.support.CommandLine;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.support.PasswordRefusingServer;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every input a user can get wrong, each ending in one sentence on stderr that names what is wrong,
 * exit status 1, no stack trace, and the database as it was: its schemas, their tables and histories
 * are compared before and after. Where the database matters, the project is migrated first, so a
 * command that wrongly went ahead would show.
 */
@ExtendWith(PostgresExtension.class)
class BadInputCatalogueTest {

    private static final String USAGE_OF_TO = "is not a migration version; give a whole number of 0 or more, such as 20240101120000.";
    private static final String BAD_FILE_NAME = " is not named <version>_<name>.sql (version a positive number, name of "
        + "letters, digits and underscores).";

    @TempDir
    Path dir;

    // ---- migration files -------------------------------------------------------------------------

    @Test
    void aMalformedFileNameIsNamed(TestDatabase db) throws IOException {
        MigrationProject project = migrated(db);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("create_labels.sql", BAD_FILE_NAME);
        cases.put("20240104000000-create_labels.sql", BAD_FILE_NAME);
        cases.put("20240104000000_create-labels.sql", BAD_FILE_NAME);
        cases.put("0_create_labels.sql", " has version 0; versions must be positive.");
        cases.put("99999999999999999999_create_labels.sql", " has a version too large for a bigint.");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            project.tenantFile(bad.getKey(), "-- migrate:up\nCREATE TABLE labels (id int);\n");

            assertRefused(db, tenantFile(project, bad.getKey()) + bad.getValue(), "db-up", project.config());

            Files.delete(project.tenantMigrations().resolve(bad.getKey()));
        }
    }

    @Test
    void aVersionUsedTwiceNamesBothFiles(TestDatabase db) {
        MigrationProject project = migrated(db);
        project.tenantFile("20240103000000_create_labels.sql", "-- migrate:up\nCREATE TABLE labels (id int);\n");

        assertRefused(db, "Migration version 20240103000000 is used twice in filesystem:" + project.tenantMigrations()
            + ": by " + ADD_NOTE_TITLE + " and by 20240103000000_create_labels.sql.", "db-up", project.config());
    }

    @Test
    void aMissingOrEmptyUpSectionIsNamed(TestDatabase db) {
        MigrationProject project = migrated(db);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("-- migrate:down\nDROP TABLE labels;\n", " has no '-- migrate:up' section.");
        cases.put("-- migrate:up\n-- to be written\n\n-- migrate:down\nDROP TABLE labels;\n", " has an empty '-- migrate:up' section.");
        cases.put("CREATE TABLE labels (id int);\n-- migrate:up\nSELECT 1;\n", " has SQL before its first '-- migrate:' line.");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            project.tenantFile("20240104000000_create_labels.sql", bad.getKey());

            assertRefused(db, tenantFile(project, "20240104000000_create_labels.sql") + bad.getValue(), "db-up", project.config());
        }
    }

    @Test
    void anUnknownDirectiveIsNamed(TestDatabase db) {
        MigrationProject project = migrated(db);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("-- migrate:up\nCREATE TABLE labels (id int);\n-- migrate:sideways\nSELECT 1;\n",
            " has an unknown directive '-- migrate:sideways'; only '-- migrate:up' and '-- migrate:down' are known.");
        cases.put("-- migrate:up transaction:maybe\nCREATE TABLE labels (id int);\n",
            " has an unknown directive '-- migrate:up transaction:maybe'; the only option is 'transaction:false'.");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            project.tenantFile("20240104000000_create_labels.sql", bad.getKey());

            assertRefused(db, tenantFile(project, "20240104000000_create_labels.sql") + bad.getValue(), "db-up", project.config());
        }
    }

    @Test
    void aFileThatIsNotUtf8IsNamedWithTheLine(TestDatabase db) throws IOException {
        MigrationProject project = migrated(db);
        Files.write(project.tenantMigrations().resolve("20240104000000_seed.sql"),
            "-- migrate:up\nINSERT INTO notes (body) VALUES ('caf\u00e9');\n".getBytes(StandardCharsets.ISO_8859_1));

        assertRefused(db, tenantFile(project, "20240104000000_seed.sql") + " is not UTF-8: line 2 holds the byte 0xE9, "
            + "which UTF-8 does not allow there; save the file as UTF-8.", "db-up", project.config());
    }

    @Test
    void anSqlSyntaxErrorNamesTheFileTheStatementAndThePosition(TestDatabase db) {
        MigrationProject project = migrated(db);
        project.tenantFile("20240104000000_create_labels.sql",
            "-- migrate:up\nCREATE TABLE labels (id int);\nCREATE TABLE tags (id int,);\n");

        String error = "statement 2 of 2 (line 3: CREATE TABLE tags (id int,)) failed: ERROR: syntax error at or near \")\" "
            + "(position 27)";

        assertRunRefused(db, "2 schemas: 0 migrated (0 migrations), 1 already up to date, 1 failed: tenant_a "
                + "(20240104000000_create_labels.sql: " + error + ").\n",
            "20240104000000_create_labels.sql failed during up of schema tenant_a (nothing of it was kept): " + error,
            "db-up", project.config());
    }

    @Test
    void aMigrationLocationThatDoesNotExistIsNamed(TestDatabase db) {
        MigrationProject project = migrated(db);
        String config = project.configReplacing("bad.yml", "tenantMigrations: filesystem:" + project.tenantMigrations(),
            "tenantMigrations: filesystem:" + dir.resolve("nowhere"));

        assertRefused(db, "Migration location filesystem:" + dir.resolve("nowhere") + " does not exist.", "db-up", config);
    }

    /** A wrong but existing folder would otherwise read as "nothing to migrate", and db-ensure-up would pass. */
    @Test
    void aNamedMigrationLocationWithoutAnSqlFileIsNamedButTheDefaultMayBeAbsent(TestDatabase db) throws IOException {
        MigrationProject project = migrated(db);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("README.md"), "not a migration");
        String config = project.configReplacing("bad.yml", "tenantMigrations: filesystem:" + project.tenantMigrations(),
            "tenantMigrations: filesystem:" + empty);
        String expected = "Migration location filesystem:" + empty + " has no .sql migration file; a location that is set "
            + "must hold at least one (leave the setting out when there are none).";

        for (String command : List.of("db-up", "db-ensure-up", "db-status")) {
            assertRefused(db, expected, command, config);
        }
        String yaml = Files.readString(Path.of(project.config()));
        String byDefault = project.writeConfig("default.yml", yaml.replace("  tenants: [tenant_a]\n", "")
            .replace("  tenantMigrations: filesystem:" + project.tenantMigrations() + "\n", ""));
        Result absentDefault = CommandLine.run("db-ensure-up", byDefault);
        assertThat(absentDefault.err()).isEmpty();
        assertThat(absentDefault.out()).isEqualTo("Migrations are up.\n");
    }

    // ---- tenant names from the tenant source -------------------------------------------------------

    @Test
    void aTenantNameLongerThan63BytesIsRefused(TestDatabase db) {
        String name = "t".repeat(64);

        assertTenantSourceRefused(db, Arrays.asList("tenant_new", name),
            "Tenant name '" + name + "' is not allowed: it is longer than 63 bytes.");
    }

    @Test
    void anEmptyTenantNameIsRefused(TestDatabase db) {
        assertTenantSourceRefused(db, Arrays.asList("tenant_new", ""),
            "Tenant name '' is not allowed: it must match [a-z_][a-z0-9_]*.");
    }

    @Test
    void aNullTenantNameIsRefused(TestDatabase db) {
        assertTenantSourceRefused(db, Arrays.asList("tenant_new", null),
            "Tenant name null is not allowed: every tenant needs a name, so the tenant source must not give NULL.");
    }

    @Test
    void aTenantListedTwiceByTheTenantSourceIsRefused(TestDatabase db) {
        assertTenantSourceRefused(db, Arrays.asList("tenant_new", "tenant_b", "tenant_new"),
            "Tenant name 'tenant_new' is listed twice; a tenant list must name each tenant once.");
    }

    /** The command line follows the same rule as the tenant source: a repeat is refused, not dropped. */
    @Test
    void aTenantNamedTwiceOnTheCommandLineCountsOnce(TestDatabase db) {
        MigrationProject project = migrated(db);

        Result result = CommandLine.run("db-up", "--tenant", "tenant_a", "--tenant", "tenant_a", project.config());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("2 schemas: 0 migrated (0 migrations), 2 already up to date.\n");
    }

    @Test
    void upperCaseAndInjectedTenantNamesAreRefused(TestDatabase db) {
        for (String name : List.of("Acme", "acme-corp", "acme corp", "tenant_a\"; DROP SCHEMA public CASCADE; --",
            "x'); DROP TABLE tenants; --", "tenant_a;tenant_b")) {
            assertTenantSourceRefused(db, Arrays.asList("tenant_new", name),
                "Tenant name '" + name + "' is not allowed: it must match [a-z_][a-z0-9_]*.");
        }
    }

    @Test
    void systemSchemasAndTheMainSchemaAreRefusedAsTenants(TestDatabase db) {
        for (String name : List.of("pg_catalog", "pg_toast", "information_schema")) {
            assertTenantSourceRefused(db, Arrays.asList("tenant_new", name),
                "Tenant name '" + name + "' is not allowed: it is a PostgreSQL system schema.");
        }
        assertTenantSourceRefused(db, Arrays.asList("tenant_new", "public"),
            "Tenant name 'public' is not allowed: it is the main schema.");
    }

    @Test
    void aTenantsQueryThatFailsIsNamed(TestDatabase db) {
        MigrationProject project = migrated(db);
        String config = project.configReplacing("bad.yml", "tenants: [tenant_a]", "tenantsQuery: SELECT slug FROM no_such_table");

        assertRefused(db, "The tenant list could not be read: ERROR: relation \"no_such_table\" does not exist",
            "db-up", config);
    }

    // ---- configuration ---------------------------------------------------------------------------

    @Test
    void aMissingSettingIsNamed(TestDatabase db) {
        String config = MigrationProject.create(dir, db).configReplacing("bad.yml", "  url: " + db.url() + "\n", "");

        assertRefused(db, config + " has an error: database.url must not be empty.", "db-up", config);
    }

    /** Dropwizard's own sentence names the Java type ("expected: StartupMode"); the user needs what to write. */
    @Test
    void aSettingOfTheWrongTypeSaysWhatItMustBeInTheWordsOfTheYaml(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("lockRetries: often", "migrator.lockRetries must be a whole number.");
        cases.put("networkTimeout: soon", "migrator.networkTimeout must be a duration, such as 30s or 5 minutes.");
        cases.put("continueOnError: maybe", "migrator.continueOnError must be true or false.");
        cases.put("startup: sometimes", "migrator.startup must be one of none, ensure-up, migrate.");
        cases.put("transactionMode: per-tenant", "migrator.transactionMode must be one of per-migration, per-schema.");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            String config = project.configReplacing("bad.yml", "connectAttempts: 1", "connectAttempts: 1\n  " + bad.getKey());

            assertRefused(db, config + " has an error: " + bad.getValue(), "db-up", config);
        }
    }

    @Test
    void aMissingConfigurationFileIsNamed(TestDatabase db) {
        String absent = dir.resolve("absent.yml").toString();

        assertRefused(db, "Configuration file " + absent + " does not exist.", "db-up", absent);
    }

    /** Dropwizard prints the usage after a usage error; the first line is ours to check. */
    @Test
    void anUnknownFlagIsAUsageError(TestDatabase db) {
        String config = MigrationProject.create(dir, db).config();

        assertUsageError(db, "unrecognized arguments: '--bogus'", "db-up", "--bogus", config);
    }

    @Test
    void aToVersionOutOfRangeOrNotANumberIsAUsageError(TestDatabase db) {
        String config = migrated(db).config();

        for (String bad : List.of("-1", "abc", "1.5", "99999999999999999999")) {
            assertUsageError(db, "argument --to: '" + bad + "' " + USAGE_OF_TO, "db-down", "--to", bad, config);
        }
        assertUsageError(db, "argument --to is required", "db-down", config);
    }

    @Test
    void aConcurrencyOfZeroIsAUsageError(TestDatabase db) {
        String config = migrated(db).config();

        assertUsageError(db, "argument --concurrency: '0' is not a number of workers; give a whole number of 1 or more.",
            "db-up", "--concurrency", "0", config);
    }

    // ---- the database ----------------------------------------------------------------------------

    @Test
    void anUnreachableDatabaseIsNamed(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("jdbc:postgresql://127.0.0.1:1/nowhere", "Connection refused");
        cases.put("jdbc:postgresql://no-such-host.invalid/nowhere", "unknown host no-such-host.invalid");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            String config = project.configReplacing("bad.yml", db.url(), bad.getKey());

            assertRefused(db, "Could not connect to the database after 1 attempt: " + bad.getValue(), "db-up", config);
        }
    }

    @Test
    void aWrongPasswordIsNamed(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db);
        try (PasswordRefusingServer server = PasswordRefusingServer.start()) {
            String config = project.configReplacing("bad.yml", db.url(), server.url("notes"));

            assertRefused(db, "Could not use the database: FATAL: password authentication failed for user \"" + db.user() + "\"",
                "db-up", config);
        }
    }

    @Test
    void aDatabaseThatDoesNotExistIsNamed(TestDatabase db) {
        String config = MigrationProject.create(dir, db).configReplacing("bad.yml", db.url(), db.url().replace(db.name(), "no_such_db"));

        assertRefused(db, "Could not use the database: FATAL: database \"no_such_db\" does not exist", "db-up", config);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** A project with tenant_a, migrated, so a command that wrongly went ahead would change something. */
    private MigrationProject migrated(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]");
        Result up = CommandLine.run("db-up", project.config());
        assertThat(up.status()).as(up.err()).isZero();
        return project;
    }

    private static String tenantFile(MigrationProject project, String fileName) {
        return "Migration file " + fileName + " in filesystem:" + project.tenantMigrations();
    }

    /** Runs db-up with a tenants query listing {@code names} (null for SQL NULL) on a migrated project. */
    private void assertTenantSourceRefused(TestDatabase db, List<String> names, String expected) {
        MigrationProject project = migrated(db);
        String values = names.stream().map(name -> name == null ? "(NULL::text)" : "('" + name.replace("'", "''") + "')")
            .collect(Collectors.joining(", "));
        String query = "SELECT slug FROM (VALUES " + values + ") AS listed(slug)";
        String config = project.configReplacing("source.yml", "tenants: [tenant_a]", "tenantsQuery: '" + query.replace("'", "''") + "'");

        assertRefused(db, expected, "db-up", config);
    }

    /** One sentence on stderr, nothing on stdout, exit status 1, the database as it was. */
    private static void assertRefused(TestDatabase db, String expected, String... arguments) {
        assertRunRefused(db, "", expected, arguments);
    }

    /** Like {@link #assertRefused(TestDatabase, String, String...)}, for a run that prints its summary on stdout. */
    private static void assertRunRefused(TestDatabase db, String out, String expected, String... arguments) {
        List<String> before = CatalogSnapshot.of(db);

        Result result = CommandLine.run(arguments);

        assertThat(result.err()).as(String.join(" ", arguments)).isEqualTo(expected + "\n");
        // db-ensure-up keeps 1 for "not up"; a failure to find out is its 2.
        assertThat(result.status()).isEqualTo(arguments[0].equals("db-ensure-up") ? DbEnsureUpCommand.COULD_NOT_TELL : 1);
        assertThat(result.out()).isEqualTo(out);
        assertThat(CatalogSnapshot.of(db)).isEqualTo(before);
    }

    /** The sentence on the first line of stderr (Dropwizard prints the usage after it), exit status 1, the database as it was. */
    private static void assertUsageError(TestDatabase db, String expected, String... arguments) {
        List<String> before = CatalogSnapshot.of(db);

        Result result = CommandLine.run(arguments);

        assertThat(result.err().lines().findFirst()).as(result.err()).contains(expected);
        assertThat(result.err()).startsWith(expected + "\nusage: ").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(result.status()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(CatalogSnapshot.of(db)).isEqualTo(before);
    }
}

package dev.tenantmigrator.dropwizard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.support.CommandLine.Result;
import dev.tenantmigrator.support.CommandLine;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad config.yml ends every command with one sentence naming the file and setting, exit 1 (db-ensure-up: 2,
 * it could not tell), nothing changed.
 */
@ExtendWith(PostgresExtension.class)
class ConfigurationErrorsTest {

    @TempDir
    Path dir;

    private void assertFailsWithoutChange(TestDatabase db, Result result) {
        assertFailsWithoutChange(db, result, 1);
    }

    private void assertFailsWithoutChange(TestDatabase db, Result result, int status) {
        assertThat(result.status()).isEqualTo(status);
        assertThat(result.err().lines()).as(result.err()).hasSize(1);
        assertThat(result.err()).doesNotContain("\tat ");
        assertThat(db.schemas()).containsExactly("public");
        assertThat(db.tables("public")).isEmpty();
    }

    @Test
    void aMalformedSettingIsNamed(TestDatabase db) {
        String config = MigrationProject.create(dir, db)
            .configReplacing("bad.yml", "connectAttempts: 1", "connectAttempts: 0");

        Result result = CommandLine.run("db-up", config);

        assertFailsWithoutChange(db, result);
        assertThat(result.err()).isEqualTo(config + " has an error: migrator.connectAttempts must be greater than or equal to 1.\n");
    }

    @Test
    void aSettingOfTheWrongTypeIsNamed(TestDatabase db) {
        String config = MigrationProject.create(dir, db)
            .configReplacing("bad.yml", "connectAttempts: 1", "connectAttempts: often");

        Result result = CommandLine.run("db-up", config);

        assertFailsWithoutChange(db, result);
        assertThat(result.err()).startsWith(config + " has an error: ").contains("migrator.connectAttempts");
    }

    @Test
    void aMissingDatabaseUrlIsNamed(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db);
        String config = project.configReplacing("bad.yml", "  url: " + db.url() + "\n", "");

        Result result = CommandLine.run("db-up", config);

        assertFailsWithoutChange(db, result);
        assertThat(result.err()).isEqualTo(config + " has an error: database.url must not be empty.\n");
    }

    @Test
    void bothTenantsAndTenantsQueryAreRejected(TestDatabase db) {
        String config = MigrationProject.create(dir, db)
            .migratorSetting("tenants: [tenant_a]")
            .migratorSetting("tenantsQuery: SELECT slug FROM tenants")
            .config();

        Result result = CommandLine.run("db-up", config);

        assertFailsWithoutChange(db, result);
        assertThat(result.err()).isEqualTo(config
            + " has an error: tenants and tenantsQuery are both set; set only one of them.\n");
    }

    @Test
    void anUnknownStartupModeIsNamed(TestDatabase db) {
        String config = MigrationProject.create(dir, db).migratorSetting("startup: sometimes").config();

        Result result = CommandLine.run("db-ensure-up", config);

        assertFailsWithoutChange(db, result, DbEnsureUpCommand.COULD_NOT_TELL);
        assertThat(result.err()).contains("migrator.startup");
    }

    @Test
    void aMissingConfigFileIsNamed(TestDatabase db) {
        Result result = CommandLine.run("db-up", dir.resolve("absent.yml").toString());

        assertFailsWithoutChange(db, result);
        assertThat(result.err()).contains("absent.yml");
    }
}

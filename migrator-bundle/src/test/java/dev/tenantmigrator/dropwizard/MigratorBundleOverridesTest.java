package dev.tenantmigrator.dropwizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigrationFailure;
import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.Operation;
import dev.tenantmigrator.RunFailedException;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.support.StatementMigration;
import dev.tenantmigrator.support.TestBundle;
import dev.tenantmigrator.support.TestConfiguration;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What an application can override on the bundle: the tenant list and the failure handler. */
@ExtendWith(PostgresExtension.class)
class MigratorBundleOverridesTest {

    @TempDir
    Path dir;

    private final List<MigrationFailure> reported = new ArrayList<>();

    private final TestBundle bundle = new TestBundle(System.out) {
        @Override
        protected List<String> knownPrefixes(Handle handle, TestConfiguration configuration) {
            return List.of("from_code");
        }

        @Override
        protected List<Migration> tenantJavaMigrations(TestConfiguration configuration) {
            return List.of(new StatementMigration(20240104000000L, "welcome_note",
                "INSERT INTO notes (body) VALUES ('Welcome!')", "DELETE FROM notes WHERE body = 'Welcome!'"));
        }

        @Override
        protected void handleMigratorException(Exception exception, MigrationFailure failure) {
            reported.add(failure);
        }
    };

    private TestConfiguration configuration(MigrationProject project) {
        TestConfiguration configuration = new TestConfiguration();
        configuration.migrator.setMigrations("filesystem:" + project.mainMigrations());
        configuration.migrator.setTenantMigrations("filesystem:" + dir.resolve("tenant_migrations"));
        configuration.migrator.setTenants(List.of("from_yaml"));
        return configuration;
    }

    @Test
    void knownPrefixesFromCodeReplaceTheYamlTenantList(TestDatabase db) {
        Migrator migrator = bundle.buildMigrator(configuration(MigrationProject.create(dir, db)), db.jdbi());

        migrator.up();

        assertThat(db.schemas()).containsExactly("from_code", "public");
        assertThat(migrator.knownPrefixes()).containsExactly("from_code");
    }

    @Test
    void javaMigrationsFromTheBundleRunInOrderWithTheSqlFiles(TestDatabase db) {
        Migrator migrator = bundle.buildMigrator(configuration(MigrationProject.create(dir, db)), db.jdbi());

        migrator.up();

        assertThat(db.versions("from_code")).containsExactly(20240102000000L, 20240103000000L, 20240104000000L);
        List<String> notes = db.jdbi().withHandle(h -> h.createQuery("SELECT body FROM from_code.notes")
            .mapTo(String.class).list());
        assertThat(notes).containsExactly("Welcome!");
    }

    @Test
    void theExceptionHandlerHearsWhichSchemaAndMigrationFailed(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db)
            .tenantMigration(MigrationProject.ADD_NOTE_TITLE, "ALTER TABLE missing ADD COLUMN title text;", "SELECT 1;");
        Migrator migrator = bundle.buildMigrator(configuration(project), db.jdbi());

        assertThatThrownBy(migrator::up).isInstanceOf(RunFailedException.class);

        assertThat(reported).hasSize(1);
        assertThat(reported.get(0).schema()).isEqualTo(Optional.of("from_code"));
        assertThat(reported.get(0).migration()).isEqualTo(Optional.of(MigrationProject.ADD_NOTE_TITLE));
        assertThat(reported.get(0).operation()).isEqualTo(Operation.UP);
    }
}

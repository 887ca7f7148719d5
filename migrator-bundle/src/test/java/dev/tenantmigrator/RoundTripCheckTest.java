package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

@ExtendWith(PostgresExtension.class)
class RoundTripCheckTest {

    private static final String FIXTURES = "classpath:fixtures/round_trip/";
    private static final String REALISTIC = FIXTURES + "realistic/";
    private static final String SCRATCH_SCHEMA = "schema (migrator_verify_[0-9a-f]{12})";
    private static final Path EXAMPLE_SERVICE =
        Path.of("..", "example-service", "src", "main", "resources", "db").toAbsolutePath();

    @TempDir
    Path dir;

    /** The main migrations applied for real, as db-up would before the check runs. */
    private static RoundTripCheck checkAfterMainUp(TestDatabase db, MigratorSettings settings) {
        new Migrator(db.jdbi(), settings).up();
        return new RoundTripCheck(db.jdbi(), settings);
    }

    private static MigratorSettings settings(String main, String tenant) {
        return MigratorSettings.builder().mainLocation(main).tenantLocation(tenant).connectAttempts(1).build();
    }

    /** Logs in to another database of the test server as the test user. */
    private static Function<String, Jdbi> scratchDatabases(TestDatabase db) {
        return name -> {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(db.url());
            dataSource.setDatabaseName(name);
            dataSource.setUser(db.user());
            dataSource.setPassword(db.password());
            return Jdbi.create(dataSource);
        };
    }

    /** The check fails with exactly {@code message} and leaves no scratch schema behind. */
    private static void assertFails(TestDatabase db, ThrowingCallable check, String message) {
        assertThatThrownBy(check).isInstanceOf(MigratorException.class).hasMessage(message);
        assertThat(db.schemas()).containsExactly("public");
    }

    private static List<String> scratchDatabasesLeft(TestDatabase db) {
        return db.jdbi().withHandle(handle -> handle.createQuery(
            "SELECT datname FROM pg_database WHERE datname LIKE 'migrator\\_verify\\_%'").mapTo(String.class).list());
    }

    @Test
    void passesOnTheExampleServiceMigrationsAndDropsTheScratchSchema(TestDatabase db) {
        RoundTripCheck check = checkAfterMainUp(db, settings("filesystem:" + EXAMPLE_SERVICE.resolve("migrations"),
            "filesystem:" + EXAMPLE_SERVICE.resolve("tenant_migrations")));

        RoundTripCheck.Result result = check.tenantMigrations();

        assertThat(result.migrations()).isEqualTo(2);
        assertThat(result.summary()).matches("Tenant migrations: 2 migrations went up, down and up again in "
            + SCRATCH_SCHEMA + "; the catalog matched at every step\\.");
        assertThat(db.schemas()).containsExactly("public");
    }

    @Test
    void passesOnARealisticFixtureForBothSetsAndDropsTheScratchDatabase(TestDatabase db) {
        RoundTripCheck check = checkAfterMainUp(db, settings(REALISTIC + "main", REALISTIC + "tenant"));

        List<RoundTripCheck.Result> results = check.mainAndTenantMigrations(scratchDatabases(db));

        assertThat(results).extracting(RoundTripCheck.Result::summary).satisfiesExactly(
            main -> assertThat(main).matches("Main migrations: 2 migrations went up, down and up again in schema public of "
                + "database migrator_verify_[0-9a-f]{12}; the catalog matched at every step\\."),
            tenant -> assertThat(tenant).matches("Tenant migrations: 7 migrations went up, down and up again in "
                + SCRATCH_SCHEMA + "; the catalog matched at every step\\."));
        assertThat(db.schemas()).containsExactly("public");
        assertThat(scratchDatabasesLeft(db)).isEmpty();
    }

    @Test
    void failsNamingTheMigrationWhoseDownForgetsAnIndex(TestDatabase db) {
        RoundTripCheck check = checkAfterMainUp(db, settings(REALISTIC + "main", FIXTURES + "forgotten_index/tenant"));

        assertFails(db, check::tenantMigrations, "20240103000000_add_title_and_index_body.sql: its down section does not "
            + "undo its up: index notes_body is still there after it was rolled back.");
    }

    @Test
    void failsNamingTheMigrationWhoseDownForgetsAColumnDefault(TestDatabase db) {
        RoundTripCheck check = checkAfterMainUp(db, settings(REALISTIC + "main", FIXTURES + "forgotten_default/tenant"));

        assertFails(db, check::tenantMigrations, "20240103000000_add_pinned.sql: its down section does not undo its up: "
            + "the default of column notes.body is still there after it was rolled back.");
    }

    @Test
    void aChangedDefinitionIsQuotedWhenShort(TestDatabase db) {
        MigrationFolder tenant = new MigrationFolder(dir.resolve("tenant"))
            .add("20240102000000_create_notes.sql", "CREATE TABLE notes (id int, body text);", "DROP TABLE notes;")
            .add("20240103000000_require_body.sql", "ALTER TABLE notes ALTER COLUMN body SET NOT NULL;", "SELECT 1;");
        RoundTripCheck check = checkAfterMainUp(db, settings(REALISTIC + "main", tenant.location()));

        assertFails(db, check::tenantMigrations, "20240103000000_require_body.sql: its down section does not undo its up: "
            + "column notes.body is text not null after it was rolled back but was text null before it was applied.");
    }

    @Test
    void aMigrationWithoutDownStopsTheCheckBeforeItStarts(TestDatabase db) {
        MigrationFolder tenant = new MigrationFolder(dir.resolve("tenant"))
            .add("20240102000000_create_notes.sql", "CREATE TABLE notes (id int);", "DROP TABLE notes;")
            .addWithoutDown("20240103000000_add_body.sql", "ALTER TABLE notes ADD COLUMN body text;");
        RoundTripCheck check = checkAfterMainUp(db, settings(REALISTIC + "main", tenant.location()));

        assertFails(db, check::tenantMigrations, "20240103000000_add_body.sql has no '-- migrate:down' section, so the "
            + "round-trip check cannot roll it back; nothing was checked.");
    }

    @Test
    void aMainMigrationWithoutDownStopsBothChecksBeforeAnythingIsCreated(TestDatabase db) {
        MigrationFolder main = new MigrationFolder(dir.resolve("main"))
            .addWithoutDown("20240101000000_create_tenants.sql", "CREATE TABLE tenants (slug text PRIMARY KEY);");
        RoundTripCheck check = checkAfterMainUp(db, settings(main.location(), REALISTIC + "tenant"));

        assertThatThrownBy(() -> check.mainAndTenantMigrations(scratchDatabases(db)))
            .hasMessageStartingWith("20240101000000_create_tenants.sql has no '-- migrate:down' section");
        assertThat(scratchDatabasesLeft(db)).isEmpty();
        assertThat(db.schemas()).containsExactly("public");
    }

    @Test
    void pendingMainMigrationsStopTheTenantCheckBeforeItStarts(TestDatabase db) {
        RoundTripCheck check = new RoundTripCheck(db.jdbi(), settings(REALISTIC + "main", REALISTIC + "tenant"));

        assertFails(db, check::tenantMigrations, "The main schema public has 2 pending migrations (the first is "
            + "20240101000000_create_tenants.sql); tenant migrations run against it, so run db-up before checking them.");
    }

    @Test
    void anUpThatFailsWhenAppliedAgainIsNamedWithTheDatabaseError(TestDatabase db) {
        // The down leaves the tenant's row in the main schema, which the catalog comparison cannot see.
        MigrationFolder tenant = new MigrationFolder(dir.resolve("tenant"))
            .add("20240102000000_register.sql", "INSERT INTO tenants (slug) VALUES ('verify_probe');", "SELECT 1;");
        RoundTripCheck check = checkAfterMainUp(db, settings(REALISTIC + "main", tenant.location()));

        assertThatThrownBy(check::tenantMigrations)
            .hasMessageStartingWith("20240102000000_register.sql: its up failed when it was applied again after every "
                + "migration was rolled back, so a down leaves behind something the catalog comparison does not cover, such "
                + "as rows or objects outside the schema: ")
            .hasMessageContaining("duplicate key value violates unique constraint \"tenants_pkey\"");
        assertThat(db.schemas()).containsExactly("public");
    }

    @Test
    void anUpThatGivesADifferentCatalogTheSecondTimeIsNamed(TestDatabase db) {
        AtomicInteger runs = new AtomicInteger();
        Migration counting = new Migration() {
            @Override
            public long version() {
                return 20240102000000L;
            }

            @Override
            public String name() {
                return "create_counter";
            }

            @Override
            public void up(Handle handle) {
                handle.execute("CREATE TABLE counter (n int DEFAULT " + runs.incrementAndGet() + ")");
            }

            @Override
            public void down(Handle handle) {
                handle.execute("DROP TABLE counter");
            }
        };
        MigratorSettings settings = MigratorSettings.builder().mainLocation(REALISTIC + "main").connectAttempts(1)
            .tenantJavaMigrations(List.of(counting)).build();
        RoundTripCheck check = checkAfterMainUp(db, settings);

        assertFails(db, check::tenantMigrations, "20240102000000_create_counter: applied again after the rollback, its up "
            + "gives a different catalog: the default of column counter.n is 2 after it was applied again but was 1 after it "
            + "was first applied.");
    }

    @Test
    void aBrokenMainDownFailsInTheScratchDatabaseAndDropsIt(TestDatabase db) {
        MigrationFolder main = new MigrationFolder(dir.resolve("main"))
            .add("20240101000000_create_tenants.sql", "CREATE TABLE tenants (slug text PRIMARY KEY);", "DROP TABLE tenants;")
            .add("20240101000100_index_tenants.sql", "CREATE INDEX tenants_lower_slug ON tenants (lower(slug));", "SELECT 1;");
        RoundTripCheck check = checkAfterMainUp(db, settings(main.location(), REALISTIC + "tenant"));

        assertThatThrownBy(() -> check.mainAndTenantMigrations(scratchDatabases(db))).hasMessage(
            "20240101000100_index_tenants.sql: its down section does not undo its up: index tenants_lower_slug is still there "
                + "after it was rolled back.");
        assertThat(scratchDatabasesLeft(db)).isEmpty();
        assertThat(db.tables("public")).containsExactly("schema_migrations", "schema_migrations_summary", "tenants");
    }

    @Test
    void anEmptyTenantSetHasNothingToCheck(TestDatabase db) {
        RoundTripCheck check = new RoundTripCheck(db.jdbi(), MigratorSettings.defaults());

        assertThat(check.tenantMigrations().summary()).isEqualTo(
            "Tenant migrations: there are none in classpath:db/tenant_migrations, so there was nothing to check.");
    }
}

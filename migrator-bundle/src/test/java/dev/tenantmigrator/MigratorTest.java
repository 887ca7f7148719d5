package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.support.StatementMigration;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class MigratorTest {

    private static final String CREATE_TENANTS = "20220101000001_create_tenants.sql";
    private static final String CREATE_FOO = "20220101000001_create_foo_table.sql";
    private static final String ADD_BAR = "20220101000002_add_bar.sql";

    @TempDir
    Path dir;
    private MigrationFolder main;
    private MigrationFolder tenant;
    private final List<MigrationFailure> handled = new ArrayList<>();

    @BeforeEach
    void writeMigrations() {
        main = new MigrationFolder(dir.resolve("main"))
            .add(CREATE_TENANTS, "CREATE TABLE tenants (slug text PRIMARY KEY);", "DROP TABLE tenants;");
        // The foreign key to the main schema's table proves both the search path and the down order.
        tenant = new MigrationFolder(dir.resolve("tenant"))
            .add(CREATE_FOO, "CREATE TABLE foo (id int PRIMARY KEY, tenant text REFERENCES tenants (slug));", "DROP TABLE foo;")
            .add(ADD_BAR, "ALTER TABLE foo ADD COLUMN bar text;", "ALTER TABLE foo DROP COLUMN bar;");
    }

    private MigratorSettings.Builder settings(TenantSource tenants) {
        return MigratorSettings.builder()
            .mainLocation(main.location())
            .tenantLocation(tenant.location())
            .tenantSource(tenants)
            .exceptionHandler((exception, failure) -> handled.add(failure));
    }

    private Migrator migrator(TestDatabase db, TenantSource tenants) {
        return new Migrator(db.jdbi(), settings(tenants).build());
    }

    private Migrator migrator(TestDatabase db, String... tenants) {
        return migrator(db, TenantSource.of(List.of(tenants)));
    }

    @Test
    void upFromEmptyMigratesMainThenEveryTenantCreatingTheirSchemas(TestDatabase db) {
        migrator(db, "tenant_a", "tenant_b").up();

        assertThat(db.schemas()).containsExactly("public", "tenant_a", "tenant_b");
        assertThat(db.tables("public")).containsExactly("schema_migrations", "schema_migrations_summary", "tenants");
        assertThat(db.versions("public")).containsExactly(20220101000001L);
        for (String schema : List.of("tenant_a", "tenant_b")) {
            assertThat(db.tables(schema)).containsExactly("foo", "schema_migrations");
            assertThat(db.columns(schema, "foo")).containsExactly("id", "tenant", "bar");
            assertThat(db.versions(schema)).containsExactly(20220101000001L, 20220101000002L);
        }
        assertThat(db.columns("public", "schema_migrations"))
            .containsExactlyInAnyOrder("version", "inserted_at", "name", "checksum", "execution_ms");
    }

    @Test
    void upAgainChangesNothing(TestDatabase db) {
        migrator(db, "tenant_a").up();
        List<LocalDateTime> before = insertedAt(db, "tenant_a");

        migrator(db, "tenant_a").up();

        assertThat(db.versions("tenant_a")).containsExactly(20220101000001L, 20220101000002L);
        assertThat(insertedAt(db, "tenant_a")).isEqualTo(before);
        assertThat(handled).isEmpty();
    }

    @Test
    void upAppliesMigrationsAddedLaterIncludingALowerVersion(TestDatabase db) {
        migrator(db, "tenant_a").up();
        tenant.add("20220101000003_add_baz.sql", "ALTER TABLE foo ADD COLUMN baz text;", "ALTER TABLE foo DROP COLUMN baz;")
            .add("20220101000000_create_early.sql", "CREATE TABLE early (id int);", "DROP TABLE early;");

        migrator(db, "tenant_a").up();

        assertThat(db.versions("tenant_a")).containsExactly(20220101000000L, 20220101000001L, 20220101000002L, 20220101000003L);
        assertThat(db.tables("tenant_a")).contains("early");
        assertThat(db.columns("tenant_a", "foo")).containsExactly("id", "tenant", "bar", "baz");
    }

    @Test
    void upCreatesTheSchemaOfATenantAddedLater(TestDatabase db) {
        migrator(db, "tenant_a").up();

        migrator(db, "tenant_a", "tenant_b").up();

        assertThat(db.tables("tenant_b")).containsExactly("foo", "schema_migrations");
        assertThat(db.versions("tenant_b")).containsExactly(20220101000001L, 20220101000002L);
    }

    @Test
    void upReadsTenantsFromAQueryOnTheMainSchemaAfterMainMigrations(TestDatabase db) {
        main.add("20220101000002_seed_tenants.sql", "INSERT INTO tenants VALUES ('tenant_q1'), ('tenant_q2');",
            "DELETE FROM tenants;");

        migrator(db, TenantSource.query("SELECT slug FROM tenants ORDER BY slug")).up();

        assertThat(db.schemas()).containsExactly("public", "tenant_q1", "tenant_q2");
    }

    @Test
    void upWithNamedTenantsMigratesOnlyThoseAndRejectsUnknownOnes(TestDatabase db) {
        Migrator migrator = migrator(db, "tenant_a", "tenant_b");

        migrator.up(List.of("tenant_b"));

        assertThat(db.schemas()).containsExactly("public", "tenant_b");
        assertThatThrownBy(() -> migrator.up(List.of("tenant_x")))
            .isInstanceOf(MigratorException.class)
            .hasMessageContaining("Tenant 'tenant_x' is not a known tenant");
    }

    @Test
    void upWithAnUnknownTenantFailsBeforeMigratingMain(TestDatabase db) {
        migrator(db, "tenant_a").up();
        main.add("20220101000002_add_plan.sql", "ALTER TABLE tenants ADD COLUMN plan text;", "ALTER TABLE tenants DROP COLUMN plan;");

        assertThatThrownBy(() -> migrator(db, "tenant_a").up(List.of("tenant_a", "nobody")))
            .hasMessage("Tenant 'nobody' is not a known tenant; known tenants come from the tenant source.");
        assertThatThrownBy(() -> migrator(db, "tenant_a").up(List.of("Not-Valid")))
            .hasMessageStartingWith("Tenant name 'Not-Valid' is not allowed");

        assertThat(db.versions("public")).containsExactly(20220101000001L);
        assertThat(db.columns("public", "tenants")).containsExactly("slug");
    }

    @Test
    void upTenantMigratesOneTenantAtRunTime(TestDatabase db) {
        Migrator migrator = migrator(db);
        migrator.up();

        migrator.upTenant("tenant_new");

        assertThat(db.versions("tenant_new")).containsExactly(20220101000001L, 20220101000002L);
        assertThatThrownBy(() -> migrator.upTenant("Bad-Name")).hasMessageContaining("Tenant name 'Bad-Name' is not allowed");
    }

    @Test
    void downRollsBackTenantsThenMainInclusiveOfTheTargetVersion(TestDatabase db) {
        Migrator migrator = migrator(db, "tenant_a", "tenant_b");
        migrator.up();

        migrator.down(20220101000002L);

        for (String schema : List.of("tenant_a", "tenant_b")) {
            assertThat(db.versions(schema)).containsExactly(20220101000001L);
            assertThat(db.columns(schema, "foo")).containsExactly("id", "tenant");
        }
        assertThat(db.versions("public")).containsExactly(20220101000001L);

        // Dropping main's tenants table only works once no tenant table references it: tenants go first.
        migrator.down(20220101000001L);

        assertThat(db.versions("tenant_a")).isEmpty();
        assertThat(db.tables("tenant_a")).containsExactly("schema_migrations");
        assertThat(db.versions("public")).isEmpty();
        assertThat(db.tables("public")).containsExactly("schema_migrations", "schema_migrations_summary");
        assertThat(handled).isEmpty();
    }

    @Test
    void downThroughAMigrationWithoutDownFailsBeforeChangingAnything(TestDatabase db) {
        tenant.addWithoutDown("20220101000003_irreversible.sql", "CREATE TABLE kept (id int);");
        Migrator migrator = migrator(db, "tenant_a", "tenant_b");
        migrator.up();

        assertThatThrownBy(() -> migrator.down(20220101000002L))
            .isInstanceOf(MigratorException.class)
            .hasMessage("Cannot roll back 20220101000003_irreversible.sql in schema tenant_a: it has no '-- migrate:down' section.");

        for (String schema : List.of("tenant_a", "tenant_b")) {
            assertThat(db.versions(schema)).containsExactly(20220101000001L, 20220101000002L, 20220101000003L);
            assertThat(db.columns(schema, "foo")).containsExactly("id", "tenant", "bar");
        }
        assertThat(handled).hasSize(1);
    }

    @Test
    void downWithNamedTenantsLeavesOtherTenantsAndMainAlone(TestDatabase db) {
        Migrator migrator = migrator(db, "tenant_a", "tenant_b");
        migrator.up();

        migrator.down(20220101000001L, List.of("tenant_b"));

        assertThat(db.versions("tenant_a")).containsExactly(20220101000001L, 20220101000002L);
        assertThat(db.versions("tenant_b")).isEmpty();
        assertThat(db.versions("public")).containsExactly(20220101000001L);
    }

    @Test
    void ensureUpListsEveryPendingMigrationAndMissingSchemaExactly(TestDatabase db) {
        migrator(db, "tenant_a").up();
        db.execute("DELETE FROM tenant_a.schema_migrations WHERE version = 20220101000002; ALTER TABLE tenant_a.foo DROP COLUMN bar");
        main.add("20220101000005_add_plan.sql", "ALTER TABLE tenants ADD COLUMN plan text;", "ALTER TABLE tenants DROP COLUMN plan;");

        assertThatThrownBy(() -> migrator(db, "tenant_a", "tenant_b").ensureUp())
            .isInstanceOf(MigrationsNotUpException.class)
            .hasMessage("Migrations not up!\n"
                + "20220101000005_add_plan.sql\n"
                + "20220101000002_add_bar.sql (tenant: tenant_a)\n"
                + "SCHEMA DOES NOT EXIST: tenant_b");
    }

    @Test
    void ensureUpReturnsWhenNothingIsPending(TestDatabase db) {
        migrator(db, "tenant_a").up();

        migrator(db, "tenant_a").ensureUp();

        assertThat(migrator(db, "tenant_a").status().upToDate()).isTrue();
    }

    @Test
    void ensureUpIsReadOnlyOnAnEmptyDatabase(TestDatabase db) {
        assertThatThrownBy(() -> migrator(db, "tenant_a").ensureUp())
            .hasMessage("Migrations not up!\n" + CREATE_TENANTS + "\nSCHEMA DOES NOT EXIST: tenant_a");

        assertThat(db.schemas()).containsExactly("public");
        assertThat(db.tables("public")).isEmpty();
    }

    @Test
    void ensureUpReportsPendingMainMigrationsWhenTheTenantListCannotBeReadYet(TestDatabase db) {
        assertThatThrownBy(() -> migrator(db, TenantSource.query("SELECT slug FROM tenants")).ensureUp())
            .isInstanceOf(MigrationsNotUpException.class)
            .hasMessageStartingWith("Migrations not up!\n" + CREATE_TENANTS + "\nTENANT LIST COULD NOT BE READ: ")
            .hasMessageContaining("relation \"tenants\" does not exist");
    }

    @Test
    void statusShowsAppliedAndPendingPerSchema(TestDatabase db) {
        migrator(db, "tenant_a").up();
        tenant.add("20220101000003_add_baz.sql", "ALTER TABLE foo ADD COLUMN baz text;", "SELECT 1;");

        MigrationStatus status = migrator(db, "tenant_a", "tenant_b").status();

        assertThat(status.schemas()).containsExactly(
            new SchemaStatus("public", false, true, List.of(applied(CREATE_TENANTS))),
            new SchemaStatus("tenant_a", true, true, List.of(applied(CREATE_FOO), applied(ADD_BAR),
                pending("20220101000003_add_baz.sql"))),
            new SchemaStatus("tenant_b", true, false, List.of(pending(CREATE_FOO), pending(ADD_BAR),
                pending("20220101000003_add_baz.sql"))));
        assertThat(status.schemas().get(1).applied()).containsExactly(CREATE_FOO, ADD_BAR);
        assertThat(status.schemas().get(1).pending()).containsExactly("20220101000003_add_baz.sql");
    }

    private static StatusEntry applied(String file) {
        return StatusEntry.applied(Long.parseLong(file.substring(0, 14)), file);
    }

    private static StatusEntry pending(String file) {
        return StatusEntry.pending(Long.parseLong(file.substring(0, 14)), file);
    }

    @Test
    void aFailingMigrationInTheThirdTenantLeavesTheFirstTwoMigratedTheThirdUntouchedAndStartsNoOther(TestDatabase db) {
        String[] tenants = {"tenant_a", "tenant_b", "tenant_c", "tenant_d"};
        migrator(db, tenants).up();
        tenant.add("20220101000003_create_audit.sql",
            "CREATE TABLE audit (id int);\n"
                + "INSERT INTO audit VALUES (1);\n"
                + "SELECT 1 / (CASE WHEN current_schema() = 'tenant_c' THEN 0 ELSE 1 END);",
            "DROP TABLE audit;");
        Migrator oneAtATime = new Migrator(db.jdbi(), settings(TenantSource.of(List.of(tenants))).concurrency(1).build());

        assertThatThrownBy(oneAtATime::up)
            .isInstanceOf(RunFailedException.class)
            .hasMessageStartingWith("20220101000003_create_audit.sql failed during up of schema tenant_c (nothing of it was kept): ")
            .hasMessageContaining("division by zero")
            .satisfies(thrown -> assertThat(((RunFailedException) thrown).report().summary()).isEqualTo(
                "5 schemas: 2 migrated (2 migrations), 1 already up to date, 1 not attempted, 1 failed: "
                    + "tenant_c (20220101000003_create_audit.sql: statement 3 of 3 (line 4: SELECT 1 / (CASE WHEN "
                    + "current_schema() = 'tenant_c' THEN 0 ELSE 1 END)) failed: ERROR: division by zero)."));

        assertThat(db.tables("tenant_a")).contains("audit");
        assertThat(db.tables("tenant_b")).contains("audit");
        assertThat(db.versions("tenant_b")).contains(20220101000003L);
        assertThat(db.tables("tenant_c")).doesNotContain("audit");
        assertThat(db.versions("tenant_c")).containsExactly(20220101000001L, 20220101000002L);
        assertThat(db.tables("tenant_d")).doesNotContain("audit");
        assertThat(handled).containsExactly(new MigrationFailure(Operation.UP, java.util.Optional.of("tenant_c"),
            java.util.Optional.of("20220101000003_create_audit.sql"), true));
    }

    @Test
    void aNewTenantWhoseFirstMigrationFailsIsLeftWithoutASchema(TestDatabase db) {
        tenant.add("20220101000000_guard.sql",
            "SELECT 1 / (CASE WHEN current_schema() = 'tenant_c' THEN 0 ELSE 1 END);", "SELECT 1;");

        assertThatThrownBy(() -> migrator(db, "tenant_a", "tenant_b", "tenant_c").up())
            .hasMessageStartingWith("20220101000000_guard.sql failed during up of schema tenant_c (nothing of it was kept): ");

        assertThat(db.schemas()).containsExactly("public", "tenant_a", "tenant_b");
        assertThat(db.versions("tenant_b")).containsExactly(20220101000000L, 20220101000001L, 20220101000002L);
    }

    @Test
    void theHandlerSeesTheSchemasFailureWhichTheRunsFailureCarries(TestDatabase db) {
        List<Exception> seen = new ArrayList<>();
        main.add("20220101000009_broken.sql", "SELECT * FROM no_such_table;", "SELECT 1;");
        Migrator migrator = new Migrator(db.jdbi(), settings(TenantSource.none())
            .exceptionHandler((exception, failure) -> seen.add(exception)).build());

        assertThatThrownBy(migrator::up).isInstanceOf(RunFailedException.class).satisfies(thrown -> {
            assertThat(seen).hasSize(1);
            assertThat(thrown.getCause()).isSameAs(seen.get(0));
            assertThat(((RunFailedException) thrown).failures()).containsExactly((MigrationFailedException) seen.get(0));
        });
        assertThat(db.versions("public")).containsExactly(20220101000001L);
    }

    @Test
    void theRunListenerHearsEveryRunOnceWithItsReportWhetherItSucceededOrNot(TestDatabase db) {
        List<RunReport> heard = new ArrayList<>();
        Migrator migrator = new Migrator(db.jdbi(), settings(TenantSource.of(List.of("tenant_a"))).runListener(heard::add).build());

        migrator.up();
        migrator.up();
        tenant.add("20220101000003_broken.sql", "SELECT * FROM no_such_table;", "SELECT 1;");
        assertThatThrownBy(() -> new Migrator(db.jdbi(), settings(TenantSource.of(List.of("tenant_a")))
            .runListener(heard::add).build()).up()).isInstanceOf(RunFailedException.class);

        assertThat(heard).extracting(RunReport::summary).containsExactly(
            "2 schemas: 2 migrated (3 migrations), 0 already up to date.",
            "2 schemas: 0 migrated (0 migrations), 2 already up to date.",
            "2 schemas: 0 migrated (0 migrations), 1 already up to date, 1 failed: tenant_a (20220101000003_broken.sql: "
                + "ERROR: relation \"no_such_table\" does not exist (position 15)).");
    }

    @Test
    void aHandlerThatThrowsDoesNotHideTheFailure(TestDatabase db) {
        main.add("20220101000009_broken.sql", "SELECT * FROM no_such_table;", "SELECT 1;");
        Migrator migrator = new Migrator(db.jdbi(), settings(TenantSource.none())
            .exceptionHandler((exception, failure) -> {
                throw new IllegalStateException("error tracker is down");
            }).build());

        assertThatThrownBy(migrator::up)
            .isInstanceOf(RunFailedException.class)
            .hasMessageContaining("20220101000009_broken.sql failed during up of schema public")
            .satisfies(thrown -> assertThat(thrown.getSuppressed()).extracting(Throwable::getMessage)
                .containsExactly("error tracker is down"));
    }

    @Test
    void downToANegativeVersionIsRefusedBeforeAnythingRuns(TestDatabase db) {
        Migrator migrator = migrator(db, "tenant_a");
        migrator.up();

        assertThatThrownBy(() -> migrator.down(-1))
            .hasMessage("The version to roll back to must be 0 or more, was -1.");
        assertThat(db.versions("tenant_a")).hasSize(2);
    }

    @Test
    void dollarQuotedFunctionBodiesAndSemicolonsInStringsSurvive(TestDatabase db) {
        main.add("20220101000002_create_function.sql",
            "CREATE FUNCTION greet(who text) RETURNS text AS $body$\n"
                + "BEGIN\n  RETURN 'hello; ' || who || ';';\nEND;\n$body$ LANGUAGE plpgsql;\n"
                + "CREATE TABLE notes (body text DEFAULT 'a;b');",
            "DROP FUNCTION greet(text); DROP TABLE notes;");
        main.write("20220101000003_index_concurrently.sql",
            "-- migrate:up transaction:false\n"
                + "CREATE FUNCTION shout(t text) RETURNS text AS $$ SELECT upper(t) || '!;'; $$ LANGUAGE sql IMMUTABLE;\n"
                + "CREATE INDEX CONCURRENTLY notes_body ON notes (body);\n"
                + "-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY notes_body; DROP FUNCTION shout(text);\n");

        migrator(db).up();

        assertThat(db.queryOne("SELECT greet('x') || shout('y')", String.class)).isEqualTo("hello; x;Y!;");
        assertThat(db.versions("public")).containsExactly(20220101000001L, 20220101000002L, 20220101000003L);
        assertThat(db.queryOne("SELECT to_regclass('public.notes_body') IS NOT NULL", Boolean.class)).isTrue();
    }

    @Test
    void aFailureOutsideATransactionSaysWhatWasLeftBehind(TestDatabase db) {
        main.write("20220101000002_partial.sql",
            "-- migrate:up transaction:false\nCREATE TABLE first_part (id int);\nSELECT * FROM missing_table;\n");

        assertThatThrownBy(() -> migrator(db).up())
            .hasMessageContaining("20220101000002_partial.sql failed during up of schema public (it ran outside a transaction, "
                + "so the statements before the failing one stay applied; the failure is recorded and db-up refuses this "
                + "schema until you check it and run db-repair)")
            .hasMessageContaining("statement 2 of 2 (line 3: SELECT * FROM missing_table) failed: ERROR: relation "
                + "\"missing_table\" does not exist (position 15)");
        assertThat(db.tables("public")).contains("first_part");
        assertThat(db.versions("public")).containsExactly(20220101000001L);
    }

    @Test
    void javaMigrationsMixWithSqlFilesInVersionOrder(TestDatabase db) {
        Migration seed = new StatementMigration(20220101000003L, "seed_foo",
            "INSERT INTO foo (id, bar) VALUES (1, current_schema())", "DELETE FROM foo");
        Migrator migrator = new Migrator(db.jdbi(), settings(TenantSource.of(List.of("tenant_a")))
            .tenantJavaMigrations(List.of(seed)).build());

        migrator.up();

        assertThat(db.queryOne("SELECT bar FROM tenant_a.foo", String.class))
            .isEqualTo("tenant_a");
        assertThat(db.versions("tenant_a")).containsExactly(20220101000001L, 20220101000002L, 20220101000003L);

        migrator.down(20220101000003L);

        assertThat(db.queryOne("SELECT count(*) FROM tenant_a.foo", Integer.class))
            .isZero();
    }

    @Test
    void anEctoMadeHistoryTableIsReadAsIsAndExtended(TestDatabase db) {
        db.execute("CREATE TABLE schema_migrations (version bigint PRIMARY KEY, inserted_at timestamp(0) without time zone);"
            + "CREATE TABLE tenants (slug text PRIMARY KEY);"
            + "INSERT INTO schema_migrations VALUES (20220101000001, '2022-01-01 00:00:00');");
        main.add("20220101000002_add_plan.sql", "ALTER TABLE tenants ADD COLUMN plan text;", "ALTER TABLE tenants DROP COLUMN plan;");

        assertThat(migrator(db).status().schemas().get(0).pending()).containsExactly("20220101000002_add_plan.sql");
        migrator(db).up();

        assertThat(db.versions("public")).containsExactly(20220101000001L, 20220101000002L);
        assertThat(db.columns("public", "schema_migrations"))
            .containsExactly("version", "inserted_at", "name", "checksum", "execution_ms");
        assertThat(db.columns("public", "tenants")).containsExactly("slug", "plan");
    }

    @Test
    void aMalformedSetFailsWhenTheMigratorIsBuiltBeforeTouchingTheDatabase(TestDatabase db) {
        tenant.write("20220101000003_bad.sql", "CREATE TABLE x (id int);\n");

        assertThatThrownBy(() -> migrator(db, "tenant_a"))
            .isInstanceOf(MigratorException.class)
            .hasMessageStartingWith("Migration file 20220101000003_bad.sql in filesystem:");
        assertThat(db.schemas()).containsExactly("public");
    }

    private static List<LocalDateTime> insertedAt(TestDatabase db, String schema) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT inserted_at FROM " + schema + ".schema_migrations ORDER BY version")
            .mapTo(LocalDateTime.class).list());
    }
}

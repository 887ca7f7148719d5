package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.support.Await;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Every read of the fleet's state answers from the summary for the schemas it vouches for: status, ensure-up, the
 * probe (health check and gauges), the dry run, tenantState and a db-up with nothing to do open none of their history tables, as
 * the server's own count of scans ({@code pg_stat_user_tables}) shows; a schema whose trigger was dropped is read
 * (so the count does see reads), and up puts its trigger back, after which nothing is read at all.
 */
@ExtendWith(PostgresExtension.class)
class SummaryReadPathsTest {

    private static final String APPLICATION = "summary-read-paths";
    private static final List<String> TENANTS = List.of("t_1", "t_2", "t_3", "t_4");

    @TempDir
    Path dir;

    private int markerScans;

    @Test
    void readsOfTheFleetOpenNoHistoryTableTheSummaryVouchesFor(TestDatabase db) {
        Migrator migrator = migrator(db, unpooled(db));
        migrator.up();
        db.execute("CREATE TABLE public.scan_marker (id int)");
        db.execute("DROP TRIGGER schema_migrations_summary ON t_4.schema_migrations");
        Map<String, Long> before = scans(db);

        assertThat(migrator.status().upToDate()).isTrue();
        migrator.ensureUp();
        assertThat(migrator.probeStatus().upToDate()).isTrue();
        assertThat(migrator.planUp().schemas()).allSatisfy(schema -> assertThat(schema.migrations()).isEmpty());
        assertThat(migrator.tenantState("t_1").upToDate()).isTrue();
        Map<String, Long> afterReads = scans(db);

        assertThat(afterReads).as("scans of each history table").containsAllEntriesOf(Map.of(
            "public", before.get("public"), "t_1", before.get("t_1"), "t_2", before.get("t_2"), "t_3", before.get("t_3")));
        assertThat(afterReads.get("t_4")).as("the schema without its trigger, read by every read").isGreaterThan(before.get("t_4") + 3);

        RunReport mend = migrator.up();
        assertThat(mend.count(SchemaOutcome.Result.MIGRATED)).as("schemas migrated by mending the summary").isZero();
        Map<String, Long> afterMend = scans(db);
        migrator.up();
        migrator.status();

        assertThat(scans(db)).as("scans once the trigger is back").isEqualTo(afterMend);
    }

    /**
     * At 100,000 tenants a status is only small if the schemas with one history share it: the tenants with the same
     * history share one list of entries (the one read from its table too), and a tenant behind has its own.
     */
    @Test
    void schemasWithOneHistoryShareTheirStatusEntries(TestDatabase db) {
        Migrator migrator = migrator(db, db.jdbi());
        migrator.up();
        db.execute("DROP TRIGGER schema_migrations_summary ON t_4.schema_migrations");
        db.execute("DELETE FROM t_3.schema_migrations WHERE version = (SELECT max(version) FROM t_3.schema_migrations)");

        List<SchemaStatus> tenants = migrator.status().schemas().stream().filter(SchemaStatus::tenant).toList();

        assertThat(tenants.get(1).entries()).isSameAs(tenants.get(0).entries());
        assertThat(tenants.get(3).entries()).as("read from its table").isSameAs(tenants.get(0).entries());
        assertThat(tenants.get(2).entries()).isNotEqualTo(tenants.get(0).entries());
        assertThat(tenants.get(2).pending()).hasSize(1);
    }

    private Migrator migrator(TestDatabase db, Jdbi jdbi) {
        MigrationProject project = MigrationProject.create(dir, db);
        return new Migrator(jdbi, MigratorSettings.builder()
            .mainLocation("filesystem:" + project.mainMigrations())
            .tenantLocation("filesystem:" + project.tenantMigrations())
            .tenantSource(TenantSource.of(TENANTS))
            .build());
    }

    /** Connections that end when their handle closes, so their statistics reach the server's counts. */
    private static Jdbi unpooled(TestDatabase db) {
        PGSimpleDataSource source = (PGSimpleDataSource) db.dataSource();
        source.setApplicationName(APPLICATION);
        return Jdbi.create(source);
    }

    /**
     * The scans of each schema's history table once every session of the migrator has ended and its statistics are
     * counted: a backend reports them as it exits, and a scan of a marker table made after that shows once they are in.
     */
    private Map<String, Long> scans(TestDatabase db) {
        Await.until("the migrator's sessions to end", () -> db.jdbi().withHandle(handle -> handle.createQuery(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + APPLICATION + "'").mapTo(Long.class).one()) == 0);
        unpooled(db).useHandle(handle -> handle.createQuery("SELECT count(*) FROM public.scan_marker").mapTo(Long.class).one());
        markerScans++;
        Await.until("the marker's scan to be counted", () -> db.jdbi().withHandle(handle -> {
            handle.execute("SELECT pg_stat_clear_snapshot()");
            return handle.createQuery("SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'scan_marker'")
                .mapTo(Long.class).one();
        }) >= markerScans);
        return db.jdbi().withHandle(handle -> {
            handle.execute("SELECT pg_stat_clear_snapshot()");
            return handle.createQuery("SELECT schemaname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0) AS scans "
                    + "FROM pg_stat_user_tables WHERE relname = 'schema_migrations'")
                .map((row, context) -> Map.entry(row.getString(1), row.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        });
    }
}

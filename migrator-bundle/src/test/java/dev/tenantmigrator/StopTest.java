package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.SchemaOutcome.Result;
import dev.tenantmigrator.support.Await;
import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.support.MigrationGate;
import dev.tenantmigrator.support.ServerSessions;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link Migrator#stop()}: what a stop does to schemas waiting, running outside a transaction, or not yet reached. */
@ExtendWith(PostgresExtension.class)
class StopTest {

    private static final long V1 = 20240101000100L;
    private static final long V2 = 20240101000200L;
    private static final String GATED = V2 + "_gated.sql";

    private MigrationFolder tenant;
    /** What the exception handler was told, from the workers. */
    private final List<MigrationFailure> handled = new CopyOnWriteArrayList<>();

    @BeforeEach
    void writeMigrations(@TempDir Path dir) {
        tenant = new MigrationFolder(dir)
            .add(V1 + "_notes.sql", "CREATE TABLE notes (id int);", "DROP TABLE notes;");
    }

    private Migrator migrator(TestDatabase db, String... tenants) {
        return new Migrator(db.jdbi(), MigratorSettings.builder()
            .tenantLocation(tenant.location())
            .tenantSource(TenantSource.of(List.of(tenants)))
            .concurrency(1)
            .shutdownGrace(Duration.ZERO)
            .exceptionHandler((exception, failure) -> handled.add(failure))
            .build());
    }

    /** The report of the stopped run {@code run}. */
    private static RunReport stoppedReport(CompletableFuture<RunReport> run) throws Exception {
        try {
            run.get(1, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(RunStoppedException.class);
            return ((RunStoppedException) e.getCause()).report();
        }
        throw new AssertionError("the run ended as if it had not been stopped");
    }

    @Test
    void aMigrationOutsideATransactionCancelledByTheStopIsInterruptedAndItsRecordedFailureRefusesTheSchema(TestDatabase db)
        throws Exception {
        migrator(db, "t_a").up();
        tenant.write(GATED, "-- migrate:up transaction:false\n" + MigrationGate.PASS + "\n");
        Migrator migrator = migrator(db, "t_a");
        RunReport report;
        try (MigrationGate gate = MigrationGate.shut(db)) {
            CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(migrator::up);
            gate.awaitWaiting(1);

            migrator.stop();

            report = stoppedReport(run);
        }

        SchemaOutcome outcome = report.schemas().get(1);
        assertThat(outcome.result()).isEqualTo(Result.INTERRUPTED);
        assertThat(outcome.failedMigration()).contains(GATED);
        assertThat(outcome.error()).contains("cancelled when the shutdown grace period ended; it ran outside a transaction, "
            + "so the statements before the failing one stay applied; the failure is recorded and db-up refuses this schema "
            + "until you check it and run db-repair");
        assertThat(report.stopped()).isTrue();
        assertThat(handled).as("a schema the stop cut short is no failure of its own").isEmpty();
        assertThat(db.versions("t_a")).containsExactly(V1);
        assertThat(migrator(db, "t_a").status().schemas().get(1).problems()).containsExactly("FAILED: " + GATED);
        assertThatThrownBy(() -> migrator(db, "t_a").up()).isInstanceOf(RunFailedException.class)
            .hasMessageStartingWith("Schema t_a has a recorded failure: " + GATED);

        migrator(db, "t_a").repair(List.of());

        assertThat(migrator(db, "t_a").up().succeeded()).isTrue();
        assertThat(db.versions("t_a")).containsExactly(V1, V2);
    }

    @Test
    void aSchemaWaitingForAWorkerSlotGivesUpAtTheStopAndIsNotAttempted(TestDatabase db) throws Exception {
        Migrator migrator = migrator(db, "t_a");
        RunReport report;
        try (Handle peer = db.jdbi().open()) {
            // Another process holds the one slot there is, so the job holds t_a's lock and waits for the slot.
            peer.createQuery("SELECT count(pg_advisory_lock(" + ServerSessions.WORKER_SLOTS + ", 0))").mapTo(Integer.class).one();
            peer.addCleanable(() -> peer.createQuery("SELECT pg_advisory_unlock_all()").mapToMap().one());
            CompletableFuture<RunReport> run = CompletableFuture.supplyAsync(() -> migrator.upTenant("t_a"));
            Await.until("the job holding the schema's lock", () -> ServerSessions.schemaLocksHeld(db) > 0);

            migrator.stop();

            report = stoppedReport(run);
        }

        assertThat(report.summary()).isEqualTo("1 schema, stopped before the end: 0 migrated (0 migrations), "
            + "0 already up to date, 1 not attempted.");
        assertThat(db.schemas()).doesNotContain("t_a");
        assertThat(handled).isEmpty();
        assertThat(db.queryOne("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'", Integer.class)).isZero();
    }

    @Test
    void aStoppedMigratorStartsNoSchemaAndCountsThemAll(TestDatabase db) {
        migrator(db).up();
        Migrator migrator = migrator(db, "t_a", "t_b");
        migrator.stop();

        assertThatThrownBy(migrator::up).isInstanceOf(RunStoppedException.class)
            .hasMessage("3 schemas, stopped before the end: 0 migrated (0 migrations), 1 already up to date, "
                + "2 not attempted.");
        assertThat(db.schemas()).containsExactly("public");
    }
}

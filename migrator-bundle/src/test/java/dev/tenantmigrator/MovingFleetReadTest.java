package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tenantmigrator.support.Await;
import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.support.ServerSessions;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A schema dropped or renamed between the catalog query and the read of its history table: the read is
 * made again and sees the fleet as it is now; no raw exception reaches the user.
 */
@ExtendWith(PostgresExtension.class)
class MovingFleetReadTest {

    @TempDir
    Path dir;

    private Migrator migrator(TestDatabase db) {
        MigrationFolder tenant = new MigrationFolder(dir.resolve("tenant"))
            .add("20240101000100_notes.sql", "CREATE TABLE notes (id int);", "DROP TABLE notes;");
        return new Migrator(db.jdbi(), MigratorSettings.builder()
            .tenantLocation(tenant.location())
            .tenantSource(TenantSource.of(List.of("t_a", "t_b")))
            .build());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ALTER SCHEMA t_a RENAME TO t_a_archived", "DROP SCHEMA t_a CASCADE"})
    void aSchemaThatGoesBetweenTheCatalogQueryAndTheHistoryReadIsReadAgainAsMissing(String change, TestDatabase db)
        throws Exception {
        migrator(db).up();
        // Without the summary's trigger the summary cannot vouch for t_a: its table is read.
        db.execute("DROP TRIGGER schema_migrations_summary ON t_a.schema_migrations");
        CompletableFuture<MigrationStatus> reading;
        try (Handle mover = db.jdbi().open()) {
            // The read's catalog query sees t_a; its read of t_a's history table then waits behind this lock.
            mover.begin();
            mover.execute("LOCK TABLE t_a.schema_migrations IN ACCESS EXCLUSIVE MODE");
            reading = CompletableFuture.supplyAsync(() -> migrator(db).status());
            Await.until("the history read waiting for a lock", () -> ServerSessions.waitingForALock(db, "query_to_xml") > 0);
            mover.execute(change);
            mover.commit();
        }

        MigrationStatus status = reading.get(1, TimeUnit.MINUTES);

        assertThat(status.schemas()).extracting(SchemaStatus::schema, SchemaStatus::exists)
            .containsExactly(tuple("public", true), tuple("t_a", false), tuple("t_b", true));
        assertThat(status.pendingLines()).containsExactly("SCHEMA DOES NOT EXIST: t_a");
    }
}

package dev.tenantmigrator.internal.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.testing.PgBouncer;
import dev.tenantmigrator.testing.PgBouncer.PoolMode;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * A lock released by another server process than took it, or no longer held when released, fails the schema's job
 * (a slot, which only bounds the load, is logged): either way a peer may have been in the schema meanwhile.
 */
@ExtendWith(PostgresExtension.class)
class LockReleaseTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        for (Class<?> type : List.of(SchemaLock.class, WorkerSlot.class)) {
            ((Logger) LoggerFactory.getLogger(type)).addAppender(logged);
        }
    }

    @AfterEach
    void stopListening() {
        for (Class<?> type : List.of(SchemaLock.class, WorkerSlot.class)) {
            ((Logger) LoggerFactory.getLogger(type)).detachAppender(logged);
        }
    }

    private List<String> errors() {
        return logged.list.stream().filter(event -> event.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage)
            .toList();
    }

    @Test
    void releasingLocksThatWereHeldLogsNothing(TestDatabase db) {
        try (Handle handle = db.jdbi().open()) {
            SchemaLock.tryAcquire(handle, SchemaRef.main("t_a")).orElseThrow().close();
            WorkerSlot.acquire(handle, 1, 0, Duration.ofSeconds(1), StopSignal.never()).close();
        }

        assertThat(errors()).isEmpty();
    }

    @Test
    void aSchemaLockSomethingElseReleasedFirstFailsItsJobAndASlotIsLogged(TestDatabase db) {
        try (Handle handle = db.jdbi().open()) {
            SchemaLock lock = SchemaLock.tryAcquire(handle, SchemaRef.main("t_a")).orElseThrow();
            WorkerSlot slot = WorkerSlot.acquire(handle, 1, 0, Duration.ofSeconds(1), StopSignal.never());
            handle.createQuery("SELECT pg_advisory_unlock_all()").mapToMap().one();

            slot.close();
            // The schema may have been changed by a peer meanwhile: the job must not report it migrated.
            assertThatThrownBy(lock::close).isInstanceOf(MigratorException.class).hasMessage("The migration lock of schema "
                + "t_a was no longer held by this session when it was released (something reset the session's advisory "
                + "locks, such as pg_advisory_unlock_all() or a pooler's server_reset_query), so a peer may have changed the "
                + "schema meanwhile: check its history against its objects.");
        }

        assertThat(errors()).containsExactly("Worker slot 0 was no longer held by this session when it was released "
            + "(something reset the session's advisory locks, such as pg_advisory_unlock_all() or a pooler's "
            + "server_reset_query).");
    }

    @Test
    void locksReleasedByAnotherServerProcessThanTookThemNameTransactionPooling(TestDatabase db) {
        assumeTrue(PgBouncer.binary().isPresent(), "pgbouncer is not installed (.ci/run installs it)");
        try (PgBouncer bouncer = PgBouncer.start(db, PoolMode.TRANSACTION, 2);
             Handle migrator = Jdbi.create(bouncer.url(), "postgres", "").open();
             Handle application = Jdbi.create(bouncer.url(), "postgres", "").open()) {
            SchemaLock lock = SchemaLock.tryAcquire(migrator, SchemaRef.main("t_a")).orElseThrow();
            WorkerSlot slot = WorkerSlot.acquire(migrator, 1, 0, Duration.ofSeconds(1), StopSignal.never());
            // Another client's transaction takes the server connection the locks are on (the one freed last), so the
            // migrator's next statement runs on the other one.
            application.begin();
            int taken = application.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();

            assertThatThrownBy(slot::close).isInstanceOf(MigratorException.class)
                .hasMessageStartingWith("The migrator's database connections are not sessions of their own (worker slot 0 "
                    + "was taken by server process " + taken + " and released by ")
                .hasMessageContaining("pool_mode = transaction");
            assertThatThrownBy(lock::close).isInstanceOf(MigratorException.class)
                .hasMessageStartingWith("The migrator's database connections are not sessions of their own (the migration "
                    + "lock of schema t_a was taken by server process " + taken + " and released by ")
                .hasMessageEndingWith("a peer may have changed the schema meanwhile, so check its history against its objects.");
            application.rollback();
        }
    }
}

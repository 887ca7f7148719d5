package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.internal.OwnSessions;
import dev.tenantmigrator.internal.SchemaRef;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL session advisory lock keyed on one schema, held on the connection that migrates it.
 * Taken by polling {@code pg_try_advisory_lock} rather than waiting in {@code pg_advisory_lock}: a
 * waiter sits in no statement, so a peer's {@code CREATE INDEX CONCURRENTLY} never waits for it.
 */
final class SchemaLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaLock.class);
    /** The first key of every lock this library takes, so its locks do not collide with the application's. */
    static final int NAMESPACE = 0x7E4A_1C01;
    private static final Duration LOG_EVERY = Duration.ofSeconds(30);
    private static final String CONNECTION_CHECK = "2s";

    private final Handle handle;
    private final SchemaRef schema;
    /** The server process that granted the lock: the one that must release it. */
    private final int pid;

    private SchemaLock(Handle handle, SchemaRef schema, int pid) {
        this.handle = handle;
        this.schema = schema;
        this.pid = pid;
    }

    /** The schema's lock when no other session holds it; empty otherwise, at once. */
    static Optional<SchemaLock> tryAcquire(Handle handle, SchemaRef schema) {
        return tryLock(handle, schema);
    }

    /** The schema's lock stayed with another process for longer than the caller would wait. */
    static final class WaitExpired extends MigratorException {
        private static final long serialVersionUID = 1L;

        WaitExpired(SchemaRef schema, Duration maxWait) {
            super("Schema " + schema + " is being migrated by another process: its migration lock was not free within "
                + "schemaLockWait (" + maxWait.toSeconds() + " s); run again once that process has finished, or look "
                + "for a session holding an advisory lock in pg_locks.");
        }
    }

    /**
     * Blocks until this session holds the schema's lock, asking again every {@code pollInterval}.
     *
     * @throws WaitExpired when the lock is still taken after {@code maxWait}
     * @throws Stopped when {@code stop} is requested while the lock is taken
     */
    static SchemaLock acquire(Handle handle, SchemaRef schema, Duration pollInterval, Duration maxWait, StopSignal stop) {
        return acquire(handle, schema, pollInterval, maxWait, stop, () -> false).orElseThrow();
    }

    /**
     * The same, but gives up (empty) as soon as {@code giveUp} says so between two tries: when what the lock was
     * wanted for turns out to be done already.
     */
    static Optional<SchemaLock> acquire(Handle handle, SchemaRef schema, Duration pollInterval, Duration maxWait,
                                        StopSignal stop, BooleanSupplier giveUp) {
        long started = System.nanoTime();
        long nextLog = 0;
        while (true) {
            // Asked before each try: a peer that finished commits before it lets the lock go.
            if (giveUp.getAsBoolean()) {
                return Optional.empty();
            }
            Optional<SchemaLock> lock = tryLock(handle, schema);
            if (lock.isPresent()) {
                return lock;
            }
            stop.refuseWait("the lock of schema " + schema + ", which another process held");
            long waited = System.nanoTime() - started;
            if (waited >= maxWait.toNanos()) {
                throw new WaitExpired(schema, maxWait);
            }
            if (waited >= nextLog) {
                LOG.info("Waiting for another process that is migrating schema {} ({} s so far)", schema,
                    Duration.ofNanos(waited).toSeconds());
                nextLog = waited + LOG_EVERY.toNanos();
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MigratorException("Interrupted while waiting for the migration lock of schema " + schema + ".", e);
            }
        }
    }

    private static Optional<SchemaLock> tryLock(Handle handle, SchemaRef schema) {
        Session.Answer taken = Session.queryAnswer(handle, checksClientConnection(handle)
                ? "SELECT pg_try_advisory_lock(?, hashtext(?)), "
                    + "set_config('client_connection_check_interval', '" + CONNECTION_CHECK + "', false), pg_backend_pid()"
                : "SELECT pg_try_advisory_lock(?, hashtext(?)), pg_backend_pid()",
            NAMESPACE, schema.name());
        return taken.yes() ? Optional.of(new SchemaLock(handle, schema, taken.pid())) : Optional.empty();
    }

    /**
     * A session lock dies with its session. PostgreSQL 14 and later can notice a vanished client
     * during a long statement too ({@code client_connection_check_interval}), so the lock of a killed
     * pod is freed within seconds rather than when its statement ends.
     */
    private static boolean checksClientConnection(Handle handle) {
        try {
            return handle.getConnection().getMetaData().getDatabaseMajorVersion() >= 14;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Releases the lock, in the server process that granted it. PostgreSQL answers false (with a warning only in
     * its own log) when this session did not hold it: something ended or reset the session's locks meanwhile.
     * Either way the schema may have been changed by a peer while this job thought it held the lock, which the job's
     * outcome must say.
     *
     * @throws MigratorException when the lock was not this session's to the end
     */
    @Override
    public void close() {
        Session.Answer released = Session.queryAnswer(handle, "SELECT pg_advisory_unlock(?, hashtext(?)), pg_backend_pid()",
            NAMESPACE, schema.name());
        if (released.pid() != pid) {
            throw OwnSessions.notOwn("the migration lock of schema " + schema + " was taken by server process " + pid
                + " and released by " + released.pid(), "a peer may have changed the schema meanwhile, so check its "
                + "history against its objects");
        }
        if (!released.yes()) {
            throw new MigratorException("The migration lock of schema " + schema + " was no longer held by this session "
                + "when it was released (something reset the session's advisory locks, such as pg_advisory_unlock_all() or "
                + "a pooler's server_reset_query), so a peer may have changed the schema meanwhile: check its history "
                + "against its objects.");
        }
    }
}

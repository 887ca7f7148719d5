package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.internal.Connections;
import dev.tenantmigrator.internal.Failures;
import dev.tenantmigrator.internal.TcpKeepalive;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pooled connection for one schema job, with no session state from whatever used it before and
 * none left behind for whatever uses it next: migrations may create temporary tables, {@code SET}
 * settings, {@code PREPARE} statements or {@code LISTEN}, and the next schema's migrations must not
 * see them (a temporary table of one tenant read by the next is one tenant seeing another's data).
 *
 * <p>This is {@code DISCARD ALL} without its {@code pg_advisory_unlock_all()}: the session's advisory
 * locks (the schema lock, a worker slot) are the one state kept on purpose, and {@code DISCARD ALL}
 * cannot run inside the implicit transaction of a multi-statement query anyway. pgjdbc sees the
 * {@code DEALLOCATE ALL} and forgets its own server-side prepared statements.
 *
 * <p>While the job holds it, the session also has the server's side of the network timeout: TCP
 * keepalive that notices a client cut off by the network, and idle timeouts that end the session
 * (and so let go of its locks) when the client stops talking, as a frozen client or network does
 * (PostgreSQL 14 and later for the one outside a transaction). {@code RESET ALL} takes them off
 * again before the connection goes back to the pool.
 */
final class CleanSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CleanSession.class);
    /** Everything {@code DISCARD ALL} resets but the advisory locks, in one round trip. */
    static final String RESET = "CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; DEALLOCATE ALL; UNLISTEN *; "
        + "DISCARD PLANS; DISCARD SEQUENCES; DISCARD TEMP";

    private final Handle handle;

    private CleanSession(Handle handle) {
        this.handle = handle;
    }

    /** A connection from the pool, reset before it is handed out, bounded as {@code policy} says. */
    static CleanSession open(Connections connections, Policy policy) {
        Handle handle = connections.open();
        try {
            Session.execute(handle, RESET + serverBounds(policy, handle.getConnection().getMetaData().getDatabaseMajorVersion()));
            return new CleanSession(handle);
        } catch (SQLException e) {
            handle.close();
            throw new UnableToExecuteStatementException(e, null);
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    /**
     * The settings that bound the session on the server's side ({@code idle_session_timeout} from PostgreSQL 14
     * on). Numbers the migrator computed, so written into the statement: it shares the reset's round trip.
     */
    static String serverBounds(Policy policy, int serverMajorVersion) {
        if (policy.networkTimeout().isZero()) {
            return "";
        }
        TcpKeepalive keepalive = TcpKeepalive.within(policy.networkTimeout());
        return "; SELECT set_config('idle_in_transaction_session_timeout', '" + policy.networkTimeout().toMillis() + "', false), "
            + (serverMajorVersion >= 14 ? "set_config('idle_session_timeout', '" + policy.idleLimit().toMillis() + "', false), " : "")
            + "set_config('tcp_keepalives_idle', '" + keepalive.idleSeconds() + "', false), "
            + "set_config('tcp_keepalives_interval', '" + keepalive.intervalSeconds() + "', false), "
            + "set_config('tcp_keepalives_count', '" + keepalive.count() + "', false)";
    }

    /** Resets the session of {@code handle}: see the class comment for what is reset and what is kept. */
    static void reset(Handle handle) {
        Session.execute(handle, RESET);
    }

    Handle handle() {
        return handle;
    }

    /**
     * Resets the session and returns the connection to the pool. A connection that cannot be reset is
     * broken (the next job resets it again before use, and fails there if it is): the job's own outcome
     * stands, so this is only logged.
     */
    @Override
    public void close() {
        try {
            if (handle.isInTransaction()) {
                handle.rollback();
            }
            reset(handle);
        } catch (RuntimeException e) {
            LOG.warn("Could not reset a migrator session before returning it to the pool: {}", Failures.rootMessage(e));
        } finally {
            handle.close();
        }
    }
}

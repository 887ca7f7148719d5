package dev.tenantmigrator.internal;

import dev.tenantmigrator.MigratorException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The proof, taken before a run changes anything, that the connections the migrator holds at once are
 * sessions of their own, each served by one server process for as long as it is held; and that as many
 * as the run needs answer at once.
 *
 * <p>The migrator keeps state in its sessions between transactions: the schema's advisory lock, a worker
 * slot, the settings of a migration outside a transaction, {@code LISTEN}. A pooler in transaction mode
 * (PgBouncer's {@code pool_mode = transaction}) hands each transaction whichever server connection is free,
 * so that state lands on a connection another client gets next: two workers in one schema, a
 * {@code search_path} that sends the application's writes into a tenant. Such a pooler cannot be asked
 * what it is, but it cannot hide it either: connections held at once each ask their server process's pid
 * a few times, in turns. Sessions of their own answer with distinct pids that never change; a transaction
 * pooler gives the freed server connection to the next client (PgBouncer reuses the last one freed), so two
 * clients see one pid, or (serving round robin) one client sees its pid change. Every lock the migrator
 * takes and releases checks its pid again, in the same statement, for a pooler that switched later.
 *
 * <p>A pooler in session mode keeps a client waiting while all its server connections are taken, for as
 * long as its own timeout (two minutes by default): a pool smaller than the processes' workers is found
 * here, by a first answer that does not come within seconds.
 */
public final class OwnSessions {

    /** How long a session's first answer may take: a server answers at once; a pooler's queue does not. */
    static final Duration FIRST_ANSWER = Duration.ofSeconds(5);
    /** Turns of questions after the first: each is one more chance for a transaction pooler to switch. */
    private static final int TURNS = 2;
    /** Pooled connections found cut before one answers. */
    private static final int STALE_SKIPPED = 3;

    private OwnSessions() {
    }

    /**
     * Takes {@code sessions} connections of {@code connections} at once and proves them sessions of their own.
     *
     * @throws MigratorException naming transaction pooling when they are not, or the pool size needed when
     *     they do not all answer within {@link #FIRST_ANSWER}
     */
    static void prove(Connections connections, int sessions) {
        List<Held> held = new ArrayList<>(sessions);
        // A pooler's queue can hold a client at login as well as at its first query: both wait on this thread.
        ExecutorService opener = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "migrator-session-check");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int i = 0; i < sessions; i++) {
                held.add(open(connections, opener, i, sessions));
            }
            for (int turn = 0; turn < TURNS; turn++) {
                for (Held session : held) {
                    int pid = pid(session.handle());
                    if (pid != session.pid()) {
                        throw notOwn("one connection was answered by server process " + session.pid() + " and then by " + pid);
                    }
                }
            }
            Set<Integer> distinct = held.stream().map(Held::pid).collect(Collectors.toSet());
            if (distinct.size() < sessions) {
                throw notOwn(sessions + " connections held at once were answered by " + distinct.size()
                    + (distinct.size() == 1 ? " server process" : " server processes"));
            }
        } catch (RuntimeException e) {
            held.forEach(session -> closeQuietly(session.handle(), e));
            throw e;
        } finally {
            opener.shutdown();
        }
        held.forEach(session -> session.handle().close());
    }

    /** A connection held for the proof, and the server process that first answered it. */
    private record Held(Handle handle, int pid) {
    }

    /** The next connection and its first answer, within {@link #FIRST_ANSWER}; {@code answered} came before it. */
    private static Held open(Connections connections, ExecutorService opener, int answered, int sessions) {
        Future<Held> next = opener.submit(() -> firstAnswer(connections));
        try {
            return next.get(FIRST_ANSWER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Given back to the pool once the queue lets it through (or fails it), after the refusal.
            opener.execute(() -> giveBack(next));
            throw new MigratorException("Only " + answered + " of the " + sessions + " database sessions this run "
                + "holds at once answered within " + FIRST_ANSWER.toSeconds() + " s, as when a pooler in session mode "
                + "(PgBouncer's default_pool_size) has fewer server connections than every process running at once needs ("
                + sessions + " for this run, migrator.concurrency + 1 at most): give the pool that many per process, lower "
                + "migrator.concurrency, or point migrator.database at PostgreSQL itself; no schema was started after "
                + "this check.");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new MigratorException(
                "Could not open a database session: " + Failures.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigratorException("Interrupted while opening the migrator's database sessions.", e);
        }
    }

    /**
     * A connection and its server process. A pooled connection whose network was cut since its last use fails its
     * first statement and is closed by the driver: the pool is asked for another, a few times.
     */
    private static Held firstAnswer(Connections connections) {
        for (int attempt = 1; ; attempt++) {
            Handle handle = connections.open();
            try {
                return new Held(handle, pid(handle));
            } catch (RuntimeException e) {
                closeQuietly(handle, e);
                if (!Failures.isConnectionFailure(e) || attempt == STALE_SKIPPED) {
                    throw e;
                }
            }
        }
    }

    /** Closes a connection that may be broken; a failure to close joins {@code failure} instead of hiding it. */
    private static void closeQuietly(Handle handle, Throwable failure) {
        try {
            handle.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void giveBack(Future<Held> late) {
        try {
            late.get().handle().close();
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            // It never opened: nothing to give back.
        }
    }

    /**
     * The failure of a connection that turned out not to be a session of its own: {@code what} says how it showed,
     * {@code then} what it means for the database.
     */
    public static MigratorException notOwn(String what, String then) {
        return new MigratorException("The migrator's database connections are not sessions of their own (" + what
            + "), as behind a pooler in transaction mode such as PgBouncer's pool_mode = transaction, and the migrator "
            + "keeps its locks in its sessions: point migrator.database (or the Migrator's Jdbi) at PostgreSQL itself or "
            + "at a pool in session mode; " + then + ".");
    }

    private static MigratorException notOwn(String what) {
        return notOwn(what, "nothing was changed");
    }

    private static int pid(Handle handle) {
        try (Statement statement = handle.getConnection().createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }
}

package dev.tenantmigrator.benchmark.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates and drops the benchmark's databases ({@code bench_<tenants>_<pid>_<n>}) on the server,
 * and remembers the ones still there so that {@link #dropAll()} leaves the server as it was.
 */
public final class Databases {

    private final PostgresServer server;
    private final Settler settler;
    private final boolean dropWithForce;
    private final AtomicInteger counter = new AtomicInteger();
    private final List<BenchDatabase> live = new ArrayList<>();

    /** Databases on {@code server}; drops of big ones are reported to {@code settler}. */
    public Databases(PostgresServer server, Settler settler) throws SQLException {
        this.server = server;
        this.settler = settler;
        this.dropWithForce = server.majorVersion() >= 13;
    }

    /** A new database whose {@code public.tenants} lists {@code tenants} tenants; nothing else is in it. */
    public synchronized BenchDatabase create(int tenants) throws SQLException {
        String name = "bench_" + tenants + "_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
        try (Connection admin = server.connectAdmin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        BenchDatabase database = new BenchDatabase(name, server.adminUrl().withDatabase(name), server.user(),
            server.password(), tenants);
        live.add(database);
        database.execute("CREATE TABLE public.tenants (slug text PRIMARY KEY); "
            + "INSERT INTO public.tenants SELECT 't_' || lpad(i::text, greatest(5, length(i::text)), '0') "
            + "FROM generate_series(1, " + tenants + ") i; "
            + "ANALYZE public.tenants");
        return database;
    }

    /** Drops {@code database}, ending any session still in it. */
    public synchronized void drop(BenchDatabase database) throws SQLException {
        try (Connection admin = server.connectAdmin(); Statement statement = admin.createStatement()) {
            if (!dropWithForce) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                    + database.name() + "' AND pid <> pg_backend_pid()");
            }
            statement.execute("DROP DATABASE IF EXISTS " + database.name() + (dropWithForce ? " WITH (FORCE)" : ""));
        }
        live.remove(database);
        settler.dropped(database.tenants());
    }

    /** Drops every database this object created and has not dropped yet; reports failures on stderr. */
    public synchronized void dropAll() {
        for (BenchDatabase database : List.copyOf(live)) {
            try {
                drop(database);
            } catch (SQLException e) {
                System.err.println("Could not drop database " + database.name() + ": " + e.getMessage());
            }
        }
    }

    /** Asks the server for a checkpoint before a timed step; ignored when the user may not. */
    public void checkpoint() {
        try (Connection admin = server.connectAdmin(); Statement statement = admin.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            // Not a superuser (or pg_checkpoint member): time without it.
        }
    }
}

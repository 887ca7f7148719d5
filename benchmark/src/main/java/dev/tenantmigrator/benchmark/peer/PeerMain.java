package dev.tenantmigrator.benchmark.peer;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The entry point of a peer child JVM: {@code PeerMain <mode> <folder> <result file>}, the database
 * in {@code BENCH_DB_URL}, {@code BENCH_DB_USER}, {@code BENCH_DB_PASSWORD}. It times one loop over
 * every tenant (reading the tenant list included) and writes a {@link PeerResult} as JSON.
 * Modes: {@code flyway}, {@code liquibase}, {@code jdbc-empty}, {@code jdbc-pending}.
 */
public final class PeerMain {

    private PeerMain() {
    }

    /** Runs one loop; exits 1 with the stack trace on stderr when it fails. */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: PeerMain flyway|liquibase|jdbc-empty|jdbc-pending <folder> <result file>");
            System.exit(2);
        }
        // The peers log at WARN, as our tool is configured to; Liquibase sends nothing home.
        System.setProperty("liquibase.analytics.enabled", "false");
        Logger.getLogger("").setLevel(Level.WARNING);
        try {
            PeerResult result = run(args[0], Path.of(args[1]), DatabaseLogin.fromEnvironment());
            new ObjectMapper().writeValue(Path.of(args[2]).toFile(), result);
            System.exit(0);
        } catch (Exception | LinkageError e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static PeerResult run(String mode, Path folder, DatabaseLogin login) throws Exception {
        HeapPools.reset();
        long started = System.nanoTime();
        List<String> tenants;
        try (Connection connection = login.connect()) {
            tenants = TenantList.read(connection);
        }
        switch (mode) {
            case "flyway" -> FlywayLoop.migrate(login, folder, tenants);
            case "liquibase" -> LiquibaseLoop.update(login, folder, tenants);
            case "jdbc-empty" -> JdbcLoop.fromEmpty(login, folder, tenants);
            case "jdbc-pending" -> JdbcLoop.pending(login, folder, tenants);
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        double elapsed = (System.nanoTime() - started) / 1e6;
        return new PeerResult(elapsed, tenants.size(), HeapPools.peakBytes());
    }
}

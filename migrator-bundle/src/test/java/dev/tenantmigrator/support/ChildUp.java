package dev.tenantmigrator.support;

import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.TenantSource;
import dev.tenantmigrator.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs {@code up} in a process of its own, so a test can kill it as Kubernetes kills a pod:
 * {@code ChildUp <jdbc url> <user> <password> <main location> <tenant location> <tenant>...}.
 */
public final class ChildUp {

    private ChildUp() {
    }

    /** Starts {@code up} of the default main location and {@code tenantLocation} for tenant t_a in a child JVM logging to {@code log}. */
    public static Process start(TestDatabase db, String tenantLocation, Path log) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), ChildUp.class.getName(),
            db.url(), db.user(), db.password(), MigratorSettings.DEFAULT_MAIN_LOCATION, tenantLocation, "t_a")
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    public static void main(String[] args) {
        System.out.println(migrator(args).up().summary());
    }

    /** The migrator the arguments describe. */
    static Migrator migrator(String[] args) {
        return new Migrator(Jdbi.create(args[0], args[1], args[2]), MigratorSettings.builder()
            .mainLocation(args[3])
            .tenantLocation(args[4])
            .tenantSource(TenantSource.of(Arrays.asList(args).subList(5, args.length)))
            .build());
    }
}

package dev.tenantmigrator.benchmark.peer;

import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway as a schema-per-tenant loop: the main schema once, then per tenant
 * {@code Flyway.configure().dataSource(...).schemas(tenant).defaultSchema(tenant).locations(...).load().migrate()}
 * (Flyway creates the schema and its own history table in it).
 */
final class FlywayLoop {

    private FlywayLoop() {
    }

    static void migrate(DatabaseLogin login, Path folder, List<String> tenants) {
        // The benchmark put the tenants table in public before any runner: baseline below the first version.
        check(Flyway.configure().dataSource(login.url(), login.user(), login.password())
            .schemas("public").defaultSchema("public")
            .locations("filesystem:" + folder.resolve("main"))
            .baselineOnMigrate(true).baselineVersion("0")
            .load().migrate(), "public");
        String tenantLocation = "filesystem:" + folder.resolve("tenant");
        for (String tenant : tenants) {
            check(Flyway.configure().dataSource(login.url(), login.user(), login.password())
                .schemas(tenant).defaultSchema(tenant)
                .locations(tenantLocation)
                .load().migrate(), tenant);
        }
    }

    private static void check(MigrateResult result, String schema) {
        if (!result.success) {
            throw new IllegalStateException("Flyway did not migrate schema " + schema);
        }
    }
}

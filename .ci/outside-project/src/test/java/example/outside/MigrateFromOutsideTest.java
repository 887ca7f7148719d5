package example.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.RunReport;
import dev.tenantmigrator.TenantSource;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Only the published API, from a package of another project: the installed jars are enough to migrate. */
@ExtendWith(PostgresExtension.class)
class MigrateFromOutsideTest {

    @Test
    void migratesTheMainSchemaAndTwoTenants(TestDatabase database) {
        Migrator migrator = new Migrator(database.jdbi(), MigratorSettings.builder()
            .mainLocation("classpath:db/migrations")
            .tenantLocation("classpath:db/tenant_migrations")
            .tenantSource(TenantSource.of(List.of("acme", "globex")))
            .build());

        RunReport report = migrator.up();

        assertTrue(report.succeeded(), report.summary());
        assertEquals(3, report.migrationCount(), report.summary());   // one main, one per tenant
        assertEquals(List.of("acme", "globex", "public"), database.schemas());
        assertEquals(List.of("notes", "schema_migrations"), database.tables("globex"));
        assertEquals(List.of(20240101000000L), database.versions("public"));
        assertTrue(migrator.status().upToDate());
    }
}

package dev.tenantmigrator.testing;

import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.TenantSource;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database of its own for a test class, on the test run's PostgreSQL (see {@link PostgresExtension}),
 * migrated with the application's main and tenant sets and a number of tenants before the first test:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final MigratedPostgres DB = MigratedPostgres.with(settings -> settings
 *         .mainLocation("classpath:db/migrations")
 *         .tenantLocation("classpath:db/tenant_migrations"))
 *     .tenants(3);
 * }</pre>
 *
 * Register it in a {@code static} field: it migrates once per class. The tenants are named
 * {@code tenant_1} to {@code tenant_N}; {@link #database()} gives the URL and the catalog reads.
 */
public final class MigratedPostgres implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<MigratorSettings.Builder> settings;
    private final int tenants;
    private TestDatabase database;
    private Migrator migrator;

    private MigratedPostgres(UnaryOperator<MigratorSettings.Builder> settings, int tenants) {
        this.settings = settings;
        this.tenants = tenants;
    }

    /** A database migrated with the settings {@code settings} makes of the defaults, without tenants. */
    public static MigratedPostgres with(UnaryOperator<MigratorSettings.Builder> settings) {
        return new MigratedPostgres(settings, 0);
    }

    /** The same, with {@code count} tenants. */
    public MigratedPostgres tenants(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("tenants must be 0 or more, was " + count);
        }
        return new MigratedPostgres(settings, count);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database = PostgresExtension.newDatabase();
        migrator = new Migrator(database.jdbi(), settings.apply(MigratorSettings.builder())
            .tenantSource(TenantSource.of(tenantNames()))
            .build());
        migrator.up();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (database != null) {
            database.close();
        }
    }

    /** The tenants the database was migrated with, {@code tenant_1} first. */
    public List<String> tenantNames() {
        return IntStream.rangeClosed(1, tenants).mapToObj(i -> "tenant_" + i).toList();
    }

    /** The migrated database: its URL, a pooled Jdbi and catalog reads. */
    public TestDatabase database() {
        return require(database);
    }

    /** A pooled Jdbi on the migrated database. */
    public Jdbi jdbi() {
        return database().jdbi();
    }

    /** The migrator that migrated it, e.g. to onboard another tenant with {@link Migrator#upTenant}. */
    public Migrator migrator() {
        return require(migrator);
    }

    private static <T> T require(T value) {
        if (value == null) {
            throw new IllegalStateException("MigratedPostgres migrates in beforeAll: register it in a static field "
                + "with @RegisterExtension");
        }
        return value;
    }
}

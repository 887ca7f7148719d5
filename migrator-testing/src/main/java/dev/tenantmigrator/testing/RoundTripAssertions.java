package dev.tenantmigrator.testing;

import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.RoundTripCheck;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The round-trip check ({@link RoundTripCheck}, the {@code db-verify} command) as an assertion on an
 * application's migration folders: every main and tenant migration goes up, down and up again on a
 * fresh database of the test run's PostgreSQL, and each down must undo its up.
 *
 * <pre>{@code
 * @Test
 * void everyDownUndoesItsUp() {
 *     RoundTripAssertions.assertRoundTrip("classpath:db/migrations", "classpath:db/tenant_migrations");
 * }
 * }</pre>
 */
public final class RoundTripAssertions {

    private RoundTripAssertions() {
    }

    /**
     * Checks both sets of these locations; returns the check's summaries.
     *
     * @throws AssertionError with the check's sentence naming the first migration whose down does not undo its up
     */
    public static List<String> assertRoundTrip(String mainLocation, String tenantLocation) {
        MigratorSettings settings = MigratorSettings.builder().mainLocation(mainLocation).tenantLocation(tenantLocation).build();
        try (TestDatabase database = PostgresExtension.newDatabase()) {
            // Tenant migrations run against the main schema, as in production: it is migrated first.
            new Migrator(database.jdbi(), settings).up();
            return new RoundTripCheck(database.jdbi(), settings).mainAndTenantMigrations(database::onDatabase).stream()
                .map(RoundTripCheck.Result::summary).collect(Collectors.toList());
        } catch (MigratorException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}

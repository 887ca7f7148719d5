package dev.tenantmigrator;

import dev.tenantmigrator.internal.Connections;
import dev.tenantmigrator.internal.execute.StopSignal;
import dev.tenantmigrator.internal.op.OperationContext;
import dev.tenantmigrator.internal.op.VerifyOperation;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * The round-trip check: proves, away from every real schema, that each migration's down undoes its
 * up. In a scratch schema it creates (and drops afterwards, also on failure) it applies the
 * migrations one at a time, rolls them back one at a time and applies them again, comparing the
 * schema's catalog at every step: after rolling back a migration it must be as it was before that
 * migration was applied, and the second time up as the first. The first mismatch fails the check
 * naming that migration and what differs.
 *
 * <p>Tenant migrations run in a scratch schema of the real database with the main schema second on
 * the search path, as for a real tenant, so the main schema must be up to date. Main migrations run
 * only in a scratch database ({@link #mainAndTenantMigrations}), since in the real database they
 * could reach the real main schema. The history table is left out of every comparison.
 */
public final class RoundTripCheck {

    private final VerifyOperation verify;

    /**
     * A check of the migration sets the settings name, on the database {@code jdbi} reaches.
     *
     * @throws MigratorException naming the file when a migration set is malformed
     */
    public RoundTripCheck(Jdbi jdbi, MigratorSettings settings) {
        MigratorSettings checking = VerifyOperation.settingsFor(settings);
        this.verify = new VerifyOperation(OperationContext.create(new Connections(jdbi, checking.networkTimeout()), checking,
            List::of, StopSignal.never()));
    }

    /**
     * What the check did with one migration set.
     *
     * @param migrationSet {@code Tenant migrations} or {@code Main migrations}
     * @param origin where the set's files are, e.g. {@code classpath:db/tenant_migrations}
     * @param migrations how many migrations went up, down and up again
     * @param ranIn where they ran, e.g. {@code schema migrator_verify_1f2e3d4c5b6a}; empty when the set is empty
     */
    public record Result(String migrationSet, String origin, int migrations, Optional<String> ranIn) {

        /** One line for a person, e.g. {@code Tenant migrations: 12 migrations went up, down and up again in ...}. */
        public String summary() {
            if (ranIn.isEmpty()) {
                return migrationSet + ": there are none in " + origin + ", so there was nothing to check.";
            }
            return migrationSet + ": " + migrations + (migrations == 1 ? " migration went" : " migrations went")
                + " up, down and up again in " + ranIn.get() + "; the catalog matched at every step.";
        }
    }

    /**
     * Checks the tenant migrations in a scratch schema of this database.
     *
     * @throws MigratorException before anything is created when a migration has no down section or the
     *     main schema has pending migrations; otherwise naming the first migration that fails or does not
     *     round-trip
     */
    public Result tenantMigrations() {
        return verify.tenantMigrations();
    }

    /**
     * Checks the main migrations in the main schema of a scratch database on the same server (which
     * needs the {@code CREATEDB} privilege), then the tenant migrations as {@link #tenantMigrations()}
     * does. Both sets' down sections are checked before anything is created.
     *
     * @param scratchDatabase gives a Jdbi on the database of the name it is given, on the same server
     *     and as the same user as this check's Jdbi
     * @return the main set's result, then the tenant set's
     */
    public List<Result> mainAndTenantMigrations(Function<String, Jdbi> scratchDatabase) {
        return verify.mainAndTenantMigrations(scratchDatabase);
    }
}

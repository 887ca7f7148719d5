package dev.tenantmigrator.internal.op;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.Operation;
import dev.tenantmigrator.RoundTripCheck.Result;
import dev.tenantmigrator.internal.execute.Policy;
import dev.tenantmigrator.internal.files.MigrationSet;
import dev.tenantmigrator.internal.history.SchemaHistory;
import dev.tenantmigrator.internal.plan.Planner;
import dev.tenantmigrator.internal.verify.ScratchRoundTrip;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * The round-trip check of {@code db-verify}, inside the same boundary as every operation (the wait for the
 * database, the exception handler): each set goes up, down and up again in a scratch schema or database, and
 * the catalog must match at every step.
 */
public final class VerifyOperation {

    private static final String TENANT_SET = "Tenant migrations";
    private static final String MAIN_SET = "Main migrations";

    private final OperationContext context;
    private final Policy policy;

    /** @param context made from settings for one schema at a time, quietly, without grants (see {@link #settingsFor}) */
    public VerifyOperation(OperationContext context) {
        this.context = context;
        this.policy = Policy.of(context.settings());
    }

    /** The settings the check runs with: one schema, quietly, and no grants (nobody is to use the scratch schema). */
    public static MigratorSettings settingsFor(MigratorSettings settings) {
        return settings.toBuilder().concurrency(1).continueOnError(false).progressInterval(Duration.ZERO)
            .grantRole(null).build();
    }

    /** The tenant set, in a scratch schema of this database. */
    public Result tenantMigrations() {
        ScratchRoundTrip.requireDownSections(context.sets().tenant());
        return context.boundary().change(Operation.VERIFY, this::checkTenantSet);
    }

    /** The main set in a scratch database on the same server, then the tenant set as {@link #tenantMigrations()}. */
    public List<Result> mainAndTenantMigrations(Function<String, Jdbi> scratchDatabase) {
        ScratchRoundTrip.requireDownSections(context.sets().main());
        ScratchRoundTrip.requireDownSections(context.sets().tenant());
        return context.boundary().change(Operation.VERIFY, () -> {
            Result main = check(MAIN_SET, context.sets().main(), set -> ScratchRoundTrip.inScratchDatabase(jdbi(),
                scratchDatabase, context.mainSchema(), policy, set));
            return List.of(main, checkTenantSet());
        });
    }

    private Result checkTenantSet() {
        return check(TENANT_SET, context.sets().tenant(), set -> {
            requireMainUpToDate();
            return ScratchRoundTrip.inScratchSchema(jdbi(), context.mainSchema(), policy, set);
        });
    }

    private Result check(String name, MigrationSet set, Function<MigrationSet, String> roundTrip) {
        if (set.isEmpty()) {
            return new Result(name, set.origin(), 0, Optional.empty());
        }
        return new Result(name, set.origin(), set.all().size(), Optional.of(roundTrip.apply(set)));
    }

    private Jdbi jdbi() {
        return context.connections().jdbi();
    }

    /** Tenant migrations may use what the main migrations make; against an older main schema they would fail for nothing. */
    private void requireMainUpToDate() {
        SchemaHistory main = context.read(List.of(context.mainSchema())).get(0);
        List<Migration> pending = Planner.pending(context.sets().main(), main.applied());
        if (!pending.isEmpty()) {
            throw new MigratorException("The main schema " + context.mainSchema() + " has " + pending.size()
                + (pending.size() == 1 ? " pending migration (" : " pending migrations (the first is ")
                + pending.get(0).description() + "); tenant migrations run against it, so run db-up before checking them.");
        }
    }
}

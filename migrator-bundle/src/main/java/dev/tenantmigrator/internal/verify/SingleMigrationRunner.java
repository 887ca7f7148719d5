package dev.tenantmigrator.internal.verify;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigrationFailedException;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.Operation;
import dev.tenantmigrator.SchemaOutcome;
import dev.tenantmigrator.internal.Connections;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.execute.Executor;
import dev.tenantmigrator.internal.execute.Policy;
import dev.tenantmigrator.internal.execute.StopSignal;
import dev.tenantmigrator.internal.history.HistoryStore;
import dev.tenantmigrator.internal.history.KnownHistories;
import dev.tenantmigrator.internal.plan.Plan;
import dev.tenantmigrator.internal.plan.SchemaStep;
import dev.tenantmigrator.internal.plan.Target;
import dev.tenantmigrator.internal.files.MigrationSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Applies or rolls back one migration at a time in one schema, through the same executor as
 * {@code db-up} and {@code db-down}: schema lock, history rows, transactions or none as the file
 * says, search path, lock and statement timeouts. What the check sees is what a real run does.
 */
final class SingleMigrationRunner {

    private final Executor executor;
    private final SchemaRef schema;
    private final MigrationSet set;

    SingleMigrationRunner(Jdbi jdbi, SchemaRef mainSchema, SchemaRef schema, Policy policy, MigrationSet set) {
        Connections connections = new Connections(jdbi, policy.networkTimeout());
        HistoryStore store = new HistoryStore(mainSchema);
        // Alone in its scratch database: no peer to look for.
        this.executor = new Executor(connections, store, mainSchema, policy, StopSignal.never(),
            schemas -> store.readMany(connections, schemas, 1, any -> KnownHistories.none()));
        this.schema = schema;
        this.set = set;
    }

    /** Applies {@code migration}; throws a {@link MigrationFailedException} naming it when it fails. */
    void up(Migration migration) {
        run(Operation.UP, migration);
    }

    /** Rolls {@code migration} back; throws a {@link MigrationFailedException} naming it when it fails. */
    void down(Migration migration) {
        run(Operation.DOWN, migration);
    }

    private void run(Operation operation, Migration migration) {
        List<MigrationFailedException> failures = new ArrayList<>(1);
        // Planned again under the lock towards the same version: whatever else is pending or applied is left alone.
        Target target = new Target(operation, set, migration.version());
        Plan plan = new Plan(target, List.of(new SchemaStep(schema, true, false, List.of(migration), List.of(),
            Optional.empty())));
        SchemaOutcome outcome = executor.run(plan, result -> result.failure().ifPresent(failures::add)).get(0);
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        // Only another process working in the scratch schema could leave the step undone; comparing then would mislead.
        if (outcome.result() != SchemaOutcome.Result.MIGRATED) {
            throw new MigratorException(migration.description() + " was not " + (operation == Operation.UP ? "applied" : "rolled back")
                + " in schema " + schema + " by the check (" + outcome.result() + "); something else changed the schema.");
        }
    }
}

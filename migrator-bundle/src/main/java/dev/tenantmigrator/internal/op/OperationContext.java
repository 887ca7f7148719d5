package dev.tenantmigrator.internal.op;

import dev.tenantmigrator.Excerpt;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.internal.Connections;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.TenantNames;
import dev.tenantmigrator.internal.execute.ConnectionRetry;
import dev.tenantmigrator.internal.execute.Executor;
import dev.tenantmigrator.internal.execute.HistoryRepair;
import dev.tenantmigrator.internal.execute.OperationBoundary;
import dev.tenantmigrator.internal.execute.Policy;
import dev.tenantmigrator.internal.execute.StopSignal;
import dev.tenantmigrator.internal.files.MigrationSets;
import dev.tenantmigrator.internal.files.MigrationSet;
import dev.tenantmigrator.internal.history.HistoryStore;
import dev.tenantmigrator.internal.history.KnownHistories;
import dev.tenantmigrator.internal.history.SchemaHistory;
import dev.tenantmigrator.internal.plan.TargetResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every operation works with, built once per migrator: the settings, the connections, the migration
 * sets (loaded and checked once), the targets (tenant names checked by one rule), the history store and
 * the boundary every operation runs inside.
 */
public record OperationContext(MigratorSettings settings, Connections connections, MigrationSets sets, SchemaRef mainSchema,
                               TenantNames tenantNames, TargetResolver targets, HistoryStore history,
                               OperationBoundary boundary, HistoryRepair repairs, Function<SchemaRef, KnownHistories> known) {

    /**
     * @param tenantSource reads the known tenant names (the migrator's {@code knownPrefixes}, which may be overridden)
     * @throws MigratorException naming the file when a migration set is malformed
     */
    public static OperationContext create(Connections connections, MigratorSettings settings, Supplier<List<String>> tenantSource,
                                          StopSignal stop) {
        SchemaRef mainSchema = SchemaRef.main(settings.mainSchema());
        TenantNames names = new TenantNames(settings.tenantNamePattern(), settings.mainSchema());
        HistoryStore history = new HistoryStore(mainSchema);
        Policy policy = Policy.of(settings);
        MigrationSets sets = MigrationSets.load(settings);
        KnownHistories mainHistories = known(sets.main());
        KnownHistories tenantHistories = known(sets.tenant());
        Function<SchemaRef, KnownHistories> known = schema -> schema.isTenant() ? tenantHistories : mainHistories;
        Executor executor = new Executor(connections, history, mainSchema, policy, stop,
            schemas -> history.readMany(connections, schemas, 1, known));
        OperationBoundary boundary = new OperationBoundary(connections, executor,
            new ConnectionRetry(settings.connectAttempts(), settings.connectInterval()), settings.exceptionHandler(),
            settings.runListener(), stop);
        return new OperationContext(settings, connections, sets, mainSchema, names,
            new TargetResolver(names, tenantSource), history, boundary, new HistoryRepair(connections, history, policy, stop),
            known);
    }

    /** The histories a schema migrated with {@code set} has after each of its migrations. */
    private static KnownHistories known(MigrationSet set) {
        return KnownHistories.prefixes(set.all().stream()
            .map(migration -> Map.entry(migration.version(), Optional.ofNullable(migration.checksum()))).toList());
    }

    /** The histories of these schemas, in one batched, read-only read that trusts the summary where it can. */
    List<SchemaHistory> read(List<SchemaRef> schemas) {
        return history.readMany(connections, schemas, settings.concurrency(), known);
    }

    /** A role to grant to that does not exist fails the run before any schema is migrated. */
    void requireGrantRole() {
        settings.grantRole().ifPresent(role -> {
            boolean exists = connections.withHandle(handle -> handle.createQuery(
                    "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :role)")
                .bind("role", role).mapTo(Boolean.class).one());
            if (!exists) {
                throw new MigratorException("grantRole " + Excerpt.quoted(role) + " is not a role of this database; create it, "
                    + "or leave the setting out.");
            }
        });
    }

    /** Refuses a negative version to roll back to. */
    static void requireVersion(long to) {
        if (to < 0) {
            throw new MigratorException("The version to roll back to must be 0 or more, was " + to + ".");
        }
    }
}

package dev.tenantmigrator.internal.plan;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.Operation;
import dev.tenantmigrator.internal.files.MigrationSet;
import dev.tenantmigrator.internal.history.SchemaHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;

/** Decides what to run in each schema from a migration set and the schemas' histories. Pure: no database. */
public final class Planner {
    private Planner() {
    }

    /**
     * One up step per schema: its pending migrations, whether its history must be created, the applied
     * rows whose checksum is still to be recorded, and a refusal when a failure is recorded in it.
     */
    public static Plan up(MigrationSet set, List<SchemaHistory> histories) {
        return plan(Target.latest(set), histories);
    }

    /**
     * One down step per schema: the applied migrations with a version of at least {@code to}, newest
     * first. Every schema is planned before anything runs, so a migration that cannot be rolled back
     * fails the whole operation before any rollback statement runs.
     */
    public static Plan down(MigrationSet set, List<SchemaHistory> histories, long to) {
        return plan(Target.downTo(set, to), histories);
    }

    /** One step per schema towards {@code target}. */
    public static Plan plan(Target target, List<SchemaHistory> histories) {
        List<SchemaStep> steps = new ArrayList<>(histories.size());
        for (SchemaHistory history : histories) {
            steps.add(step(target, history));
        }
        return new Plan(target, steps);
    }

    /**
     * The step towards {@code target} for one schema's history: what the plan makes from the batched
     * read, and what a job makes again from the history it reads under the schema's lock.
     */
    public static SchemaStep step(Target target, SchemaHistory history) {
        MigrationSet set = target.set();
        if (target.operation() == Operation.DOWN) {
            return new SchemaStep(history.schema(), history.exists(), false,
                rollback(set, history.applied(), target.version(), history.schema().name()), List.of(), Optional.empty());
        }
        Optional<String> refusal = history.failures().stream().findFirst()
            .map(failure -> HistoryCheck.describe(history, failure));
        List<Migration> pending = pending(set, history.applied()).stream()
            .filter(migration -> migration.version() <= target.version()).toList();
        return new SchemaStep(history.schema(), history.exists(), !history.hasTable(), pending,
            HistoryCheck.unrecordedChecksums(set, history), refusal, history.summaryNeed());
    }

    /**
     * The migrations of the set that are not in the history, oldest first. A version lower than
     * the newest applied one is still pending when it is missing from the history, as in Ecto.
     */
    public static List<Migration> pending(MigrationSet set, Set<Long> applied) {
        if (applied.isEmpty()) {
            return set.all();
        }
        List<Migration> pending = new ArrayList<>();
        for (Migration migration : set.all()) {
            if (!applied.contains(migration.version())) {
                pending.add(migration);
            }
        }
        return pending;
    }

    /**
     * The applied migrations with a version of at least {@code to}, newest first. Fails, naming
     * the file or version, when one of them cannot be rolled back: it has no down section, or its
     * version is in the history but not in the set.
     */
    public static List<Migration> rollback(MigrationSet set, NavigableSet<Long> applied, long to, String schema) {
        List<Migration> rollback = new ArrayList<>();
        for (long version : applied.tailSet(to, true).descendingSet()) {
            Migration migration = set.find(version).orElseThrow(() -> new MigratorException(
                "Cannot roll back version " + version + " in schema " + schema + ": no migration with that version is in "
                    + set.origin() + "."));
            if (!migration.hasDown()) {
                throw new MigratorException("Cannot roll back " + migration.description() + " in schema " + schema
                    + ": it has no '-- migrate:down' section.");
            }
            rollback.add(migration);
        }
        return rollback;
    }

    /** How each applied version is shown: its description, or a note that the set lacks it. */
    public static List<String> describeApplied(MigrationSet set, Set<Long> applied) {
        List<String> described = new ArrayList<>(applied.size());
        for (long version : applied) {
            described.add(set.find(version).map(Migration::description).orElse(version + (set.isAhead(version)
                ? " (applied by newer code: newer than every migration here)" : " (not in the migration set)")));
        }
        return described;
    }
}

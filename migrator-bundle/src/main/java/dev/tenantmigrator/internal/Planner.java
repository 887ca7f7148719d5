package dev.tenantmigrator.internal;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.MigratorException;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;

/** Decides what to run in one schema from the migration set and that schema's history. Pure: no database. */
public final class Planner {
    private Planner() {
    }

    /**
     * The migrations of the set that are not in the history, oldest first. A version lower than
     * the newest applied one is still pending when it is missing from the history, as in Ecto.
     */
    public static List<Migration> pending(MigrationSet set, Set<Long> applied) {
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
        List<String> described = new ArrayList<>();
        for (long version : applied) {
            described.add(set.find(version).map(Migration::description).orElse(version + " (not in the migration set)"));
        }
        return described;
    }
}

package dev.tenantmigrator.internal.plan;

import dev.tenantmigrator.Operation;
import dev.tenantmigrator.internal.files.MigrationSet;

/**
 * What a run aims at, kept with its plan so that each schema can be planned again under its lock
 * from the history read there: a plan made from an earlier read is a forecast, not an instruction.
 *
 * @param operation up or down
 * @param set the migration set of the plan's schemas
 * @param version up: apply every pending migration up to this version, inclusive; down: roll back
 *     every applied migration from this version up, inclusive (Ecto's {@code to:})
 */
public record Target(Operation operation, MigrationSet set, long version) {

    /** Up to the newest migration of the set. */
    public static Target latest(MigrationSet set) {
        return new Target(Operation.UP, set, Long.MAX_VALUE);
    }

    /** Up to {@code version}, inclusive. */
    public static Target upTo(MigrationSet set, long version) {
        return new Target(Operation.UP, set, version);
    }

    /** Down to {@code version}, inclusive. */
    public static Target downTo(MigrationSet set, long version) {
        return new Target(Operation.DOWN, set, version);
    }
}

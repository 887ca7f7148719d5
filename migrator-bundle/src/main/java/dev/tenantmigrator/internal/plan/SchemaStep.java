package dev.tenantmigrator.internal.plan;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.history.SummaryNeed;
import java.util.List;
import java.util.Optional;

/**
 * The work planned for one schema: the migrations to apply (up, oldest first) or roll back (down,
 * newest first), whether the schema or its history table must be created first, which applied rows
 * still need their checksum recorded, or why the schema is refused.
 *
 * @param schema the schema
 * @param existed whether the schema existed when it was planned: one that existed and is gone under
 *     its lock was dropped during the run (an offboarded tenant), and is not created again
 * @param createsHistory whether the schema or its history table is missing (up only)
 * @param migrations the migrations to run, in the order they run
 * @param checksumsToRecord applied migrations whose history rows have no checksum yet (up only)
 * @param refusal why nothing may run in the schema (a failure recorded outside a transaction)
 * @param summaryNeed what the summary of the schema's history lacks (up only)
 */
public record SchemaStep(SchemaRef schema, boolean existed, boolean createsHistory, List<Migration> migrations,
                         List<Migration> checksumsToRecord, Optional<String> refusal, SummaryNeed summaryNeed) {

    public SchemaStep {
        migrations = List.copyOf(migrations);
        checksumsToRecord = List.copyOf(checksumsToRecord);
    }

    /** A step whose summary lacks nothing. */
    public SchemaStep(SchemaRef schema, boolean existed, boolean createsHistory, List<Migration> migrations,
                      List<Migration> checksumsToRecord, Optional<String> refusal) {
        this(schema, existed, createsHistory, migrations, checksumsToRecord, refusal, SummaryNeed.NONE);
    }

    /** Whether anything is to be done in the schema (a refused schema is reported as failed). */
    public boolean hasWork() {
        return changesHistory() || summaryNeed != SummaryNeed.NONE;
    }

    /** Whether the step changes the schema's history, or is refused: all there is to do but mending the summary. */
    public boolean changesHistory() {
        return createsHistory || !migrations.isEmpty() || !checksumsToRecord.isEmpty() || refusal.isPresent();
    }

    /** The versions of {@link #migrations()}, in their order. */
    public List<Long> versions() {
        return migrations.stream().map(Migration::version).toList();
    }
}

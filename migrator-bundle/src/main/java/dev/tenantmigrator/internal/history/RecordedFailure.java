package dev.tenantmigrator.internal.history;

import java.time.LocalDateTime;

/**
 * A migration that failed outside a transaction, or started outside one and never finished, and may
 * have left part of itself behind, as recorded in the schema's {@code schema_migration_failures} table
 * (which Ecto never reads as applied).
 *
 * @param version the migration's version
 * @param migration how the migration is named in messages (its file name)
 * @param error the failure in one line: the statement that failed and PostgreSQL's message
 * @param failedAt when it failed, UTC
 */
public record RecordedFailure(long version, String migration, String error, LocalDateTime failedAt) {

    /** Whether this is a start row nothing replaced: the process or the server stopped while the migration ran. */
    public boolean interrupted() {
        return FailureTable.STARTED.equals(error);
    }
}

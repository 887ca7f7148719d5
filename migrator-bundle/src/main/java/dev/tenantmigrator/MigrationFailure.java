package dev.tenantmigrator;

import java.util.Optional;

/**
 * Where a failure happened, handed to the {@link MigrationExceptionHandler}.
 *
 * @param operation up or down
 * @param schema the schema being migrated, empty when the failure came before any schema (e.g. no connection)
 * @param migration the migration's description (its file name), empty when none was running
 * @param tenant whether the schema is a tenant schema
 */
public record MigrationFailure(Operation operation, Optional<String> schema, Optional<String> migration, boolean tenant) {

    /** A failure outside any schema, such as an unreachable database or an unreadable tenant list. */
    public static MigrationFailure general(Operation operation) {
        return new MigrationFailure(operation, Optional.empty(), Optional.empty(), false);
    }

    @Override
    public String toString() {
        return operation + schema.map(s -> " of schema " + s).orElse("")
            + migration.map(m -> " at " + m).orElse("");
    }
}

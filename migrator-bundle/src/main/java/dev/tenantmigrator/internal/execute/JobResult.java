package dev.tenantmigrator.internal.execute;

import dev.tenantmigrator.MigrationFailedException;
import dev.tenantmigrator.SchemaOutcome;
import java.util.Optional;

/**
 * What one schema's job ended with: the outcome for the report and, when the schema failed, the
 * exception the handler is given.
 *
 * @param outcome the schema's outcome
 * @param failure the failure, when the schema failed
 */
public record JobResult(SchemaOutcome outcome, Optional<MigrationFailedException> failure) {

    static JobResult of(SchemaOutcome outcome) {
        return new JobResult(outcome, Optional.empty());
    }
}

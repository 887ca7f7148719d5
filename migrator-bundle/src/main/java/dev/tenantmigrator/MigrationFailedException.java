package dev.tenantmigrator;

/** A migration (or the work around it) failed in one schema; {@link #failure()} says where. */
public class MigrationFailedException extends MigratorException {
    private static final long serialVersionUID = 1L;

    private final transient MigrationFailure failure;

    /** A failure described by {@code message}, that happened where {@code failure} says, caused by {@code cause}. */
    public MigrationFailedException(String message, MigrationFailure failure, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    /** The operation, schema and migration that failed. */
    public MigrationFailure failure() {
        return failure;
    }
}

package dev.tenantmigrator;

/** A failure the user can act on; its message is one sentence naming the file, schema or setting at fault. */
public class MigratorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, one sentence. */
    public MigratorException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public MigratorException(String message, Throwable cause) {
        super(message, cause);
    }
}

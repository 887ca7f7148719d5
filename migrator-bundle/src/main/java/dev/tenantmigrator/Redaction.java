package dev.tenantmigrator;

import dev.tenantmigrator.internal.MaskedFailure;
import dev.tenantmigrator.internal.Secrets;

/**
 * The password masking every bundled handler, log line and output uses, for an exception handler of your
 * own: the driver echoes JDBC URLs, and a failed migration's message quotes its statement, either of which
 * may carry a password ({@code password=...}, {@code user:secret@host}, {@code PASSWORD 'secret'} in any
 * literal form PostgreSQL accepts, {@code dblink_connect('... password=...')}). Send only masked text to an
 * error tracker or a chat.
 */
public final class Redaction {

    /** What a masked value reads as. */
    public static final String MASK = Secrets.MASK;

    private Redaction() {
    }

    /** {@code text} with every password in it replaced by {@value #MASK}; null stays null. */
    public static String mask(String text) {
        return Secrets.redact(text);
    }

    /**
     * A copy of {@code failure} for logging its stack trace: the same frames, causes and suppressed failures,
     * every message masked, each starting with the original's class name.
     */
    public static RuntimeException masked(Throwable failure) {
        return MaskedFailure.of(failure);
    }
}

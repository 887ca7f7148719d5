package dev.tenantmigrator.dropwizard.handler;

import dev.tenantmigrator.MigrationFailure;
import dev.tenantmigrator.internal.Secrets;

/**
 * What the {@code webhook} handler posts for one failure, as JSON, e.g.
 * {@code {"bundle":"db","operation":"UP","schema":"acme","tenant":true,
 * "migration":"20240101000200_index_notes.sql","message":"ERROR: relation \"notes\" does not exist"}};
 * {@code schema} and {@code migration} are null for a failure outside any schema.
 *
 * @param bundle the bundle's name, which tells the databases of a service apart
 * @param operation {@code UP}, {@code DOWN}, {@code REPAIR} or {@code MARK_APPLIED}
 * @param schema the schema that failed, or null
 * @param tenant whether that schema is a tenant's
 * @param migration the migration that failed, or null
 * @param message the failure in words, passwords masked, at most {@value #MAX_MESSAGE} characters
 */
public record WebhookPayload(String bundle, String operation, String schema, boolean tenant, String migration, String message) {

    /** A failed statement's message may quote the whole statement; a webhook wants the gist. */
    static final int MAX_MESSAGE = 2000;

    /** The payload for one failure. */
    static WebhookPayload of(String bundle, Exception exception, MigrationFailure failure) {
        String message = Secrets.redact(exception.getMessage() != null ? exception.getMessage() : exception.getClass().getName());
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE - 1) + "…";
        }
        return new WebhookPayload(bundle, failure.operation().name(), failure.schema().orElse(null), failure.tenant(),
            failure.migration().orElse(null), message);
    }
}

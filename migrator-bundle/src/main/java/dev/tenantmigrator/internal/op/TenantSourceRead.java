package dev.tenantmigrator.internal.op;

import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.TenantSource;
import dev.tenantmigrator.internal.Connections;
import dev.tenantmigrator.internal.Failures;
import dev.tenantmigrator.internal.SchemaRef;
import java.util.List;

/** Reads the tenant names from a {@link TenantSource}, with the main schema as {@code search_path}. */
public final class TenantSourceRead {

    private static final int ATTEMPTS = 3;

    private TenantSourceRead() {
    }

    /**
     * The names the source gives, unchecked (the caller checks them by the name rule).
     *
     * @throws MigratorException when the source fails, with its reason
     */
    public static List<String> read(Connections connections, SchemaRef mainSchema, TenantSource source) {
        for (int attempt = 1; ; attempt++) {
            try {
                return connections.inTransaction(handle -> {
                    handle.execute("SET LOCAL search_path TO " + mainSchema.quoted());
                    return source.tenants(handle);
                });
            } catch (MigratorException e) {
                throw e;
            } catch (Exception e) {
                // A read: made again on another connection when the network or the server lost this one.
                if (attempt < ATTEMPTS && Failures.isConnectionFailure(e)) {
                    continue;
                }
                throw new MigratorException("The tenant list could not be read: " + Failures.rootMessage(e), e);
            }
        }
    }
}

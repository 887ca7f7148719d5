package dev.tenantmigrator.internal.plan;

import dev.tenantmigrator.internal.SchemaRef;
import java.util.List;
import java.util.Optional;

/**
 * The known tenants as the tenant source gave them, checked, or the failure that kept the source from
 * being read (its table may be created by a pending main migration). Read once per operation.
 *
 * @param known every known tenant, each once, in the source's order; empty when the source failed
 * @param failure why the source could not be read
 */
public record TenantList(List<SchemaRef> known, Optional<RuntimeException> failure) {

    public TenantList {
        known = List.copyOf(known);
    }

    /** The known tenants; throws the source's failure when it could not be read. */
    public List<SchemaRef> orThrow() {
        failure.ifPresent(e -> {
            throw e;
        });
        return known;
    }

    /** Whether the source could be read. */
    public boolean readable() {
        return failure.isEmpty();
    }
}

package dev.tenantmigrator.internal.plan;

import dev.tenantmigrator.Excerpt;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.TenantNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns the tenant source and the tenants a caller names into checked schema references. The
 * source is data, so every name it gives passes the name rule before any tenant DDL.
 */
public final class TargetResolver {

    private final TenantNames names;
    private final Supplier<List<String>> tenantSource;

    /**
     * @param names the tenant name rule
     * @param tenantSource reads the known tenant names; may fail, e.g. while the table it reads is
     *     created by a pending main migration
     */
    public TargetResolver(TenantNames names, Supplier<List<String>> tenantSource) {
        this.names = names;
        this.tenantSource = tenantSource;
    }

    /** Every known tenant, checked, each once, in the source's order; throws when the source cannot be read. */
    public List<SchemaRef> known() {
        return names.check(tenantSource.get());
    }

    /**
     * The known tenants, or why the source cannot be read yet. A name the source gives that breaks the name
     * rule still throws: that is bad data, not a list that is not there yet.
     */
    public TenantList read() {
        List<String> raw;
        try {
            raw = tenantSource.get();
        } catch (RuntimeException e) {
            return new TenantList(List.of(), Optional.of(e));
        }
        return new TenantList(names.check(raw), Optional.empty());
    }

    /**
     * The named tenants, checked by the name rule only: for onboarding a tenant the source does not
     * list yet. A name given twice (on a command line, say) counts once.
     */
    public List<SchemaRef> checked(Collection<String> requested) {
        return names.check(new ArrayList<>(new LinkedHashSet<>(requested)));
    }

    /** The named tenants, each once; throws naming the first one that is not among {@code known}. */
    public List<SchemaRef> requireKnown(List<SchemaRef> requested, List<SchemaRef> known) {
        Set<SchemaRef> knownSet = new HashSet<>(known);
        for (SchemaRef tenant : requested) {
            if (!knownSet.contains(tenant)) {
                throw new MigratorException("Tenant " + Excerpt.quoted(tenant.name()) + " is not a known tenant; known tenants come from "
                    + "the tenant source.");
            }
        }
        return requested;
    }
}

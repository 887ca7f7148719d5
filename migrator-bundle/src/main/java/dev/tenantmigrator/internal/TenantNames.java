package dev.tenantmigrator.internal;

import dev.tenantmigrator.MigratorException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Checks tenant names before any tenant DDL runs: they come from data, so they are untrusted. */
public final class TenantNames {

    /** PostgreSQL truncates longer identifiers silently, which would merge two tenants. */
    static final int MAX_BYTES = 63;

    private final Pattern pattern;
    private final String mainSchema;

    public TenantNames(Pattern pattern, String mainSchema) {
        this.pattern = pattern;
        this.mainSchema = mainSchema;
    }

    /** The names as schema references, without repeats, in their first order; throws naming the first name that is not allowed. */
    public List<SchemaRef> check(List<String> names) {
        List<SchemaRef> refs = new ArrayList<>(names.size());
        for (String name : new LinkedHashSet<>(names)) {
            refs.add(check(name));
        }
        return refs;
    }

    /** The name as a schema reference; throws a {@link MigratorException} naming {@code name} when it may not be a tenant schema. */
    public SchemaRef check(String name) {
        String quoted = name == null ? "null" : "'" + name + "'";
        if (name == null || !pattern.matcher(name).matches()) {
            throw new MigratorException("Tenant name " + quoted + " is not allowed: it must match " + pattern.pattern() + ".");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new MigratorException("Tenant name " + quoted + " is not allowed: it is longer than " + MAX_BYTES + " bytes.");
        }
        if (name.equals(mainSchema)) {
            throw new MigratorException("Tenant name " + quoted + " is not allowed: it is the main schema.");
        }
        if (name.startsWith("pg_") || name.equals("information_schema")) {
            throw new MigratorException("Tenant name " + quoted + " is not allowed: it is a PostgreSQL system schema.");
        }
        return SchemaRef.tenant(name);
    }
}

package dev.tenantmigrator.internal;

import dev.tenantmigrator.Excerpt;
import dev.tenantmigrator.MigratorException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks tenant names before any tenant DDL runs: they come from data, so they are untrusted. */
public final class TenantNames {

    /** PostgreSQL truncates longer identifiers silently, which would merge two tenants. */
    static final int MAX_BYTES = 63;

    private final Pattern pattern;
    private final String mainSchema;

    /** The rule for names matching {@code pattern} in full, besides the main schema {@code mainSchema}. */
    public TenantNames(Pattern pattern, String mainSchema) {
        this.pattern = pattern;
        this.mainSchema = mainSchema;
    }

    /**
     * The names as schema references, in their order; throws naming the first name that is not allowed
     * or that is listed twice. A repeat is refused rather than dropped: a tenant source that lists a
     * tenant twice is broken (a join gone wrong, two rows for one slug), and the run should say so.
     */
    public List<SchemaRef> check(List<String> names) {
        List<SchemaRef> refs = new ArrayList<>(names.size());
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            SchemaRef ref = check(name);
            if (!seen.add(name)) {
                throw new MigratorException("Tenant name " + Excerpt.quoted(name) + " is listed twice; a tenant list must name each "
                    + "tenant once.");
            }
            refs.add(ref);
        }
        return refs;
    }

    /** The name as a schema reference; throws a {@link MigratorException} naming {@code name} when it may not be a tenant schema. */
    public SchemaRef check(String name) {
        if (name == null) {
            throw new MigratorException("Tenant name null is not allowed: every tenant needs a name, so the tenant "
                + "source must not give NULL.");
        }
        String quoted = Excerpt.quoted(name);
        if (!pattern.matcher(name).matches()) {
            throw new MigratorException("Tenant name " + quoted + " is not allowed: it must match " + pattern.pattern() + ".");
        }
        // A pattern of the application's own may let an empty name through; PostgreSQL has no such schema.
        if (name.isEmpty()) {
            throw new MigratorException("Tenant name '' is not allowed: it is empty.");
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

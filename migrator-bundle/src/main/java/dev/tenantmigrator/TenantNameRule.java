package dev.tenantmigrator;

import dev.tenantmigrator.internal.TenantNames;

/**
 * The rule every tenant name must pass before any tenant DDL runs, for application code that
 * accepts names (a signup form) and must reject a bad one before storing it: the configured
 * pattern, at most 63 bytes, not the main schema, not a PostgreSQL system schema.
 */
public final class TenantNameRule {

    private final TenantNames names;

    private TenantNameRule(TenantNames names) {
        this.names = names;
    }

    /** The rule a migrator with these settings applies. */
    public static TenantNameRule of(MigratorSettings settings) {
        return new TenantNameRule(new TenantNames(settings.tenantNamePattern(), settings.mainSchema()));
    }

    /** Throws a {@link MigratorException} whose message names {@code name} and the rule it breaks. */
    public void check(String name) {
        names.check(name);
    }
}

package dev.tenantmigrator.internal.files;

import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.internal.SchemaRef;

/**
 * Both migration sets of a migrator, read and checked once when it is built: a malformed file fails
 * before anything touches the database. Only what the checks found is kept (versions, names,
 * checksums, statement counts): a SQL file is read again when one of its sections runs or is shown.
 */
public final class MigrationSets {

    private final MigrationSet main;
    private final MigrationSet tenant;

    private MigrationSets(MigrationSet main, MigrationSet tenant) {
        this.main = main;
        this.tenant = tenant;
    }

    /** Reads the two locations the settings name and adds their Java migrations; fails naming the first bad file. */
    public static MigrationSets load(MigratorSettings settings) {
        return new MigrationSets(
            MigrationSet.load(location(settings.mainLocation(), MigratorSettings.DEFAULT_MAIN_LOCATION),
                settings.mainJavaMigrations()),
            MigrationSet.load(location(settings.tenantLocation(), MigratorSettings.DEFAULT_TENANT_LOCATION),
                settings.tenantJavaMigrations()));
    }

    /** A catalog of two sets made elsewhere, e.g. by a test. */
    public static MigrationSets of(MigrationSet main, MigrationSet tenant) {
        return new MigrationSets(main, tenant);
    }

    /** A location the user named must exist; the default one may be absent (an application without tenants). */
    private static MigrationLocation location(String location, String defaultLocation) {
        return new MigrationLocation(location, !location.equals(defaultLocation));
    }

    /** The main schema's migrations. */
    public MigrationSet main() {
        return main;
    }

    /** Every tenant schema's migrations. */
    public MigrationSet tenant() {
        return tenant;
    }

    /** The set that migrates {@code schema}. */
    public MigrationSet setFor(SchemaRef schema) {
        return schema.isTenant() ? tenant : main;
    }
}

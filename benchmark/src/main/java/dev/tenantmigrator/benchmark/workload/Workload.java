package dev.tenantmigrator.benchmark.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The migrations every runner applies, read from the benchmark's resources: the main set
 * ({@code workload/main}: the {@code tenants} table), the ten tenant migrations
 * ({@code workload/tenant}) and the one new tenant migration kept apart for the "one new migration
 * on every tenant" scenario ({@code workload/tenant-new}).
 */
public final class Workload {

    /** The main (shared) schema every runner migrates first. */
    public static final String MAIN_SCHEMA = "public";

    private final List<MigrationFile> main;
    private final List<MigrationFile> tenant;
    private final MigrationFile newTenantMigration;

    private Workload(List<MigrationFile> main, List<MigrationFile> tenant, MigrationFile newTenantMigration) {
        this.main = main;
        this.tenant = tenant;
        this.newTenantMigration = newTenantMigration;
    }

    /** Reads and checks the workload's files. */
    public static Workload load() {
        List<MigrationFile> main = read("workload/main");
        List<MigrationFile> tenant = read("workload/tenant");
        List<MigrationFile> extra = read("workload/tenant-new");
        if (main.isEmpty() || tenant.isEmpty() || extra.size() != 1) {
            throw new IllegalStateException("the workload needs main and tenant migrations and exactly one new tenant migration");
        }
        MigrationFile newOne = extra.get(0);
        if (newOne.version() <= tenant.get(tenant.size() - 1).version()) {
            throw new IllegalStateException("the new tenant migration must come after the others: " + newOne.fileName());
        }
        return new Workload(main, tenant, newOne);
    }

    private static List<MigrationFile> read(String folder) {
        List<MigrationFile> files = new ArrayList<>();
        for (Map.Entry<String, String> file : ClasspathFolder.sqlFiles(folder).entrySet()) {
            files.add(MigrationFile.parse(file.getKey(), file.getValue()));
        }
        return List.copyOf(files);
    }

    /** The main migrations, oldest first. */
    public List<MigrationFile> main() {
        return main;
    }

    /** The tenant migrations every tenant starts with, oldest first. */
    public List<MigrationFile> tenant() {
        return tenant;
    }

    /** The migration added for the "one new migration on every tenant" scenario. */
    public MigrationFile newTenantMigration() {
        return newTenantMigration;
    }

    /** The tenant migrations with the new one at the end. */
    public List<MigrationFile> tenantWithNew() {
        List<MigrationFile> all = new ArrayList<>(tenant);
        all.add(newTenantMigration);
        return List.copyOf(all);
    }
}

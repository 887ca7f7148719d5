package dev.tenantmigrator.benchmark.ours;

import dev.tenantmigrator.benchmark.db.BenchDatabase;
import dev.tenantmigrator.benchmark.workload.DbmateFolder;
import dev.tenantmigrator.benchmark.workload.MigrationFile;
import dev.tenantmigrator.benchmark.workload.Workload;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What our tool needs for one benchmark database: a folder with the main and tenant migrations in
 * dbmate format and a {@code config.yml} pointing at them and at the database. The new tenant
 * migration is copied in for the "one new migration on every tenant" scenario and removed after.
 */
public final class OurProject {

    private final Path folder;
    private final Path tenantFolder;
    private final Path config;
    private final int adminPort;
    private final MigrationFile newMigration;

    private OurProject(Path folder, Path tenantFolder, Path config, int adminPort, MigrationFile newMigration) {
        this.folder = folder;
        this.tenantFolder = tenantFolder;
        this.config = config;
        this.adminPort = adminPort;
        this.newMigration = newMigration;
    }

    /** Writes the migrations and the configuration for {@code database} into {@code folder}. */
    public static OurProject create(Path folder, Workload workload, BenchDatabase database) throws IOException {
        Files.createDirectories(folder);
        Path main = DbmateFolder.write(folder.resolve("migrations"), workload.main());
        Path tenant = DbmateFolder.write(folder.resolve("tenant_migrations"), workload.tenant());
        int adminPort = freePort();
        Path config = folder.resolve("config.yml");
        OurConfig.write(config, database, main, tenant, freePort(), adminPort);
        return new OurProject(folder, tenant, config, adminPort, workload.newTenantMigration());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Where the commands' output, error and GC log files go. */
    public Path folder() {
        return folder;
    }

    /** The configuration file, the last argument of every command. */
    public Path config() {
        return config;
    }

    /** The admin port the server command listens on. */
    public int adminPort() {
        return adminPort;
    }

    /** Copies the new tenant migration into the tenant folder. */
    public void addNewMigration() throws IOException {
        DbmateFolder.add(tenantFolder, newMigration);
    }

    /** Removes it again. */
    public void removeNewMigration() throws IOException {
        Files.deleteIfExists(tenantFolder.resolve(newMigration.fileName()));
    }
}

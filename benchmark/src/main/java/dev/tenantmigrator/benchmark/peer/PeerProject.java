package dev.tenantmigrator.benchmark.peer;

import dev.tenantmigrator.benchmark.Runner;
import dev.tenantmigrator.benchmark.workload.DbmateFolder;
import dev.tenantmigrator.benchmark.workload.FlywayFolder;
import dev.tenantmigrator.benchmark.workload.LiquibaseChangelog;
import dev.tenantmigrator.benchmark.workload.MigrationFile;
import dev.tenantmigrator.benchmark.workload.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One peer's migration files for one database, derived at run time from the workload's up
 * sections: Flyway {@code V<version>__<name>.sql} folders, Liquibase changelogs, or the dbmate
 * files for the JDBC loop.
 */
public final class PeerProject {

    private final Runner runner;
    private final Path folder;
    private final Workload workload;

    private PeerProject(Runner runner, Path folder, Workload workload) {
        this.runner = runner;
        this.folder = folder;
        this.workload = workload;
    }

    /** Writes {@code runner}'s files for the ten tenant migrations into {@code folder}. */
    public static PeerProject create(Runner runner, Path folder, Workload workload) throws IOException {
        Files.createDirectories(folder);
        PeerProject project = new PeerProject(runner, folder, workload);
        project.write(workload.tenant());
        return project;
    }

    /** Rewrites the files with the new tenant migration added. */
    public void addNewMigration() {
        write(workload.tenantWithNew());
    }

    /** Rewrites the files without it again. */
    public void removeNewMigration() {
        write(workload.tenant());
    }

    /** The folder the child JVM reads. */
    public Path folder() {
        return folder;
    }

    /** The runner. */
    public Runner runner() {
        return runner;
    }

    private void write(List<MigrationFile> tenant) {
        switch (runner) {
            case FLYWAY -> {
                FlywayFolder.write(folder.resolve("main"), workload.main());
                FlywayFolder.write(folder.resolve("tenant"), tenant);
            }
            case LIQUIBASE -> {
                LiquibaseChangelog.write(folder.resolve("main.sql"), workload.main());
                LiquibaseChangelog.write(folder.resolve("tenant.sql"), tenant);
            }
            case JDBC -> {
                DbmateFolder.write(folder.resolve("main"), workload.main());
                DbmateFolder.write(folder.resolve("tenant"), tenant);
            }
            default -> throw new IllegalArgumentException(runner + " is not a peer run in a child JVM");
        }
    }
}

package dev.tenantmigrator.benchmark.workload;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * SQL scripts for psql that replay the workload with no tool at all: the same up sections and the
 * same history rows as our tool writes, for the floor any tool can reach on one connection.
 */
public final class PsqlScripts {

    private final Workload workload;

    /** Scripts for {@code workload}. */
    public PsqlScripts(Workload workload) {
        this.workload = workload;
    }

    /**
     * Migrates the given tenants from nothing, one transaction per tenant (schema, history table,
     * every tenant migration, the history rows); the main schema first when {@code withMain}.
     */
    public Path upTransactionPerTenant(Path file, List<String> tenants, boolean withMain) {
        return write(file, out -> {
            if (withMain) {
                main(out);
            }
            for (String tenant : tenants) {
                line(out, "BEGIN;");
                line(out, "CREATE SCHEMA " + Sql.identifier(tenant) + ";");
                line(out, Sql.searchPathTo(tenant));
                line(out, HistorySql.CREATE_TABLE + ";");
                for (MigrationFile migration : workload.tenant()) {
                    line(out, migration.upStatement());
                }
                line(out, HistorySql.insertAll(workload.tenant()));
                line(out, "COMMIT;");
            }
        });
    }

    /**
     * Migrates the given tenants from nothing, one transaction per migration, the schema and
     * history table committing with the first one (as our tool does).
     */
    public Path upTransactionPerMigration(Path file, List<String> tenants, boolean withMain) {
        return write(file, out -> {
            if (withMain) {
                main(out);
            }
            for (String tenant : tenants) {
                boolean first = true;
                for (MigrationFile migration : workload.tenant()) {
                    line(out, "BEGIN;");
                    if (first) {
                        line(out, "CREATE SCHEMA " + Sql.identifier(tenant) + ";");
                    }
                    line(out, Sql.searchPathTo(tenant));
                    if (first) {
                        line(out, HistorySql.CREATE_TABLE + ";");
                        first = false;
                    }
                    line(out, migration.upStatement());
                    line(out, HistorySql.insertAll(List.of(migration)));
                    line(out, "COMMIT;");
                }
            }
        });
    }

    /** Applies the new tenant migration to every given tenant, one transaction each. */
    public Path applyNewMigration(Path file, List<String> tenants) {
        MigrationFile migration = workload.newTenantMigration();
        return write(file, out -> {
            for (String tenant : tenants) {
                line(out, "BEGIN;");
                line(out, Sql.searchPathTo(tenant));
                line(out, migration.upStatement());
                line(out, HistorySql.insertAll(List.of(migration)));
                line(out, "COMMIT;");
            }
        });
    }

    /** Rolls the new tenant migration back in every given tenant and deletes its history row (a reset, not timed). */
    public Path undoNewMigration(Path file, List<String> tenants) {
        MigrationFile migration = workload.newTenantMigration();
        return write(file, out -> {
            for (String tenant : tenants) {
                line(out, "BEGIN;");
                line(out, Sql.searchPathTo(tenant));
                line(out, migration.downStatement());
                line(out, HistorySql.delete(migration));
                line(out, "COMMIT;");
            }
        });
    }

    private void main(BufferedWriter out) throws IOException {
        line(out, "BEGIN;");
        line(out, Sql.searchPathTo(Workload.MAIN_SCHEMA));
        line(out, HistorySql.CREATE_TABLE_IF_MISSING + ";");
        for (MigrationFile migration : workload.main()) {
            line(out, migration.upStatement());
        }
        line(out, HistorySql.insertAll(workload.main()));
        line(out, "COMMIT;");
    }

    private interface Body {
        void write(BufferedWriter out) throws IOException;
    }

    private static Path write(Path file, Body body) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            body.write(out);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the psql script " + file, e);
        }
    }

    private static void line(BufferedWriter out, String text) throws IOException {
        out.write(text);
        out.newLine();
    }
}

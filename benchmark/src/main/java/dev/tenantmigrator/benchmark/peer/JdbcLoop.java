package dev.tenantmigrator.benchmark.peer;

import dev.tenantmigrator.benchmark.workload.HistorySql;
import dev.tenantmigrator.benchmark.workload.MigrationFile;
import dev.tenantmigrator.benchmark.workload.Sql;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The least a tool must do, in Java on one connection, writing the same history table as ours.
 * From empty, per tenant: create the schema and history table, then per migration
 * {@code BEGIN; SET LOCAL search_path; <up>; INSERT history; COMMIT}. With history, per tenant:
 * read its history and apply what is pending the same way (nothing, when nothing is pending).
 */
final class JdbcLoop {

    private final Connection connection;

    private JdbcLoop(Connection connection) {
        this.connection = connection;
    }

    /** Migrates a database whose tenant schemas do not exist yet. */
    static void fromEmpty(DatabaseLogin login, Path folder, List<String> tenants) throws SQLException, IOException {
        List<MigrationFile> tenantSet = read(folder.resolve("tenant"));
        try (Connection connection = login.connect()) {
            JdbcLoop loop = new JdbcLoop(connection);
            loop.applyPending("public", read(folder.resolve("main")), true);
            for (String tenant : tenants) {
                loop.createSchema(tenant);
                for (MigrationFile migration : tenantSet) {
                    loop.apply(tenant, migration);
                }
            }
        }
    }

    /** Applies whatever each schema's history says is pending. */
    static void pending(DatabaseLogin login, Path folder, List<String> tenants) throws SQLException, IOException {
        List<MigrationFile> tenantSet = read(folder.resolve("tenant"));
        try (Connection connection = login.connect()) {
            JdbcLoop loop = new JdbcLoop(connection);
            loop.applyPending("public", read(folder.resolve("main")), true);
            for (String tenant : tenants) {
                loop.applyPending(tenant, tenantSet, false);
            }
        }
    }

    private void createSchema(String schema) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + Sql.identifier(schema));
            statement.execute(HistorySql.createIn(schema, false));
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void applyPending(String schema, List<MigrationFile> set, boolean createHistory) throws SQLException {
        Set<Long> applied = new HashSet<>();
        try (Statement statement = connection.createStatement()) {
            if (createHistory) {
                statement.execute(HistorySql.createIn(schema, true));
            }
            try (ResultSet rows = statement.executeQuery("SELECT version FROM " + HistorySql.in(schema))) {
                while (rows.next()) {
                    applied.add(rows.getLong(1));
                }
            }
        }
        for (MigrationFile migration : set) {
            if (!applied.contains(migration.version())) {
                apply(schema, migration);
            }
        }
    }

    private void apply(String schema, MigrationFile migration) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement(HistorySql.INSERT_ONE)) {
            statement.execute(Sql.searchPathTo(schema));
            statement.execute(migration.up());
            insert.setLong(1, migration.version());
            insert.setString(2, migration.name());
            insert.setString(3, migration.checksum());
            insert.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException(migration.fileName() + " failed in schema " + schema + ": " + e.getMessage(), e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static List<MigrationFile> read(Path folder) throws IOException {
        List<MigrationFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path file : entries.sorted().toList()) {
                files.add(MigrationFile.parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return files;
    }
}

package dev.tenantmigrator.benchmark.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One database the benchmark created for a run, with its {@code public.tenants} rows
 * {@code t_00001} ... already in place.
 *
 * @param name the database name
 * @param url its JDBC URL
 * @param user the user name
 * @param password the password
 * @param tenants how many tenants {@code public.tenants} lists
 */
public record BenchDatabase(String name, JdbcUrl url, String user, String password, int tenants) {

    /** The name of tenant number {@code i} (from 1). */
    public static String tenantName(int i) {
        return String.format("t_%05d", i);
    }

    /** The names of this database's tenants, in order. */
    public List<String> tenantNames() {
        return IntStream.rangeClosed(1, tenants).mapToObj(BenchDatabase::tenantName).toList();
    }

    /** A new connection to this database. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url.toString(), user, password);
    }

    /** Runs one statement that returns a single number. */
    public long queryLong(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Runs one statement. */
    public void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

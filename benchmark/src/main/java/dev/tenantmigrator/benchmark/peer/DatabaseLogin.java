package dev.tenantmigrator.benchmark.peer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The database a peer child JVM works on, passed in the environment (so the password is not on a
 * command line).
 *
 * @param url the JDBC URL
 * @param user the user name
 * @param password the password
 */
record DatabaseLogin(String url, String user, String password) {

    static final String URL = "BENCH_DB_URL";
    static final String USER = "BENCH_DB_USER";
    static final String PASSWORD = "BENCH_DB_PASSWORD";

    static DatabaseLogin fromEnvironment() {
        return new DatabaseLogin(System.getenv(URL), System.getenv(USER), System.getenv(PASSWORD));
    }

    Map<String, String> asEnvironment() {
        return Map.of(URL, url, USER, user, PASSWORD, password);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}

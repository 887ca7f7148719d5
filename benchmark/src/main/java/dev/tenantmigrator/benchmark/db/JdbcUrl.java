package dev.tenantmigrator.benchmark.db;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL JDBC URL taken apart: {@code jdbc:postgresql://host[:port]/database[?parameters]}.
 *
 * @param host the host name
 * @param port the port (5432 when the URL names none)
 * @param database the database name
 * @param parameters the query string with its {@code ?}, or the empty string
 */
public record JdbcUrl(String host, int port, String database, String parameters) {

    private static final Pattern FORMAT = Pattern.compile("jdbc:postgresql://([^/:?,]+)(?::([0-9]+))?/([^?]*)(\\?.*)?");

    /** Parses {@code url}; throws {@link IllegalArgumentException} for anything but the single-host form. */
    public static JdbcUrl parse(String url) {
        Matcher m = FORMAT.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + url + "' is not of the form jdbc:postgresql://host:port/database");
        }
        return new JdbcUrl(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)), m.group(3),
            m.group(4) == null ? "" : m.group(4));
    }

    /** The same server, another database. */
    public JdbcUrl withDatabase(String name) {
        return new JdbcUrl(host, port, name, parameters);
    }

    @Override
    public String toString() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + parameters;
    }
}

package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.MigratorException;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.PooledDataSourceFactory;
import java.sql.SQLException;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGProperty;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Logs in to another database of the configured server as the configured user, for the round-trip
 * check's scratch database. The driver parses the configured URL (one host or several, any
 * parameters) and only the database name is replaced. Connections are not pooled: the check opens
 * a few dozen, one after the other, and the database must have none left when it is dropped.
 */
final class ScratchDatabaseLogin {

    private ScratchDatabaseLogin() {
    }

    /** A Jdbi per database name, logging in as {@code database} says. */
    static Function<String, Jdbi> of(PooledDataSourceFactory database) {
        if (!(database instanceof DataSourceFactory configured)) {
            throw new MigratorException("--main-in-scratch-database needs the database configured as Dropwizard's "
                + "DataSourceFactory, to log in to the scratch database as the same user.");
        }
        return name -> Jdbi.create(dataSource(configured, name));
    }

    private static PGSimpleDataSource dataSource(DataSourceFactory configured, String databaseName) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        try {
            dataSource.setURL(configured.getUrl());
            for (var property : configured.getProperties().entrySet()) {
                // The driver ignores names it does not know when the pool passes them; so does this.
                if (PGProperty.forName(property.getKey()) != null) {
                    dataSource.setProperty(property.getKey(), property.getValue());
                }
            }
        } catch (IllegalArgumentException | SQLException e) {
            throw new MigratorException("database.url and database.properties must be PostgreSQL's for "
                + "--main-in-scratch-database: " + e.getMessage(), e);
        }
        dataSource.setDatabaseName(databaseName);
        if (configured.getUser() != null) {
            dataSource.setUser(configured.getUser());
        }
        if (configured.getPassword() != null) {
            dataSource.setPassword(configured.getPassword());
        }
        return dataSource;
    }
}

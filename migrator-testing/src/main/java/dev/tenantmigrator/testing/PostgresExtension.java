package dev.tenantmigrator.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a fresh, empty database on a real PostgreSQL: declare a {@link TestDatabase}
 * parameter. The server is chosen once per test run (see {@link PostgresServer}): the URL in
 * {@code TEST_DATABASE_URL}, else Testcontainers when Docker answers, else embedded PostgreSQL.
 */
public final class PostgresExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    /** The database's pools close when the test (or the class, for a class-level parameter) ends. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestDatabase database = newDatabase();
        context.getStore(ExtensionContext.Namespace.create(PostgresExtension.class))
            .put(database.name(), (ExtensionContext.Store.CloseableResource) database::close);
        return database;
    }

    /** A fresh database, for fields and helpers outside parameter injection. */
    public static TestDatabase newDatabase() {
        return PostgresServer.get().createDatabase();
    }
}

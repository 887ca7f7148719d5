package dev.tenantmigrator.benchmark.peer;

import dev.tenantmigrator.benchmark.workload.Sql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.executor.ExecutorService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Liquibase as a schema-per-tenant loop on one connection: the main changelog once, then per
 * tenant {@code CREATE SCHEMA IF NOT EXISTS}, the search path and Liquibase's default schema set
 * to the tenant (so its history tables live there too), and the {@code update} command.
 */
final class LiquibaseLoop {

    private LiquibaseLoop() {
    }

    static void update(DatabaseLogin login, Path folder, List<String> tenants) throws Exception {
        Map<String, Object> scope = Map.of(
            Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(folder),
            Scope.Attr.ui.name(), new LoggerUIService());
        try (Connection connection = login.connect()) {
            Scope.child(scope, () -> {
                update(connection, "public", "main.sql");
                for (String tenant : tenants) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.identifier(tenant));
                    }
                    update(connection, tenant, "tenant.sql");
                }
            });
        }
    }

    private static void update(Connection connection, String schema, String changelog) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + Sql.identifier(schema)
                + (schema.equals("public") ? "" : ", public"));
        }
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        database.setDefaultSchemaName(schema);
        database.setLiquibaseSchemaName(schema);
        new CommandScope(UpdateCommandStep.COMMAND_NAME)
            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
            .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
            .execute();
        // As Liquibase's own update does when it ends: forget this Database's services, or every
        // tenant's would stay reachable for the rest of the loop.
        LockServiceFactory.getInstance().resetAll();
        Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class).resetAll();
        Scope.getCurrentScope().getSingleton(ExecutorService.class).reset();
    }
}

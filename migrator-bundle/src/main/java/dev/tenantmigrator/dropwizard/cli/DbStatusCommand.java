package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.MigrationStatus;
import dev.tenantmigrator.Migrator;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code db-status [--json] config.yml}: what is applied and pending in each schema. Read-only. */
public class DbStatusCommand<T extends Configuration> extends MigratorCommand<T> {

    /** The command for the application whose migrator {@code source} describes; results go to {@code out}. */
    public DbStatusCommand(MigratorSource<T> source, Class<T> configurationClass, PrintStream out) {
        super("status", "Show the applied and pending migrations of the main schema and every tenant schema.",
            source, configurationClass, out);
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--json")
            .action(Arguments.storeTrue())
            .help("print JSON for scripts instead of a table");
    }

    @Override
    protected void run(Bootstrap<T> bootstrap, Namespace namespace, Migrator migrator) throws Exception {
        MigrationStatus status = migrator.status();
        if (namespace.getBoolean("json")) {
            out.println(bootstrap.getObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(StatusReport.of(status)));
        } else {
            out.print(StatusTable.render(status));
        }
    }
}

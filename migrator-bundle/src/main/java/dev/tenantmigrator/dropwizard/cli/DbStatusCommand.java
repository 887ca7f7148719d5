package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.MigrationStatus;
import dev.tenantmigrator.Migrator;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code db-status [--all] [--json] [--tenant NAME]... [--tenants-from FILE] config.yml}: a summary line,
 * then the schemas that are not up to date and what each lacks ({@code --all}: every schema); for the
 * main schema and every known tenant, or the named ones. Read-only.
 */
public class DbStatusCommand<T extends Configuration> extends MigratorCommand<T> {

    /** The command for the application whose migrator {@code source} describes; results go to {@code out}. */
    public DbStatusCommand(MigratorSource<T> source, Class<T> configurationClass, PrintStream out) {
        super("status", "Show which schemas are not up to date and what each lacks (--all: every schema), in the "
            + "main schema and every tenant schema (or the named ones).", source, configurationClass, out);
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--all")
            .action(Arguments.storeTrue())
            .help("print every schema in the table, the up-to-date ones too");
        subparser.addArgument("--json")
            .action(Arguments.storeTrue())
            .help("print JSON for scripts instead of a table");
        TenantArguments.add(subparser, "report only the main schema and this tenant; repeat for several");
    }

    @Override
    protected void run(Bootstrap<T> bootstrap, Namespace namespace, Migrator migrator) throws Exception {
        MigrationStatus status = migrator.status(TenantArguments.of(namespace, migrator));
        if (namespace.getBoolean("json")) {
            printJson(bootstrap, StatusReport.of(status));
        } else {
            out.print(namespace.getBoolean("all") ? StatusTable.render(status) : StatusTable.renderNotUpToDate(status));
        }
    }
}

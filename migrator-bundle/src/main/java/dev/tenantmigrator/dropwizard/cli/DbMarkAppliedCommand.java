package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.Migrator;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code db-mark-applied --version VERSION [--tenant NAME]... [--tenants-from FILE] config.yml}: records a
 * migration as applied without running it (a baseline for schemas built by other means); prints each change.
 */
public class DbMarkAppliedCommand<T extends Configuration> extends MigratorCommand<T> {

    /** The command for the application whose migrator {@code source} describes; results go to {@code out}. */
    public DbMarkAppliedCommand(MigratorSource<T> source, Class<T> configurationClass, PrintStream out) {
        super("mark-applied", "Record a migration as applied without running it, in the main schema and every "
            + "tenant schema whose set has it (or the named tenants).", source, configurationClass, out);
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--version")
            .required(true)
            .type(new DbDownCommand.VersionType("--version"))
            .metavar("VERSION")
            .help("the version of the migration to record as applied");
        TenantArguments.add(subparser, "record it only in this tenant; repeat for several");
    }

    @Override
    protected void run(Bootstrap<T> bootstrap, Namespace namespace, Migrator migrator) {
        long version = namespace.getLong("version");
        DbRepairCommand.print(out, migrator.markApplied(version, TenantArguments.of(namespace, migrator)));
    }
}

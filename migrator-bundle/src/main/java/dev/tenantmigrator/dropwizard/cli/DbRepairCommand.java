package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.HistoryChanges;
import dev.tenantmigrator.Migrator;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code db-repair [--tenant NAME]... [--tenants-from FILE] config.yml}: after an operator has fixed a schema
 * by hand, re-records checksums from the current files and clears recorded failures; prints each change.
 */
public class DbRepairCommand<T extends Configuration> extends MigratorCommand<T> {

    /** The command for the application whose migrator {@code source} describes; results go to {@code out}. */
    public DbRepairCommand(MigratorSource<T> source, Class<T> configurationClass, PrintStream out) {
        super("repair", "Re-record the checksums of applied migrations from their files as they are now and clear "
            + "recorded failures, in the main schema and every tenant schema (or the named ones).", source,
            configurationClass, out);
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        TenantArguments.add(subparser, "repair only this tenant; repeat for several");
    }

    @Override
    protected void run(Bootstrap<T> bootstrap, Namespace namespace, Migrator migrator) {
        print(out, migrator.repair(TenantArguments.of(namespace, migrator)));
    }

    /** Each change on a line of its own, then the summary. */
    static void print(PrintStream out, HistoryChanges changes) {
        changes.changes().forEach(out::println);
        out.println(changes.summary());
    }
}

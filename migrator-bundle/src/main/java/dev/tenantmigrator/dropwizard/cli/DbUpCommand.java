package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.MigrationPlan;
import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.RunReport;
import io.dropwizard.core.Configuration;
import java.io.PrintStream;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code db-up [--tenant NAME]... [--tenants-from FILE] [--concurrency N] [--continue-on-error] [--dry-run] [--json]
 * config.yml}: applies pending migrations, main schema first, then the tenant schemas on N workers; with
 * {@code --dry-run}, prints what it would apply where and changes nothing.
 */
public class DbUpCommand<T extends Configuration> extends RunCommand<T> {

    /** The command for the application whose migrator {@code source} describes; results go to {@code out}. */
    public DbUpCommand(MigratorSource<T> source, Class<T> configurationClass, PrintStream out) {
        super("up", "Apply pending migrations to the main schema, then to every tenant schema (or the named ones).",
            source, configurationClass, out);
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        TenantArguments.add(subparser, "migrate only this tenant after the main schema; repeat for several");
    }

    @Override
    protected RunReport run(Namespace namespace, Migrator migrator, List<String> tenants) {
        return tenants.isEmpty() ? migrator.up() : migrator.up(tenants);
    }

    @Override
    protected MigrationPlan plan(Namespace namespace, Migrator migrator, List<String> tenants) {
        return tenants.isEmpty() ? migrator.planUp() : migrator.planUp(tenants);
    }
}

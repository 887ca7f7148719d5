package dev.tenantmigrator.cli;

import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorBundle;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code db-up [--tenant NAME]... config.yml}: applies pending migrations, main schema first. */
public class DbUpCommand<T extends Configuration> extends MigratorCommand<T> {

    /** The command for {@code bundle}'s application; results go to {@code out}. */
    public DbUpCommand(MigratorBundle<T> bundle, Class<T> configurationClass, PrintStream out) {
        super("db-up", "Apply pending migrations to the main schema, then to every tenant schema (or the named ones).",
            bundle, configurationClass, out);
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        TenantArguments.add(subparser, "migrate only this tenant after the main schema; repeat for several");
    }

    @Override
    protected void run(Bootstrap<T> bootstrap, Namespace namespace, Migrator migrator) {
        List<String> tenants = TenantArguments.of(namespace);
        if (tenants.isEmpty()) {
            migrator.up();
        } else {
            migrator.up(tenants);
        }
        out.println("Migrations are up in the main schema and " + TenantArguments.describe(tenants) + ".");
    }
}

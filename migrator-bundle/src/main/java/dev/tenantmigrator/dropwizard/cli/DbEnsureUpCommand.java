package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.Migrator;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code db-ensure-up config.yml}: exits 0 when nothing is pending; otherwise exits 1 printing
 * {@code Migrations not up!} and one line per pending item on stderr. Read-only.
 */
public class DbEnsureUpCommand<T extends Configuration> extends MigratorCommand<T> {

    /** The command for the application whose migrator {@code source} describes; results go to {@code out}. */
    public DbEnsureUpCommand(MigratorSource<T> source, Class<T> configurationClass, PrintStream out) {
        super("ensure-up", "Fail (exit status 1) listing every pending migration and missing tenant schema.",
            source, configurationClass, out);
    }

    @Override
    protected void run(Bootstrap<T> bootstrap, Namespace namespace, Migrator migrator) {
        migrator.ensureUp();
        out.println("Migrations are up.");
    }
}

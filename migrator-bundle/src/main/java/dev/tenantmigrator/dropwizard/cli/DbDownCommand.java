package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.Excerpt;
import dev.tenantmigrator.MigrationPlan;
import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.RunReport;
import io.dropwizard.core.Configuration;
import java.io.PrintStream;
import java.util.List;
import net.sourceforge.argparse4j.inf.Argument;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.ArgumentType;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code db-down --to VERSION [--tenant NAME]... [--tenants-from FILE] [--concurrency N] [--continue-on-error]
 * [--dry-run] [--json] config.yml}: rolls back every applied migration whose version is at least VERSION,
 * tenants first, then the main schema (unless tenants are named); with {@code --dry-run}, prints what it
 * would roll back where and changes nothing.
 */
public class DbDownCommand<T extends Configuration> extends RunCommand<T> {

    /** The command for the application whose migrator {@code source} describes; results go to {@code out}. */
    public DbDownCommand(MigratorSource<T> source, Class<T> configurationClass, PrintStream out) {
        super("down", "Roll back every migration with a version of at least --to, in every tenant schema "
            + "(or the named ones) and then the main schema.", source, configurationClass, out);
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--to")
            .required(true)
            .type(new VersionType("--to"))
            .metavar("VERSION")
            .help("the oldest version to roll back (inclusive)");
        TenantArguments.add(subparser, "roll back only this tenant and leave the main schema alone; repeat for several");
    }

    @Override
    protected RunReport run(Namespace namespace, Migrator migrator, List<String> tenants) {
        long to = namespace.getLong("to");
        return tenants.isEmpty() ? migrator.down(to) : migrator.down(to, tenants);
    }

    @Override
    protected MigrationPlan plan(Namespace namespace, Migrator migrator, List<String> tenants) {
        long to = namespace.getLong("to");
        return tenants.isEmpty() ? migrator.planDown(to) : migrator.planDown(to, tenants);
    }

    /** A version: a whole number of 0 or more; anything else is a usage error naming the option. */
    static final class VersionType implements ArgumentType<Long> {
        private final String option;

        VersionType(String option) {
            this.option = option;
        }

        @Override
        public Long convert(ArgumentParser parser, Argument argument, String value) throws ArgumentParserException {
            try {
                long version = Long.parseLong(value.strip());
                if (version >= 0) {
                    return version;
                }
            } catch (NumberFormatException ignored) {
                // Reported below with the same sentence as a negative number.
            }
            throw new ArgumentParserException("argument " + option + ": " + Excerpt.quoted(value)
                + " is not a migration version; give a whole number of 0 or more, such as 20240101120000.", parser);
        }
    }
}

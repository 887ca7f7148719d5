package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.MigrationStatus;
import dev.tenantmigrator.MigrationsNotUpException;
import dev.tenantmigrator.Migrator;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code db-ensure-up [--tenant NAME]... [--tenants-from FILE] config.yml}: exits 0 when nothing is
 * pending; exits 1 printing {@code Migrations not up!} and one line per pending item on stderr when
 * something is; exits {@value #COULD_NOT_TELL} when it could not tell (the configuration, the migration
 * files, the database or the tenant list failed), so that a script can migrate on 1 and alert on 2. The
 * status 2 needs the application's {@code onFatalError} to honour {@link ExitStatusException}. Read-only.
 */
public class DbEnsureUpCommand<T extends Configuration> extends MigratorCommand<T> {

    /** The exit status when the command could not tell whether migrations are up. */
    public static final int COULD_NOT_TELL = 2;
    /** The first line on stderr when every schema read is up to date but the tenant list could not be read. */
    public static final String COULD_NOT_TELL_HEADING = "Could not tell whether migrations are up!";

    /** The command for the application whose migrator {@code source} describes; results go to {@code out}. */
    public DbEnsureUpCommand(MigratorSource<T> source, Class<T> configurationClass, PrintStream out) {
        super("ensure-up", "Fail (exit status 1) listing every pending migration and missing tenant schema; exit "
            + "status 2 when it cannot tell.", source, configurationClass, out);
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        TenantArguments.add(subparser, "check only the main schema and this tenant; repeat for several");
    }

    /** Every failure but "not up" asks for {@value #COULD_NOT_TELL}: 1 must mean that migrations are not up, nothing else. */
    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        try {
            super.run(bootstrap, namespace);
        } catch (MigrationsNotUpException | ExitStatusException e) {
            throw e;
        } catch (Exception e) {
            throw new ExitStatusException(COULD_NOT_TELL, e);
        }
    }

    @Override
    protected void run(Bootstrap<T> bootstrap, Namespace namespace, Migrator migrator) {
        MigrationStatus status = migrator.status(TenantArguments.of(namespace, migrator));
        if (status.upToDate()) {
            out.println("Migrations are up.");
            return;
        }
        // A schema behind is a definite "not up", even when the tenant list could not be read besides.
        if (status.schemas().stream().anyMatch(schema -> !schema.upToDate())) {
            throw new MigrationsNotUpException(status.pendingLines());
        }
        throw new ExitStatusException(COULD_NOT_TELL,
            COULD_NOT_TELL_HEADING + "\n" + String.join("\n", status.pendingLines()));
    }
}

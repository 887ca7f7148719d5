package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.RoundTripCheck;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.PooledDataSourceFactory;
import java.io.PrintStream;
import java.util.List;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code db-verify [--main-in-scratch-database] config.yml}: the round-trip check (see
 * {@link RoundTripCheck}). Prints one line per migration set and exits 0 when every down undoes its
 * up; otherwise exits 1 with one sentence on stderr naming the migration and what differs. Touches
 * no tenant: it works in a scratch schema (and, with the flag, a scratch database) that it drops.
 */
public class DbVerifyCommand<T extends Configuration> extends MigratorCommand<T> {

    private static final String MAIN_FLAG = "--main-in-scratch-database";

    /** The command for the application whose migrator {@code source} describes; results go to {@code out}. */
    public DbVerifyCommand(MigratorSource<T> source, Class<T> configurationClass, PrintStream out) {
        super("verify", "Check that every migration's down undoes its up, in a scratch schema that is dropped afterwards.",
            source, configurationClass, out);
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument(MAIN_FLAG)
            .dest("mainInScratchDatabase")
            .action(Arguments.storeTrue())
            .help("check the main migrations too, in a scratch database created and dropped for it (needs CREATEDB)");
    }

    /**
     * The check needs the pool's Jdbi and, with the flag, the database's settings to log in to a scratch database.
     * A signal cannot stop it halfway (its scratch schema would stay): the process waits for it, for a while.
     */
    @Override
    protected void run(Bootstrap<T> bootstrap, Namespace namespace, Jdbi jdbi, MigratorSettings settings,
                       PooledDataSourceFactory database) {
        try (StopOnSignal signal = StopOnSignal.install(() -> { }, settings.shutdownGrace())) {
            check(namespace, new RoundTripCheck(jdbi, settings), database);
        }
    }

    private void check(Namespace namespace, RoundTripCheck check, PooledDataSourceFactory database) {
        if (namespace.getBoolean("mainInScratchDatabase")) {
            List<RoundTripCheck.Result> results = check.mainAndTenantMigrations(ScratchDatabaseLogin.of(database));
            results.forEach(result -> out.println(result.summary()));
        } else {
            // Main first, as with the flag, so the two lines always come in the order the sets are migrated.
            out.println("Main migrations: not checked; " + MAIN_FLAG + " checks them in a scratch database "
                + "(it needs the CREATEDB privilege).");
            out.println(check.tenantMigrations().summary());
        }
    }
}

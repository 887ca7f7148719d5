package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.MigrationPlan;
import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.RunFailedException;
import dev.tenantmigrator.RunReport;
import dev.tenantmigrator.RunStoppedException;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * A command that runs up or down and reports what it did: the summary line (or the report as JSON)
 * on stdout, whether the run succeeded or not; a failed run then exits 1 with its failure on stderr.
 * A run stopped by SIGTERM or SIGINT prints its report (which says it was stopped, and names the
 * interrupted schemas) and exits {@value StopOnSignal#STOPPED_BY_SIGTERM} or {@value StopOnSignal#STOPPED_BY_SIGINT}.
 * With {@code --dry-run} it prints the plan instead (see {@link PlanText}, {@link PlanJson}) and
 * changes nothing.
 *
 * @param <T> the application's configuration class
 */
abstract class RunCommand<T extends Configuration> extends MigratorCommand<T> {

    RunCommand(String action, String description, MigratorSource<T> source, Class<T> configurationClass, PrintStream out) {
        super(action, description, source, configurationClass, out);
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        RunArguments.add(subparser);
    }

    @Override
    protected void adjust(Namespace namespace, MigratorSettings.Builder settings) {
        RunArguments.adjust(namespace, settings);
    }

    @Override
    protected final void run(Bootstrap<T> bootstrap, Namespace namespace, Migrator migrator) throws Exception {
        List<String> tenants = TenantArguments.of(namespace, migrator);
        if (RunArguments.dryRun(namespace)) {
            MigrationPlan plan = plan(namespace, migrator, tenants);
            if (RunArguments.json(namespace)) {
                printJson(bootstrap, PlanJson.of(plan));
            } else {
                out.print(PlanText.render(getName(), plan));
            }
            return;
        }
        RunReport report;
        try {
            report = run(namespace, migrator, tenants);
        } catch (RunFailedException e) {
            print(bootstrap, namespace, e.report());
            if (e instanceof RunStoppedException) {
                // Only a signal stops a command's run, and its status is the JVM's once the hook returns (StopOnSignal):
                // a failure thrown now would put a line on stderr that the JVM may halt before or after.
                return;
            }
            throw e;
        }
        print(bootstrap, namespace, report);
    }

    /** Runs up or down as the flags say, in the named tenants (none named: as the operation does by default). */
    protected abstract RunReport run(Namespace namespace, Migrator migrator, List<String> tenants);

    /** Plans what {@link #run(Namespace, Migrator, List)} would do, without changing anything. */
    protected abstract MigrationPlan plan(Namespace namespace, Migrator migrator, List<String> tenants);

    private void print(Bootstrap<T> bootstrap, Namespace namespace, RunReport report) throws Exception {
        if (RunArguments.json(namespace)) {
            printJson(bootstrap, RunReportJson.of(report));
        } else {
            out.println(report.summary());
        }
    }
}

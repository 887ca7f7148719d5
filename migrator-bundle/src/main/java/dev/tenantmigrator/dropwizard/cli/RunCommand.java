package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.RunFailedException;
import dev.tenantmigrator.RunReport;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * A command that runs up or down and reports what it did: the summary line (or the report as JSON)
 * on stdout, whether the run succeeded or not; a failed run then exits 1 with its failure on stderr.
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
        RunReport report;
        try {
            report = run(namespace, migrator);
        } catch (RunFailedException e) {
            print(bootstrap, namespace, e.report());
            throw e;
        }
        print(bootstrap, namespace, report);
    }

    /** Runs up or down as the flags say. */
    protected abstract RunReport run(Namespace namespace, Migrator migrator);

    private void print(Bootstrap<T> bootstrap, Namespace namespace, RunReport report) throws Exception {
        if (RunArguments.json(namespace)) {
            out.println(bootstrap.getObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(RunReportJson.of(report)));
        } else {
            out.println(report.summary());
        }
    }
}

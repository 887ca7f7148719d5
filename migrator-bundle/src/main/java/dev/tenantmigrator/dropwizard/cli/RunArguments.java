package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.Excerpt;
import dev.tenantmigrator.MigratorSettings;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Argument;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.ArgumentType;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * The flags {@code db-up} and {@code db-down} share: {@code --concurrency N}, {@code --continue-on-error},
 * {@code --dry-run}, {@code --json}.
 */
final class RunArguments {

    private static final String CONCURRENCY = "concurrency";
    private static final String CONTINUE_ON_ERROR = "continue_on_error";
    private static final String JSON = "json";
    private static final String DRY_RUN = "dry_run";

    private RunArguments() {
    }

    static void add(Subparser subparser) {
        subparser.addArgument("--concurrency")
            .type(new CountType())
            .metavar("N")
            .help("migrate N tenant schemas at once (default: the YAML's concurrency)");
        subparser.addArgument("--continue-on-error")
            .dest(CONTINUE_ON_ERROR)
            .action(Arguments.storeTrue())
            .help("go on with the other schemas after one fails (overrides the YAML's continueOnError)");
        subparser.addArgument("--dry-run")
            .dest(DRY_RUN)
            .action(Arguments.storeTrue())
            .help("print what would be done in each schema, with the SQL, and change nothing");
        subparser.addArgument("--json")
            .action(Arguments.storeTrue())
            .help("print the run report (with --dry-run: the plan) as JSON instead of text");
    }

    /** Overrides the YAML settings with the flags that were given. */
    static void adjust(Namespace namespace, MigratorSettings.Builder settings) {
        Integer concurrency = namespace.getInt(CONCURRENCY);
        if (concurrency != null) {
            settings.concurrency(concurrency);
        }
        if (Boolean.TRUE.equals(namespace.getBoolean(CONTINUE_ON_ERROR))) {
            settings.continueOnError(true);
        }
    }

    static boolean json(Namespace namespace) {
        return Boolean.TRUE.equals(namespace.getBoolean(JSON));
    }

    static boolean dryRun(Namespace namespace) {
        return Boolean.TRUE.equals(namespace.getBoolean(DRY_RUN));
    }

    /** A count of 1 or more; anything else is a usage error naming the option. */
    static final class CountType implements ArgumentType<Integer> {
        @Override
        public Integer convert(ArgumentParser parser, Argument argument, String value) throws ArgumentParserException {
            try {
                int count = Integer.parseInt(value.strip());
                if (count >= 1) {
                    return count;
                }
            } catch (NumberFormatException ignored) {
                // Reported below with the same sentence as zero.
            }
            throw new ArgumentParserException("argument --concurrency: " + Excerpt.quoted(value)
                + " is not a number of workers; give a whole number of 1 or more.", parser);
        }
    }
}

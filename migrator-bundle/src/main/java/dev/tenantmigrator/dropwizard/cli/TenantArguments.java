package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.Migrator;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** The options that name tenants, shared by every command that takes them: {@code --tenant NAME}, {@code --tenants-from FILE}. */
final class TenantArguments {

    private static final String DEST = "tenants";
    private static final String FROM = "tenants_from";

    private TenantArguments() {
    }

    /** Adds both options; {@code help} says what naming one tenant does. */
    static void add(Subparser subparser, String help) {
        subparser.addArgument("--tenant")
            .action(Arguments.append())
            .dest(DEST)
            .metavar("NAME")
            .help(help);
        subparser.addArgument("--tenants-from")
            .dest(FROM)
            .metavar("FILE")
            .help("as --tenant, for each name in FILE, one a line (blank lines and lines starting with # are skipped; "
                + "- reads standard input)");
    }

    /**
     * The tenants named by {@code --tenant}, then those of the {@code --tenants-from} file; empty when
     * none was named. The file's entries are checked here, before anything changes, so that a bad one
     * is named by its line; the operation checks the rest.
     */
    static List<String> of(Namespace namespace, Migrator migrator) {
        List<String> tenants = new ArrayList<>();
        List<String> named = namespace.getList(DEST);
        if (named != null) {
            tenants.addAll(named);
        }
        String file = namespace.getString(FROM);
        if (file != null) {
            // The bundle makes the commands with an output stream only; standard input is the process's own.
            TenantsFile listed = TenantsFile.read(file, System.in);
            listed.check(migrator);
            tenants.addAll(listed.names());
        }
        return tenants;
    }
}

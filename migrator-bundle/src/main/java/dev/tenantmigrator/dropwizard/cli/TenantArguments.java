package dev.tenantmigrator.dropwizard.cli;

import java.util.List;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** The repeatable {@code --tenant NAME} option shared by {@code db-up} and {@code db-down}. */
final class TenantArguments {

    private static final String DEST = "tenants";

    private TenantArguments() {
    }

    static void add(Subparser subparser, String help) {
        subparser.addArgument("--tenant")
            .action(Arguments.append())
            .dest(DEST)
            .metavar("NAME")
            .help(help);
    }

    /** The tenants named on the command line; empty when none was. */
    static List<String> of(Namespace namespace) {
        List<String> tenants = namespace.getList(DEST);
        return tenants == null ? List.of() : tenants;
    }
}

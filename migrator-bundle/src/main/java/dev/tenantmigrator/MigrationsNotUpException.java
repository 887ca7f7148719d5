package dev.tenantmigrator;

import java.util.List;

/** Thrown by {@link Migrator#ensureUp()}: the message is {@code Migrations not up!} and one line per pending item. */
public class MigrationsNotUpException extends MigratorException {
    private static final long serialVersionUID = 1L;

    /** The heading of the message, kept word for word from BitcrowdEcto.Migrator. */
    public static final String HEADING = "Migrations not up!";

    private final List<String> pending;

    /** @param pending the lines after the heading, one per pending migration or missing schema */
    public MigrationsNotUpException(List<String> pending) {
        super(HEADING + "\n" + String.join("\n", pending));
        this.pending = List.copyOf(pending);
    }

    /** The lines after the heading, e.g. {@code 20220101120000_create_foo.sql (tenant: tenant_a)}. */
    public List<String> pending() {
        return pending;
    }
}

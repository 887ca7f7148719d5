package dev.tenantmigrator.dropwizard;

import com.codahale.metrics.MetricRegistry;
import dev.tenantmigrator.Excerpt;
import java.util.regex.Pattern;

/**
 * A bundle's name and the names derived from it. The default bundle ({@value #DEFAULT}) keeps the
 * names it had before bundles were named ({@code migrations}, {@code migrator-database}), so existing
 * services, dashboards and probes see no change; any other bundle prefixes them with its name, so two
 * bundles in one service never register the same command, health check, pool or metric.
 */
final class BundleName {

    /** The default bundle's name: its commands are {@code db-up}, {@code db-down} and so on. */
    static final String DEFAULT = "db";

    /** A name must make a readable command ({@code audit-up}) and metric ({@code audit.migrator.runs}). */
    private static final Pattern ALLOWED = Pattern.compile("[a-z][a-z0-9_-]*");

    private final String name;

    BundleName(String name) {
        if (name == null || !ALLOWED.matcher(name).matches()) {
            throw new IllegalArgumentException("A migrator bundle's name must match " + ALLOWED + ", such as db or audit; was "
                + Excerpt.quoted(name) + ".");
        }
        this.name = name;
    }

    /** What the command names start with: {@code db} for {@code db-up}. */
    String value() {
        return name;
    }

    /** {@code migrations} for the default bundle, {@code <name>-migrations} otherwise. */
    String healthCheck() {
        return qualified(MigratorBundle.HEALTH_CHECK_NAME);
    }

    /** {@code migrator-database} for the default bundle, {@code <name>-migrator-database} otherwise. */
    String dataSource() {
        return qualified(MigratorBundle.DATA_SOURCE_NAME);
    }

    /** A metric under the bundle's name, e.g. {@code db.migrator.runs}; the default bundle is no exception here, there was nothing to keep. */
    String metric(String metric) {
        return MetricRegistry.name(name, "migrator", metric);
    }

    private String qualified(String base) {
        return DEFAULT.equals(name) ? base : name + "-" + base;
    }

    @Override
    public String toString() {
        return name;
    }
}

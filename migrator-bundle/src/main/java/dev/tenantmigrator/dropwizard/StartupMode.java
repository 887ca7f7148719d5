package dev.tenantmigrator.dropwizard;

/** What the bundle does with migrations when the {@code server} command starts, set in YAML as {@code startup}. */
public enum StartupMode {
    /** Nothing: migrations are run by {@code db-up} (e.g. in a Kubernetes init container or job). */
    NONE,
    /** Refuse to start while anything is pending; the failure lists what is pending. */
    ENSURE_UP,
    /** Apply every pending migration, main schema first, before serving. */
    MIGRATE
}

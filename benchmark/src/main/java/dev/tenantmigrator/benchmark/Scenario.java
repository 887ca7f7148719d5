package dev.tenantmigrator.benchmark;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What is timed, as named on the command line ({@code --only}); each says which runners have it. */
public enum Scenario {
    /** Migrate every tenant from an empty database. */
    UP_EMPTY("up-empty", "up from empty", EnumSet.allOf(Runner.class)),
    /** Migrate again with nothing pending. */
    UP_NOOP("up-noop", "up, nothing pending", EnumSet.of(Runner.OURS, Runner.FLYWAY, Runner.LIQUIBASE, Runner.JDBC)),
    /** {@code db-ensure-up} on an up-to-date database. */
    ENSURE_UP("ensure-up", "db-ensure-up", EnumSet.of(Runner.OURS)),
    /** {@code db-status} on an up-to-date database. */
    STATUS("status", "db-status", EnumSet.of(Runner.OURS)),
    /** One uncached evaluation of the {@code migrations} health check of a running server. */
    HEALTH("health", "health check", EnumSet.of(Runner.OURS)),
    /** One migration added to a database where every tenant is up to date. */
    NEW_MIGRATION("new-migration", "one new migration on every tenant",
        EnumSet.of(Runner.OURS, Runner.FLYWAY, Runner.LIQUIBASE, Runner.JDBC, Runner.PSQL)),
    /** Three {@code db-up} processes started together on one empty database. */
    PROCESSES("processes", "up from empty", EnumSet.of(Runner.OURS)),
    /** Dropwizard's own {@code check} command of the same jar: the start every command pays, no database work. */
    CHECK("check", "check (the start floor)", EnumSet.of(Runner.OURS)),
    /** psql reading every row of the summary of the histories in one {@code SELECT}: the floor of a fleet read. */
    SUMMARY_READ("summary-read", "psql reads the summary (the read floor)", EnumSet.of(Runner.PSQL));

    /** The table's label for the first health check request. */
    public static final String HEALTH_FIRST = "health check, first request";
    /** The table's label for the median health check request. */
    public static final String HEALTH_MEDIAN = "health check, median request";

    private final String key;
    private final String label;
    private final Set<Runner> runners;

    Scenario(String key, String label, Set<Runner> runners) {
        this.key = key;
        this.label = label;
        this.runners = runners;
    }

    /** The name used on the command line. */
    public String key() {
        return key;
    }

    /** The name used in the table (the 3-process race shares "up from empty" so that it is compared with the peers). */
    public String label() {
        return label;
    }

    /** Whether {@code runner} has this scenario. */
    public boolean appliesTo(Runner runner) {
        return runners.contains(runner);
    }

    /** The scenario labels in the order the table lists them. */
    public static List<String> tableOrder() {
        return List.of(UP_EMPTY.label, CHECK.label, SUMMARY_READ.label, UP_NOOP.label, ENSURE_UP.label, STATUS.label,
            HEALTH_FIRST, HEALTH_MEDIAN, NEW_MIGRATION.label);
    }

    /** The scenario named {@code key}, if any. */
    public static Optional<Scenario> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }
}

package dev.tenantmigrator.benchmark;

import java.util.Arrays;
import java.util.Optional;

/** The tools compared, as named on the command line ({@code --only}) and in the table. */
public enum Runner {
    /** Our tool: the example service's {@code db-*} commands, each a child process. */
    OURS("ours"),
    /** Flyway's Java API in a loop over the tenants, in a child JVM. */
    FLYWAY("flyway"),
    /** Liquibase's Java API in a loop over the tenants, in a child JVM. */
    LIQUIBASE("liquibase"),
    /** A plain JDBC loop on one connection, in a child JVM. */
    JDBC("jdbc"),
    /** psql replaying one generated script: the floor. */
    PSQL("psql");

    private final String key;

    Runner(String key) {
        this.key = key;
    }

    /** The name used on the command line and in the table. */
    public String key() {
        return key;
    }

    /** The runner named {@code key}, if any. */
    public static Optional<Runner> byKey(String key) {
        return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst();
    }
}

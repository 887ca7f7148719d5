package dev.tenantmigrator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** How a {@link Migrator} finds migrations and tenants and how patiently it talks to the database. Immutable. */
public final class MigratorSettings {

    /** The default main set: {@code classpath:db/migrations}. */
    public static final String DEFAULT_MAIN_LOCATION = "classpath:db/migrations";
    /** The default tenant set: {@code classpath:db/tenant_migrations}. */
    public static final String DEFAULT_TENANT_LOCATION = "classpath:db/tenant_migrations";
    /** The default tenant name rule: a lower-case unquoted PostgreSQL identifier. */
    public static final String DEFAULT_TENANT_NAME_PATTERN = "[a-z_][a-z0-9_]*";

    private final String mainLocation;
    private final String tenantLocation;
    private final List<Migration> mainJavaMigrations;
    private final List<Migration> tenantJavaMigrations;
    private final String mainSchema;
    private final TenantSource tenantSource;
    private final Pattern tenantNamePattern;
    private final int connectAttempts;
    private final Duration connectInterval;
    private final Duration lockPollInterval;
    private final MigrationExceptionHandler exceptionHandler;

    private MigratorSettings(Builder b) {
        this.mainLocation = b.mainLocation;
        this.tenantLocation = b.tenantLocation;
        this.mainJavaMigrations = List.copyOf(b.mainJavaMigrations);
        this.tenantJavaMigrations = List.copyOf(b.tenantJavaMigrations);
        this.mainSchema = b.mainSchema;
        this.tenantSource = b.tenantSource;
        this.tenantNamePattern = Pattern.compile(b.tenantNamePattern);
        this.connectAttempts = b.connectAttempts;
        this.connectInterval = b.connectInterval;
        this.lockPollInterval = b.lockPollInterval;
        this.exceptionHandler = b.exceptionHandler;
    }

    /** A builder holding every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings with every default: no tenants, {@code public} as the main schema. */
    public static MigratorSettings defaults() {
        return builder().build();
    }

    /** A builder that starts from these settings. */
    public Builder toBuilder() {
        return new Builder()
            .mainLocation(mainLocation)
            .tenantLocation(tenantLocation)
            .mainJavaMigrations(mainJavaMigrations)
            .tenantJavaMigrations(tenantJavaMigrations)
            .mainSchema(mainSchema)
            .tenantSource(tenantSource)
            .tenantNamePattern(tenantNamePattern.pattern())
            .connectAttempts(connectAttempts)
            .connectInterval(connectInterval)
            .lockPollInterval(lockPollInterval)
            .exceptionHandler(exceptionHandler);
    }

    /** Where the main migrations are. */
    public String mainLocation() {
        return mainLocation;
    }

    /** Where the tenant migrations are. */
    public String tenantLocation() {
        return tenantLocation;
    }

    /** Java migrations mixed into the main set. */
    public List<Migration> mainJavaMigrations() {
        return mainJavaMigrations;
    }

    /** Java migrations mixed into the tenant set. */
    public List<Migration> tenantJavaMigrations() {
        return tenantJavaMigrations;
    }

    /** The shared schema, migrated first and second on every tenant's search path. */
    public String mainSchema() {
        return mainSchema;
    }

    /** Where tenant names come from. */
    public TenantSource tenantSource() {
        return tenantSource;
    }

    /** The pattern every tenant name must match in full. */
    public Pattern tenantNamePattern() {
        return tenantNamePattern;
    }

    /** Connection attempts at the start of an operation. */
    public int connectAttempts() {
        return connectAttempts;
    }

    /** The wait between connection attempts. */
    public Duration connectInterval() {
        return connectInterval;
    }

    /** How often a held schema lock is asked for again. */
    public Duration lockPollInterval() {
        return lockPollInterval;
    }

    /** Called with every failure of up or down. */
    public MigrationExceptionHandler exceptionHandler() {
        return exceptionHandler;
    }

    /** Builds {@link MigratorSettings}; every setter checks its argument. */
    public static final class Builder {
        private String mainLocation = DEFAULT_MAIN_LOCATION;
        private String tenantLocation = DEFAULT_TENANT_LOCATION;
        private List<Migration> mainJavaMigrations = List.of();
        private List<Migration> tenantJavaMigrations = List.of();
        private String mainSchema = "public";
        private TenantSource tenantSource = TenantSource.none();
        private String tenantNamePattern = DEFAULT_TENANT_NAME_PATTERN;
        private int connectAttempts = 5;
        private Duration connectInterval = Duration.ofSeconds(5);
        private Duration lockPollInterval = Duration.ofMillis(200);
        private MigrationExceptionHandler exceptionHandler = MigrationExceptionHandler.logging();

        private Builder() {
        }

        /** Where the main migrations are: {@code classpath:<path>} or {@code filesystem:<path>}. */
        public Builder mainLocation(String location) {
            this.mainLocation = Objects.requireNonNull(location, "mainLocation");
            return this;
        }

        /** Where the tenant migrations are: {@code classpath:<path>} or {@code filesystem:<path>}. */
        public Builder tenantLocation(String location) {
            this.tenantLocation = Objects.requireNonNull(location, "tenantLocation");
            return this;
        }

        /** Java migrations mixed into the main set. */
        public Builder mainJavaMigrations(List<? extends Migration> migrations) {
            this.mainJavaMigrations = List.copyOf(migrations);
            return this;
        }

        /** Java migrations mixed into the tenant set. */
        public Builder tenantJavaMigrations(List<? extends Migration> migrations) {
            this.tenantJavaMigrations = List.copyOf(migrations);
            return this;
        }

        /** The shared schema migrated first; {@code public} by default. */
        public Builder mainSchema(String schema) {
            if (schema == null || schema.isBlank()) {
                throw new IllegalArgumentException("mainSchema must not be empty");
            }
            this.mainSchema = schema;
            return this;
        }

        /** Where tenant names come from; none by default. */
        public Builder tenantSource(TenantSource source) {
            this.tenantSource = Objects.requireNonNull(source, "tenantSource");
            return this;
        }

        /** The regular expression every tenant name must match in full. */
        public Builder tenantNamePattern(String regex) {
            Pattern.compile(regex);
            this.tenantNamePattern = regex;
            return this;
        }

        /** How many times to try to connect at the start of an operation; at least 1. */
        public Builder connectAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("connectAttempts must be at least 1, was " + attempts);
            }
            this.connectAttempts = attempts;
            return this;
        }

        /** How long to wait between connection attempts. */
        public Builder connectInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("connectInterval must not be negative, was " + interval);
            }
            this.connectInterval = interval;
            return this;
        }

        /** How often to ask again for a schema lock that another process holds. */
        public Builder lockPollInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("lockPollInterval must be positive, was " + interval);
            }
            this.lockPollInterval = interval;
            return this;
        }

        /** Called with every failure of up or down before it is rethrown; logs by default. */
        public Builder exceptionHandler(MigrationExceptionHandler handler) {
            this.exceptionHandler = Objects.requireNonNull(handler, "exceptionHandler");
            return this;
        }

        public MigratorSettings build() {
            return new MigratorSettings(this);
        }
    }
}

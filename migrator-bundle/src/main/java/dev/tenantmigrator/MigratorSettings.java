package dev.tenantmigrator;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** How a {@link Migrator} finds migrations and tenants and how patiently it talks to the database. Immutable. */
public final class MigratorSettings {

    /** The default main set: {@code classpath:db/migrations}. */
    public static final String DEFAULT_MAIN_LOCATION = "classpath:db/migrations";
    /** The default tenant set: {@code classpath:db/tenant_migrations}. */
    public static final String DEFAULT_TENANT_LOCATION = "classpath:db/tenant_migrations";
    /** The default tenant name rule: a lower-case unquoted PostgreSQL identifier. */
    public static final String DEFAULT_TENANT_NAME_PATTERN = "[a-z_][a-z0-9_]*";
    /** The default number of schemas migrated at once; see README for the measurements behind it. */
    public static final int DEFAULT_CONCURRENCY = 2;
    /** How long migrations running when a run is stopped may go on: inside Kubernetes' default 30 s before SIGKILL. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(20);
    /** How long the migrator waits for an answer the network may have lost: a minute, as a frozen network otherwise waits for hours. */
    public static final Duration DEFAULT_NETWORK_TIMEOUT = Duration.ofSeconds(60);

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
    private final int concurrency;
    private final boolean continueOnError;
    private final TransactionMode transactionMode;
    private final Duration progressInterval;
    private final Duration lockTimeout;
    private final int lockRetries;
    private final Duration statementTimeout;
    private final Duration schemaLockWait;
    private final boolean validateChecksums;
    private final RunListener runListener;
    private final Optional<String> grantRole;
    private final Duration shutdownGrace;
    private final Duration networkTimeout;
    private final Duration tenantStateCache;

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
        this.concurrency = b.concurrency;
        this.continueOnError = b.continueOnError;
        this.transactionMode = b.transactionMode;
        this.progressInterval = b.progressInterval;
        this.lockTimeout = b.lockTimeout;
        this.lockRetries = b.lockRetries;
        this.statementTimeout = b.statementTimeout;
        this.schemaLockWait = b.schemaLockWait;
        this.validateChecksums = b.validateChecksums;
        this.runListener = b.runListener;
        this.grantRole = b.grantRole;
        this.shutdownGrace = b.shutdownGrace;
        this.networkTimeout = b.networkTimeout;
        this.tenantStateCache = b.tenantStateCache;
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
            .exceptionHandler(exceptionHandler)
            .concurrency(concurrency)
            .continueOnError(continueOnError)
            .transactionMode(transactionMode)
            .progressInterval(progressInterval)
            .lockTimeout(lockTimeout)
            .lockRetries(lockRetries)
            .statementTimeout(statementTimeout)
            .schemaLockWait(schemaLockWait)
            .validateChecksums(validateChecksums)
            .runListener(runListener)
            .grantRole(grantRole.orElse(null))
            .shutdownGrace(shutdownGrace)
            .networkTimeout(networkTimeout)
            .tenantStateCache(tenantStateCache);
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

    /** Called once per failed schema of up or down, and once for a failure outside any schema. */
    public MigrationExceptionHandler exceptionHandler() {
        return exceptionHandler;
    }

    /** How many tenant schemas are migrated at once (the main schema always runs alone, first for up, last for down). */
    public int concurrency() {
        return concurrency;
    }

    /** Whether a failed schema lets the run go on with the others (true) or stops it from starting new ones (false). */
    public boolean continueOnError() {
        return continueOnError;
    }

    /** Whether each migration commits on its own or all of a schema's transactional migrations commit together. */
    public TransactionMode transactionMode() {
        return transactionMode;
    }

    /** How often a long run logs its progress; zero for never. */
    public Duration progressInterval() {
        return progressInterval;
    }

    /**
     * How long a transactional migration waits for a table lock before it is rolled back and tried
     * again ({@code lock_timeout}); zero for no limit.
     */
    public Duration lockTimeout() {
        return lockTimeout;
    }

    /** How many times a transactional migration is tried when it cannot get its locks in time. */
    public int lockRetries() {
        return lockRetries;
    }

    /** The longest a migration statement may run ({@code statement_timeout}); zero for no limit. */
    public Duration statementTimeout() {
        return statementTimeout;
    }

    /** How long to wait for a schema that another process is migrating before failing that schema. */
    public Duration schemaLockWait() {
        return schemaLockWait;
    }

    /** Whether up, ensure-up and status refuse applied migrations whose files were edited or deleted since. */
    public boolean validateChecksums() {
        return validateChecksums;
    }

    /** Hears every up and down run when it ends. */
    public RunListener runListener() {
        return runListener;
    }

    /**
     * The role the application runs as, when it has no DDL rights: after up migrates a tenant schema,
     * that role gets usage of it and DML on its tables and sequences, now and for objects made later.
     */
    public Optional<String> grantRole() {
        return grantRole;
    }

    /**
     * After {@link Migrator#stop()}, how long the migrations running may go on before their statements are
     * cancelled on the server; zero to cancel them at once.
     */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    /**
     * The longest wait for an answer from the database that a frozen network or a dead server could make
     * endless; zero for no bound. See {@link Builder#networkTimeout(Duration)}.
     */
    public Duration networkTimeout() {
        return networkTimeout;
    }

    /** How long {@link Migrator#tenantState(String)} reuses what it read of a tenant; zero to read every time. */
    public Duration tenantStateCache() {
        return tenantStateCache;
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
        private int concurrency = DEFAULT_CONCURRENCY;
        private boolean continueOnError;
        private TransactionMode transactionMode = TransactionMode.PER_MIGRATION;
        private Duration progressInterval = Duration.ofSeconds(5);
        private Duration lockTimeout = Duration.ofSeconds(5);
        private int lockRetries = 5;
        private Duration statementTimeout = Duration.ZERO;
        private Duration schemaLockWait = Duration.ofMinutes(10);
        private boolean validateChecksums = true;
        private RunListener runListener = RunListener.none();
        private Optional<String> grantRole = Optional.empty();
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private Duration networkTimeout = DEFAULT_NETWORK_TIMEOUT;
        private Duration tenantStateCache = Duration.ofSeconds(2);

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

        /** Called once per failed schema and once per failure outside any schema; logs by default. */
        public Builder exceptionHandler(MigrationExceptionHandler handler) {
            this.exceptionHandler = Objects.requireNonNull(handler, "exceptionHandler");
            return this;
        }

        /** How many tenant schemas to migrate at once; at least 1, {@value #DEFAULT_CONCURRENCY} by default. */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /** Whether to go on with the other schemas after one fails; false by default. */
        public Builder continueOnError(boolean continueOnError) {
            this.continueOnError = continueOnError;
            return this;
        }

        /** {@link TransactionMode#PER_MIGRATION} by default, as in Ecto. */
        public Builder transactionMode(TransactionMode mode) {
            this.transactionMode = Objects.requireNonNull(mode, "transactionMode");
            return this;
        }

        /** How often a long run logs its progress; 5 seconds by default, zero for never. */
        public Builder progressInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("progressInterval must not be negative, was " + interval);
            }
            this.progressInterval = interval;
            return this;
        }

        /** The {@code lock_timeout} of transactional migrations; 5 seconds by default, zero for no limit. */
        public Builder lockTimeout(Duration timeout) {
            this.lockTimeout = notNegative(timeout, "lockTimeout");
            return this;
        }

        /** Attempts of a transactional migration whose locks time out; at least 1, 5 by default. */
        public Builder lockRetries(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("lockRetries must be at least 1, was " + attempts);
            }
            this.lockRetries = attempts;
            return this;
        }

        /** The {@code statement_timeout} of migrations; zero (no limit) by default. */
        public Builder statementTimeout(Duration timeout) {
            this.statementTimeout = notNegative(timeout, "statementTimeout");
            return this;
        }

        /** How long to wait for a schema another process is migrating; 10 minutes by default. */
        public Builder schemaLockWait(Duration wait) {
            this.schemaLockWait = notNegative(wait, "schemaLockWait");
            return this;
        }

        /** Whether to refuse applied migrations whose files changed or disappeared; true by default. */
        public Builder validateChecksums(boolean validate) {
            this.validateChecksums = validate;
            return this;
        }

        /** Hears every up and down run when it ends; none by default. */
        public Builder runListener(RunListener listener) {
            this.runListener = Objects.requireNonNull(listener, "runListener");
            return this;
        }

        /** The runtime role granted DML on each migrated tenant schema; null (the default) for none. */
        public Builder grantRole(String role) {
            if (role != null && role.isBlank()) {
                throw new IllegalArgumentException("grantRole must not be empty");
            }
            this.grantRole = Optional.ofNullable(role);
            return this;
        }

        /** How long running migrations may go on after a stop before they are cancelled; 20 seconds by default. */
        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = notNegative(grace, "shutdownGrace");
            return this;
        }

        /**
         * The longest wait for an answer from the database; a minute by default, zero for no bound. Every statement
         * that is not a migration's own waits at most this long for its answer; a migration's statements, which may
         * rightly run for hours, are watched instead: once one has waited this long, the server is asked on another
         * connection whether it is still running it. The server ends a migrator session left idle (in a transaction,
         * or holding its locks) for about as long, so a migrator cut off by the network does not keep its locks.
         */
        public Builder networkTimeout(Duration timeout) {
            this.networkTimeout = notNegative(timeout, "networkTimeout");
            return this;
        }

        /**
         * How long {@link Migrator#tenantState(String)} answers from what it last read of a tenant; two seconds by
         * default, zero to read on every call. A request filter asks once per request: the cache keeps that from
         * becoming a query per request.
         */
        public Builder tenantStateCache(Duration cache) {
            this.tenantStateCache = notNegative(cache, "tenantStateCache");
            return this;
        }

        private static Duration notNegative(Duration duration, String name) {
            if (duration.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, was " + duration);
            }
            return duration;
        }

        /** The settings. */
        public MigratorSettings build() {
            return new MigratorSettings(this);
        }
    }
}

package dev.tenantmigrator.dropwizard;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.TenantSource;
import dev.tenantmigrator.TransactionMode;
import dev.tenantmigrator.dropwizard.handler.ExceptionHandlerFactory;
import dev.tenantmigrator.dropwizard.handler.LogExceptionHandlerFactory;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jdbi.v3.core.Jdbi;

/**
 * The migrator's YAML settings, e.g. under {@code migrator:} in an application's configuration.
 * Every key has a default; see the README's configuration reference.
 */
public class MigratorFactory {

    /** Every default is the core settings' own, written once there; the YAML only names it. */
    private static final MigratorSettings DEFAULTS = MigratorSettings.defaults();

    @Valid
    @NotNull
    private MigratorDatabaseFactory database = new MigratorDatabaseFactory();

    @NotBlank
    private String migrations = DEFAULTS.mainLocation();

    @NotBlank
    private String tenantMigrations = DEFAULTS.tenantLocation();

    @NotBlank
    private String mainSchema = DEFAULTS.mainSchema();

    private List<@NotBlank String> tenants;

    private String tenantsQuery;

    @NotBlank
    private String tenantNamePattern = DEFAULTS.tenantNamePattern().pattern();

    @Min(1)
    private int connectAttempts = DEFAULTS.connectAttempts();

    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    private Duration connectInterval = yaml(DEFAULTS.connectInterval());

    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    private Duration healthCheckCache = Duration.seconds(5);

    @NotNull
    private StartupMode startup = StartupMode.NONE;

    @Min(1)
    private int concurrency = DEFAULTS.concurrency();

    private boolean continueOnError = DEFAULTS.continueOnError();

    @NotNull
    private TransactionMode transactionMode = DEFAULTS.transactionMode();

    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    private Duration progressInterval = yaml(DEFAULTS.progressInterval());

    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    private Duration lockTimeout = yaml(DEFAULTS.lockTimeout());

    @Min(1)
    private int lockRetries = DEFAULTS.lockRetries();

    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    private Duration statementTimeout = yaml(DEFAULTS.statementTimeout());

    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    private Duration schemaLockWait = yaml(DEFAULTS.schemaLockWait());

    private boolean validateChecksums = DEFAULTS.validateChecksums();

    private String grantRole;

    @Valid
    @NotNull
    private ExceptionHandlerFactory exceptionHandler = new LogExceptionHandlerFactory();

    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    private Duration shutdownGrace = yaml(DEFAULTS.shutdownGrace());

    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    private Duration networkTimeout = yaml(DEFAULTS.networkTimeout());

    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    private Duration tenantStateCache = yaml(DEFAULTS.tenantStateCache());

    /** A core default as YAML writes it: whole seconds where it is whole seconds. */
    private static Duration yaml(java.time.Duration duration) {
        return duration.toMillis() % 1000 == 0 ? Duration.seconds(duration.toSeconds()) : Duration.milliseconds(duration.toMillis());
    }

    /** Builds a migrator on {@code jdbi} with these settings alone: the YAML tenant source and exception handler. */
    public Migrator build(Jdbi jdbi) {
        return new Migrator(jdbi, settingsBuilder().build());
    }

    /**
     * A {@link MigratorSettings} builder holding these settings, with the YAML tenant source and
     * exception handler (built for the default bundle's name); add what YAML cannot say (Java
     * migrations, a tenant source or failure handler from code) and build.
     */
    public MigratorSettings.Builder settingsBuilder() {
        return MigratorSettings.builder()
            .exceptionHandler(exceptionHandler.build(BundleName.DEFAULT))
            .mainLocation(migrations)
            .tenantLocation(tenantMigrations)
            .mainSchema(mainSchema)
            .tenantSource(tenantSource())
            .tenantNamePattern(tenantNamePattern)
            .connectAttempts(connectAttempts)
            .connectInterval(connectInterval.toJavaDuration())
            .concurrency(concurrency)
            .continueOnError(continueOnError)
            .transactionMode(transactionMode)
            .progressInterval(progressInterval.toJavaDuration())
            .lockTimeout(lockTimeout.toJavaDuration())
            .lockRetries(lockRetries)
            .statementTimeout(statementTimeout.toJavaDuration())
            .schemaLockWait(schemaLockWait.toJavaDuration())
            .validateChecksums(validateChecksums)
            .grantRole(grantRole)
            .shutdownGrace(shutdownGrace.toJavaDuration())
            .networkTimeout(networkTimeout.toJavaDuration())
            .tenantStateCache(tenantStateCache.toJavaDuration());
    }

    /** The tenant source the YAML names: {@code tenants}, {@code tenantsQuery}, or none. */
    public TenantSource tenantSource() {
        if (tenantsQuery != null) {
            return TenantSource.query(tenantsQuery);
        }
        return tenants != null ? TenantSource.of(tenants) : TenantSource.none();
    }

    /** Validation: at most one of {@code tenants} and {@code tenantsQuery} is set. */
    @JsonIgnore
    @ValidationMethod(message = "tenants and tenantsQuery are both set; set only one of them.")
    public boolean isOneTenantSource() {
        return tenants == null || tenantsQuery == null;
    }

    /** Validation: {@code tenantNamePattern} compiles. */
    @JsonIgnore
    @ValidationMethod(message = "tenantNamePattern is not a valid regular expression.")
    public boolean isTenantNamePatternValid() {
        try {
            Pattern.compile(tenantNamePattern);
            return true;
        } catch (PatternSyntaxException | NullPointerException e) {
            return false;
        }
    }

    /** Validation: a {@code tenantsQuery} that is set is not blank. */
    @JsonIgnore
    @ValidationMethod(message = "tenantsQuery must not be empty.")
    public boolean isTenantsQueryNotBlank() {
        return tenantsQuery == null || !tenantsQuery.isBlank();
    }

    /** The main migration folder, {@code classpath:<folder>} or {@code filesystem:<path>}; default {@code classpath:db/migrations}. */
    /** Where the migrator connects: the application's database unless a URL is given (see {@link MigratorDatabaseFactory}). */
    @JsonProperty
    public MigratorDatabaseFactory getDatabase() {
        return database;
    }

    @JsonProperty
    public void setDatabase(MigratorDatabaseFactory database) {
        this.database = database;
    }

    @JsonProperty
    public String getMigrations() {
        return migrations;
    }

    /** Sets {@link #getMigrations()}. */
    @JsonProperty
    public void setMigrations(String migrations) {
        this.migrations = migrations;
    }

    /** The tenant migration folder; default {@code classpath:db/tenant_migrations}. */
    @JsonProperty
    public String getTenantMigrations() {
        return tenantMigrations;
    }

    /** Sets {@link #getTenantMigrations()}. */
    @JsonProperty
    public void setTenantMigrations(String tenantMigrations) {
        this.tenantMigrations = tenantMigrations;
    }

    /** The shared schema migrated first; default {@code public}. */
    @JsonProperty
    public String getMainSchema() {
        return mainSchema;
    }

    /** Sets {@link #getMainSchema()}. */
    @JsonProperty
    public void setMainSchema(String mainSchema) {
        this.mainSchema = mainSchema;
    }

    /** A static tenant list, or null; not together with {@link #getTenantsQuery()}. */
    @JsonProperty
    public List<String> getTenants() {
        return tenants;
    }

    /** Sets {@link #getTenants()}. */
    @JsonProperty
    public void setTenants(List<String> tenants) {
        this.tenants = tenants;
    }

    /** SQL whose first column lists the tenants, run against the main schema, or null. */
    @JsonProperty
    public String getTenantsQuery() {
        return tenantsQuery;
    }

    /** Sets {@link #getTenantsQuery()}. */
    @JsonProperty
    public void setTenantsQuery(String tenantsQuery) {
        this.tenantsQuery = tenantsQuery;
    }

    /** The regular expression every tenant name must match in full; default {@code [a-z_][a-z0-9_]*}. */
    @JsonProperty
    public String getTenantNamePattern() {
        return tenantNamePattern;
    }

    /** Sets {@link #getTenantNamePattern()}. */
    @JsonProperty
    public void setTenantNamePattern(String tenantNamePattern) {
        this.tenantNamePattern = tenantNamePattern;
    }

    /** Connection attempts at the start of an operation; default 5. */
    @JsonProperty
    public int getConnectAttempts() {
        return connectAttempts;
    }

    /** Sets {@link #getConnectAttempts()}. */
    @JsonProperty
    public void setConnectAttempts(int connectAttempts) {
        this.connectAttempts = connectAttempts;
    }

    /** The wait between connection attempts; default 5 seconds. */
    @JsonProperty
    public Duration getConnectInterval() {
        return connectInterval;
    }

    /** Sets {@link #getConnectInterval()}. */
    @JsonProperty
    public void setConnectInterval(Duration connectInterval) {
        this.connectInterval = connectInterval;
    }

    /**
     * How long the health check's (and the gauges') last reading of the status is reused before a probe reads
     * it again; default 5 seconds, 0 to read on every probe.
     */
    @JsonProperty
    public Duration getHealthCheckCache() {
        return healthCheckCache;
    }

    /** Sets {@link #getHealthCheckCache()}. */
    @JsonProperty
    public void setHealthCheckCache(Duration healthCheckCache) {
        this.healthCheckCache = healthCheckCache;
    }

    /** What the server does with migrations before serving; default {@link StartupMode#NONE}. */
    @JsonProperty
    public StartupMode getStartup() {
        return startup;
    }

    /** Sets {@link #getStartup()}. */
    @JsonProperty
    public void setStartup(StartupMode startup) {
        this.startup = startup;
    }

    /** How many tenant schemas are migrated at once; default {@value MigratorSettings#DEFAULT_CONCURRENCY}. */
    @JsonProperty
    public int getConcurrency() {
        return concurrency;
    }

    /** Sets {@link #getConcurrency()}. */
    @JsonProperty
    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    /** Whether a failed schema lets the run go on with the others; default false. */
    @JsonProperty
    public boolean isContinueOnError() {
        return continueOnError;
    }

    /** Sets {@link #isContinueOnError()}. */
    @JsonProperty
    public void setContinueOnError(boolean continueOnError) {
        this.continueOnError = continueOnError;
    }

    /** {@code per-migration} (default, as Ecto) or {@code per-schema}. */
    @JsonProperty
    public TransactionMode getTransactionMode() {
        return transactionMode;
    }

    /** Sets {@link #getTransactionMode()}. */
    @JsonProperty
    public void setTransactionMode(TransactionMode transactionMode) {
        this.transactionMode = transactionMode;
    }

    /** How often a long run logs its progress; default 5 seconds, 0 for never. */
    @JsonProperty
    public Duration getProgressInterval() {
        return progressInterval;
    }

    /** Sets {@link #getProgressInterval()}. */
    @JsonProperty
    public void setProgressInterval(Duration progressInterval) {
        this.progressInterval = progressInterval;
    }

    /** How long a transactional migration waits for a table lock before it is rolled back and retried; default 5 seconds, 0 for no limit. */
    @JsonProperty
    public Duration getLockTimeout() {
        return lockTimeout;
    }

    /** Sets {@link #getLockTimeout()}. */
    @JsonProperty
    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    /** Attempts of a transactional migration whose locks time out; default 5. */
    @JsonProperty
    public int getLockRetries() {
        return lockRetries;
    }

    /** Sets {@link #getLockRetries()}. */
    @JsonProperty
    public void setLockRetries(int lockRetries) {
        this.lockRetries = lockRetries;
    }

    /** The longest a migration statement may run; default 0 (no limit). */
    @JsonProperty
    public Duration getStatementTimeout() {
        return statementTimeout;
    }

    /** Sets {@link #getStatementTimeout()}. */
    @JsonProperty
    public void setStatementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    /** How long to wait for a schema another process is migrating; default 10 minutes. */
    @JsonProperty
    public Duration getSchemaLockWait() {
        return schemaLockWait;
    }

    /** Sets {@link #getSchemaLockWait()}. */
    @JsonProperty
    public void setSchemaLockWait(Duration schemaLockWait) {
        this.schemaLockWait = schemaLockWait;
    }

    /** Whether applied migrations whose files were edited or deleted are refused; default true. */
    @JsonProperty
    public boolean isValidateChecksums() {
        return validateChecksums;
    }

    /** Sets {@link #isValidateChecksums()}. */
    @JsonProperty
    public void setValidateChecksums(boolean validateChecksums) {
        this.validateChecksums = validateChecksums;
    }

    /** The application's runtime role, granted DML on each schema db-up migrates; default none. */
    @JsonProperty
    public String getGrantRole() {
        return grantRole;
    }

    /** Sets {@link #getGrantRole()}. */
    @JsonProperty
    public void setGrantRole(String grantRole) {
        this.grantRole = grantRole;
    }

    /** The handler every failed up or down is handed to: {@code log} (the default) or {@code webhook}; see {@link ExceptionHandlerFactory}. */
    @JsonProperty
    public ExceptionHandlerFactory getExceptionHandler() {
        return exceptionHandler;
    }

    /** Sets {@link #getExceptionHandler()}. */
    @JsonProperty
    public void setExceptionHandler(ExceptionHandlerFactory exceptionHandler) {
        this.exceptionHandler = exceptionHandler;
    }

    /**
     * When a command is stopped (SIGTERM, SIGINT), how long the migrations running may go on before they are
     * cancelled on the server; default 20 seconds, inside Kubernetes' default 30 before it kills the pod.
     */
    @JsonProperty
    public Duration getShutdownGrace() {
        return shutdownGrace;
    }

    /** Sets {@link #getShutdownGrace()}. */
    @JsonProperty
    public void setShutdownGrace(Duration shutdownGrace) {
        this.shutdownGrace = shutdownGrace;
    }

    /**
     * The longest wait for an answer from the database (a frozen network or server); zero for no bound; default one
     * minute. See {@link MigratorSettings.Builder#networkTimeout(java.time.Duration)}.
     */
    @JsonProperty
    public Duration getNetworkTimeout() {
        return networkTimeout;
    }

    /** Sets {@link #getNetworkTimeout()}. */
    @JsonProperty
    public void setNetworkTimeout(Duration networkTimeout) {
        this.networkTimeout = networkTimeout;
    }

    /**
     * How long {@code tenantState} (and the request filter) reuse what they read of a tenant; default two seconds, 0
     * to read on every call. See {@link MigratorSettings.Builder#tenantStateCache(java.time.Duration)}.
     */
    @JsonProperty
    public Duration getTenantStateCache() {
        return tenantStateCache;
    }

    /** Sets {@link #getTenantStateCache()}. */
    @JsonProperty
    public void setTenantStateCache(Duration tenantStateCache) {
        this.tenantStateCache = tenantStateCache;
    }
}

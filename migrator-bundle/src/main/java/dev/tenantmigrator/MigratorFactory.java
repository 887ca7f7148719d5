package dev.tenantmigrator;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.dropwizard.validation.ValidationMethod;
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

    @NotBlank
    private String migrations = MigratorSettings.DEFAULT_MAIN_LOCATION;

    @NotBlank
    private String tenantMigrations = MigratorSettings.DEFAULT_TENANT_LOCATION;

    @NotBlank
    private String mainSchema = "public";

    private List<@NotBlank String> tenants;

    private String tenantsQuery;

    @NotBlank
    private String tenantNamePattern = MigratorSettings.DEFAULT_TENANT_NAME_PATTERN;

    @Min(1)
    private int connectAttempts = 5;

    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    private Duration connectInterval = Duration.seconds(5);

    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    private Duration healthCheckCachePeriod = Duration.seconds(5);

    @NotNull
    private StartupMode startup = StartupMode.NONE;

    /** Builds a migrator on {@code jdbi} with these settings, the given tenant source and failure handler. */
    public Migrator build(Jdbi jdbi, TenantSource tenantSource, MigrationExceptionHandler exceptionHandler) {
        return new Migrator(jdbi, settings(tenantSource, exceptionHandler));
    }

    /** These settings as {@link MigratorSettings}, with the given tenant source and failure handler. */
    public MigratorSettings settings(TenantSource tenantSource, MigrationExceptionHandler exceptionHandler) {
        return MigratorSettings.builder()
            .mainLocation(migrations)
            .tenantLocation(tenantMigrations)
            .mainSchema(mainSchema)
            .tenantSource(tenantSource)
            .tenantNamePattern(tenantNamePattern)
            .connectAttempts(connectAttempts)
            .connectInterval(connectInterval.toJavaDuration())
            .exceptionHandler(exceptionHandler)
            .build();
    }

    /** The tenant source the YAML names: {@code tenants}, {@code tenantsQuery}, or none. */
    public TenantSource tenantSource() {
        if (tenantsQuery != null) {
            return TenantSource.query(tenantsQuery);
        }
        return tenants != null ? TenantSource.of(tenants) : TenantSource.none();
    }

    @JsonIgnore
    @ValidationMethod(message = "tenants and tenantsQuery are both set; set only one of them.")
    public boolean isOneTenantSource() {
        return tenants == null || tenantsQuery == null;
    }

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

    @JsonIgnore
    @ValidationMethod(message = "tenantsQuery must not be empty.")
    public boolean isTenantsQueryNotBlank() {
        return tenantsQuery == null || !tenantsQuery.isBlank();
    }

    @JsonProperty
    public String getMigrations() {
        return migrations;
    }

    @JsonProperty
    public void setMigrations(String migrations) {
        this.migrations = migrations;
    }

    @JsonProperty
    public String getTenantMigrations() {
        return tenantMigrations;
    }

    @JsonProperty
    public void setTenantMigrations(String tenantMigrations) {
        this.tenantMigrations = tenantMigrations;
    }

    @JsonProperty
    public String getMainSchema() {
        return mainSchema;
    }

    @JsonProperty
    public void setMainSchema(String mainSchema) {
        this.mainSchema = mainSchema;
    }

    @JsonProperty
    public List<String> getTenants() {
        return tenants;
    }

    @JsonProperty
    public void setTenants(List<String> tenants) {
        this.tenants = tenants;
    }

    @JsonProperty
    public String getTenantsQuery() {
        return tenantsQuery;
    }

    @JsonProperty
    public void setTenantsQuery(String tenantsQuery) {
        this.tenantsQuery = tenantsQuery;
    }

    @JsonProperty
    public String getTenantNamePattern() {
        return tenantNamePattern;
    }

    @JsonProperty
    public void setTenantNamePattern(String tenantNamePattern) {
        this.tenantNamePattern = tenantNamePattern;
    }

    @JsonProperty
    public int getConnectAttempts() {
        return connectAttempts;
    }

    @JsonProperty
    public void setConnectAttempts(int connectAttempts) {
        this.connectAttempts = connectAttempts;
    }

    @JsonProperty
    public Duration getConnectInterval() {
        return connectInterval;
    }

    @JsonProperty
    public void setConnectInterval(Duration connectInterval) {
        this.connectInterval = connectInterval;
    }

    @JsonProperty
    public Duration getHealthCheckCachePeriod() {
        return healthCheckCachePeriod;
    }

    @JsonProperty
    public void setHealthCheckCachePeriod(Duration healthCheckCachePeriod) {
        this.healthCheckCachePeriod = healthCheckCachePeriod;
    }

    @JsonProperty
    public StartupMode getStartup() {
        return startup;
    }

    @JsonProperty
    public void setStartup(StartupMode startup) {
        this.startup = startup;
    }
}

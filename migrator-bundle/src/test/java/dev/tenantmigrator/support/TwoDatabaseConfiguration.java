package dev.tenantmigrator.support;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tenantmigrator.dropwizard.MigratorFactory;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The configuration of {@link TwoDatabaseApplication}: {@code database} and {@code migrator}, then the audit database's pair. */
public class TwoDatabaseConfiguration extends TestConfiguration {

    @Valid
    @NotNull
    @JsonProperty("auditDatabase")
    public DataSourceFactory auditDatabase = new DataSourceFactory();

    @Valid
    @NotNull
    @JsonProperty("auditMigrator")
    public MigratorFactory auditMigrator = new MigratorFactory();
}

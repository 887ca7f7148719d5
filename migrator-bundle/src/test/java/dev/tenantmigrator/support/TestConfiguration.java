package dev.tenantmigrator.support;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The configuration of {@link TestApplication}: a database and the migrator's settings. */
public class TestConfiguration extends Configuration {

    @Valid
    @NotNull
    @JsonProperty("database")
    public DataSourceFactory database = new DataSourceFactory();

    @Valid
    @NotNull
    @JsonProperty("migrator")
    public dev.tenantmigrator.dropwizard.MigratorFactory migrator = new dev.tenantmigrator.dropwizard.MigratorFactory();
}

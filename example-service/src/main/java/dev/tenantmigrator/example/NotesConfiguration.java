package dev.tenantmigrator.example;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tenantmigrator.dropwizard.MigratorFactory;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The notes service's configuration: {@code database} and {@code migrator}. */
public class NotesConfiguration extends Configuration {

    @Valid
    @NotNull
    private DataSourceFactory database = new DataSourceFactory();

    @Valid
    @NotNull
    private MigratorFactory migrator = new MigratorFactory();

    /** The database; its url {@code embedded} means the embedded PostgreSQL (see {@link EmbeddedDatabase}). */
    @JsonProperty("database")
    public DataSourceFactory getDatabase() {
        return database;
    }

    @JsonProperty("database")
    public void setDatabase(DataSourceFactory database) {
        this.database = database;
    }

    /** The migrator's settings. */
    @JsonProperty("migrator")
    public MigratorFactory getMigrator() {
        return migrator;
    }

    @JsonProperty("migrator")
    public void setMigrator(MigratorFactory migrator) {
        this.migrator = migrator;
    }
}

package dev.tenantmigrator.example;

import dev.tenantmigrator.dropwizard.MigratorBundle;
import dev.tenantmigrator.dropwizard.MigratorFactory;
import io.dropwizard.db.DataSourceFactory;

/** The migrator bundle wired to the notes service's configuration and its embedded database. */
public class NotesMigratorBundle extends MigratorBundle<NotesConfiguration> {

    /** The configured database; the embedded one when its url is {@code embedded}. Every command and the server ask here. */
    @Override
    public DataSourceFactory getDataSourceFactory(NotesConfiguration configuration) {
        return EmbeddedDatabase.resolve(configuration.getDatabase());
    }

    @Override
    public MigratorFactory getMigratorFactory(NotesConfiguration configuration) {
        return configuration.getMigrator();
    }
}

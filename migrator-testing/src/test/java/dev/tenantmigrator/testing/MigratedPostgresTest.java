package dev.tenantmigrator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigratedPostgresTest {

    private static final Path FOLDERS = folders();

    @RegisterExtension
    static final MigratedPostgres DB = MigratedPostgres.with(settings -> settings
            .mainLocation("filesystem:" + FOLDERS.resolve("main"))
            .tenantLocation("filesystem:" + FOLDERS.resolve("tenant")))
        .tenants(3);

    @Test
    void handsTheTestADatabaseMigratedWithBothSetsAndTheTenants() {
        assertThat(DB.tenantNames()).containsExactly("tenant_1", "tenant_2", "tenant_3");
        assertThat(DB.database().schemas()).containsExactly("public", "tenant_1", "tenant_2", "tenant_3");
        assertThat(DB.database().tables("public")).containsExactly("schema_migrations", "schema_migrations_summary", "tenants");
        assertThat(DB.database().tables("tenant_2")).containsExactly("notes", "schema_migrations");
        int notes = DB.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM tenant_3.notes").mapTo(Integer.class).one());
        assertThat(notes).isZero();
        assertThat(DB.migrator().status().upToDate()).isTrue();
    }

    private static Path folders() {
        try {
            Path root = Files.createTempDirectory("migrated-postgres");
            Files.createDirectories(root.resolve("main"));
            Files.createDirectories(root.resolve("tenant"));
            Files.writeString(root.resolve("main/1_create_tenants.sql"),
                "-- migrate:up\nCREATE TABLE tenants (slug text PRIMARY KEY);\n-- migrate:down\nDROP TABLE tenants;\n");
            Files.writeString(root.resolve("tenant/1_create_notes.sql"),
                "-- migrate:up\nCREATE TABLE notes (id bigserial PRIMARY KEY);\n-- migrate:down\nDROP TABLE notes;\n");
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.tenantmigrator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripAssertionsTest {

    @TempDir
    Path dir;

    private String folder(String name, String... files) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(folder.resolve(files[i]), files[i + 1]);
        }
        return "filesystem:" + folder;
    }

    @Test
    void passesWhenEveryDownUndoesItsUp() throws IOException {
        String main = folder("main", "1_create_tenants.sql",
            "-- migrate:up\nCREATE TABLE tenants (slug text PRIMARY KEY);\n-- migrate:down\nDROP TABLE tenants;\n");
        String tenant = folder("tenant", "1_create_notes.sql",
            "-- migrate:up\nCREATE TABLE notes (id int, body text);\n-- migrate:down\nDROP TABLE notes;\n",
            "2_index_body.sql", "-- migrate:up\nCREATE INDEX notes_body ON notes (body);\n-- migrate:down\nDROP INDEX notes_body;\n");

        assertThat(RoundTripAssertions.assertRoundTrip(main, tenant)).hasSize(2)
            .allSatisfy(summary -> assertThat(summary).contains("the catalog matched at every step"));
    }

    @Test
    void failsNamingTheMigrationWhoseDownForgetsAnIndex() throws IOException {
        String main = folder("main", "1_create_tenants.sql",
            "-- migrate:up\nCREATE TABLE tenants (slug text PRIMARY KEY);\n-- migrate:down\nDROP TABLE tenants;\n");
        String tenant = folder("tenant", "1_create_notes.sql",
            "-- migrate:up\nCREATE TABLE notes (id int, body text);\n-- migrate:down\nDROP TABLE notes;\n",
            "2_index_body.sql", "-- migrate:up\nCREATE INDEX notes_body ON notes (body);\n-- migrate:down\nSELECT 1;\n");

        assertThatThrownBy(() -> RoundTripAssertions.assertRoundTrip(main, tenant))
            .isInstanceOf(AssertionError.class)
            .hasMessage("2_index_body.sql: its down section does not undo its up: index notes_body is still there after it was "
                + "rolled back.");
    }
}

package dev.tenantmigrator.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.MigrationsNotUpException;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code startup: ensure-up} keeps the notes service from serving an unmigrated database. */
@ExtendWith(PostgresExtension.class)
class StartupGuardTest {

    @Test
    void ensureUpRefusesToStartWhileMigrationsArePending(TestDatabase db) {
        DropwizardTestSupport<NotesConfiguration> server = new DropwizardTestSupport<>(NotesApplication.class,
            ServiceConfig.PATH, ServiceConfig.overrides(db, "ensure-up").toArray(ConfigOverride[]::new));

        try {
            assertThatThrownBy(server::before)
                .isInstanceOf(MigrationsNotUpException.class)
                .hasMessageStartingWith("Migrations not up!\n20240101000000_create_tenants.sql\n"
                    + "TENANT LIST COULD NOT BE READ: ERROR: relation \"tenants\" does not exist");
        } finally {
            server.after();
        }
        assertThat(db.tables("public")).isEmpty();
    }
}

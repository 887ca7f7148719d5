package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.support.ConnectionAttempts;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

@ExtendWith(PostgresExtension.class)
class ConnectionRetryTest {

    @Test
    void givesUpAfterTheConfiguredAttemptsWithAClearMessage() throws IOException {
        List<MigrationFailure> handled = new ArrayList<>();
        ConnectionAttempts attempts = new ConnectionAttempts();
        Migrator migrator = new Migrator(Jdbi.create(attempts.counting(unreachable())), MigratorSettings.builder()
            .connectAttempts(3)
            .connectInterval(Duration.ofMillis(200))
            .exceptionHandler((exception, failure) -> handled.add(failure))
            .build());

        assertThatThrownBy(migrator::up)
            .isInstanceOf(MigratorException.class)
            .hasMessageStartingWith("Could not connect to the database after 3 attempts: ")
            .hasMessageContaining("Connection refused");

        assertThat(attempts.count()).isEqualTo(3);
        assertThat(handled).containsExactly(MigrationFailure.general(Operation.UP));
    }

    @Test
    void doesNotRetryFailuresOtherThanConnecting(TestDatabase db) {
        PGSimpleDataSource wrongDatabase = new PGSimpleDataSource();
        wrongDatabase.setUrl(db.url().replace(db.name(), "no_such_database"));
        wrongDatabase.setUser(db.user());
        wrongDatabase.setPassword(db.password());
        ConnectionAttempts attempts = new ConnectionAttempts();
        Migrator migrator = new Migrator(Jdbi.create(attempts.counting(wrongDatabase)), MigratorSettings.builder()
            .connectAttempts(5)
            .connectInterval(Duration.ofSeconds(30))
            .build());

        assertThatThrownBy(migrator::ensureUp)
            .isInstanceOf(MigratorException.class)
            .hasMessageStartingWith("Could not use the database: ")
            .hasMessageContaining("no_such_database");
        assertThat(attempts.count()).isEqualTo(1);
    }

    /** A data source pointing at a local port nobody listens on. */
    private static PGSimpleDataSource unreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        dataSource.setUser("postgres");
        return dataSource;
    }
}

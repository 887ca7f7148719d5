package dev.tenantmigrator.dropwizard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantmigrator.internal.KeepaliveSocketFactory;
import io.dropwizard.db.DataSourceFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigratorPoolTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static DataSourceFactory database(String url) {
        DataSourceFactory database = new DataSourceFactory();
        database.setUrl(url);
        database.setPassword("from-yaml");
        return database;
    }

    @Test
    void aPasswordInTheUrlMovesToTheDataSourcesPassword() {
        DataSourceFactory first = database("jdbc:postgresql://db/notes?password=s%40cret&ssl=true");
        DataSourceFactory only = database("jdbc:postgresql://db/notes?password=s3cret");
        DataSourceFactory last = database("jdbc:postgresql://db/notes?ssl=true&password=s3cret");

        MigratorPool.forServer(first, 2, MINUTE);
        MigratorPool.forServer(only, 2, MINUTE);
        MigratorPool.forServer(last, 2, MINUTE);

        assertThat(first.getUrl()).isEqualTo("jdbc:postgresql://db/notes?ssl=true");
        assertThat(first.getPassword()).isEqualTo("s@cret");
        assertThat(only.getUrl()).isEqualTo("jdbc:postgresql://db/notes");
        assertThat(last.getUrl()).isEqualTo("jdbc:postgresql://db/notes?ssl=true");
        assertThat(last.getPassword()).isEqualTo("s3cret");
    }

    @Test
    void aUserAndPasswordBeforeTheHostAreRefusedWithoutQuotingThem() {
        assertThatThrownBy(() -> MigratorPool.forServer(database("jdbc:postgresql://bob:s3cret@db/notes"), 2, MINUTE))
            .hasMessage("database.url names a user and password before the host, which PostgreSQL's JDBC driver cannot "
                + "read; give them as database.user and database.password.");
    }

    @Test
    void thePoolFitsTheWorkersAndItsWaitsAreBoundedByTheNetworkTimeout() {
        DataSourceFactory database = database("jdbc:postgresql://db/notes");
        database.setMaxSize(3);

        MigratorPool.forCommand(database, 8, Duration.ofSeconds(40));

        assertThat(database.getMaxSize()).isEqualTo(9);
        assertThat(database.getInitialSize()).isEqualTo(1);
        assertThat(database.getProperties())
            .containsEntry("tcpKeepAlive", "true")
            .containsEntry("socketFactory", KeepaliveSocketFactory.class.getName())
            .containsEntry("socketFactoryArg", "40")
            .containsEntry("loginTimeout", "40")
            .doesNotContainKey("socketTimeout");
    }

    @Test
    void driverPropertiesTheConfigurationGivesAreKept() {
        DataSourceFactory database = database("jdbc:postgresql://db/notes");
        database.setProperties(new java.util.HashMap<>(Map.of("socketFactory", "com.example.Sockets", "loginTimeout", "5")));

        MigratorPool.forServer(database, 2, MINUTE);

        assertThat(database.getProperties())
            .containsEntry("socketFactory", "com.example.Sockets")
            .doesNotContainKey("socketFactoryArg")
            .containsEntry("loginTimeout", "5");
    }

    @Test
    void noNetworkTimeoutAddsNoBound() {
        DataSourceFactory database = database("jdbc:postgresql://db/notes");

        MigratorPool.forServer(database, 2, Duration.ZERO);

        assertThat(database.getProperties()).doesNotContainKeys("socketFactory", "loginTimeout");
    }
}

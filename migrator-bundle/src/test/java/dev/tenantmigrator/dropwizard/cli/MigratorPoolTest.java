package dev.tenantmigrator.dropwizard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantmigrator.internal.KeepaliveSocketFactory;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.PooledDataSourceFactory;
import io.dropwizard.jackson.Jackson;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MigratorPoolTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final ObjectMapper MAPPER = Jackson.newObjectMapper();

    private static DataSourceFactory database(String url) {
        DataSourceFactory database = new DataSourceFactory();
        database.setUrl(url);
        database.setPassword("from-yaml");
        return database;
    }

    private static DataSourceFactory forMigrator(DataSourceFactory configured, Duration networkTimeout) {
        return (DataSourceFactory) MigratorPool.forMigrator(configured, 2, networkTimeout);
    }

    @Test
    void aPasswordInTheUrlMovesToThePoolsPassword() {
        DataSourceFactory first = forMigrator(database("jdbc:postgresql://db/notes?password=s%40cret&ssl=true"), MINUTE);
        DataSourceFactory only = forMigrator(database("jdbc:postgresql://db/notes?password=s3cret"), MINUTE);
        DataSourceFactory last = forMigrator(database("jdbc:postgresql://db/notes?ssl=true&password=s3cret"), MINUTE);

        assertThat(first.getUrl()).isEqualTo("jdbc:postgresql://db/notes?ssl=true");
        assertThat(first.getPassword()).isEqualTo("s@cret");
        assertThat(only.getUrl()).isEqualTo("jdbc:postgresql://db/notes");
        assertThat(last.getUrl()).isEqualTo("jdbc:postgresql://db/notes?ssl=true");
        assertThat(last.getPassword()).isEqualTo("s3cret");
    }

    @Test
    void aUserAndPasswordBeforeTheHostAreRefusedWithoutQuotingThem() {
        assertThatThrownBy(() -> MigratorPool.forMigrator(database("jdbc:postgresql://bob:s3cret@db/notes"), 2, MINUTE))
            .hasMessage("database.url names a user and password before the host, which PostgreSQL's JDBC driver cannot "
                + "read; give them as database.user and database.password.");
    }

    @Test
    void aServersPoolKeepsOneConnectionOpenNotTheApplicationsTen() {
        DataSourceFactory database = database("jdbc:postgresql://db/notes");

        DataSourceFactory own = (DataSourceFactory) MigratorPool.forMigrator(database, 4, Duration.ofSeconds(40));

        assertThat(database.getMinSize()).as("the application's, unchanged").isEqualTo(10);
        assertThat(own.getMinSize()).isEqualTo(1);
        assertThat(own.getInitialSize()).isEqualTo(1);
        assertThat(own.getMaxSize()).isEqualTo(database.getMaxSize());
    }

    @Test
    void thePoolFitsTheWorkersAndItsWaitsAreBoundedByTheNetworkTimeout() {
        DataSourceFactory database = database("jdbc:postgresql://db/notes");
        database.setMaxSize(3);

        DataSourceFactory own = (DataSourceFactory) MigratorPool.forMigrator(database, 8, Duration.ofSeconds(40));

        assertThat(own.getMaxSize()).isEqualTo(9);
        assertThat(own.getInitialSize()).isEqualTo(1);
        assertThat(own.getProperties())
            .containsEntry("tcpKeepAlive", "true")
            .containsEntry("socketFactory", KeepaliveSocketFactory.class.getName())
            .containsEntry("socketFactoryArg", "40")
            .containsEntry("loginTimeout", "40")
            .doesNotContainKey("socketTimeout");
    }

    @Test
    void driverPropertiesTheConfigurationGivesAreKept() {
        DataSourceFactory database = database("jdbc:postgresql://db/notes");
        database.setProperties(new HashMap<>(Map.of("socketFactory", "com.example.Sockets", "loginTimeout", "5")));

        assertThat(forMigrator(database, MINUTE).getProperties())
            .containsEntry("socketFactory", "com.example.Sockets")
            .doesNotContainKey("socketFactoryArg")
            .containsEntry("loginTimeout", "5");
    }

    @Test
    void noNetworkTimeoutAddsNoBound() {
        assertThat(forMigrator(database("jdbc:postgresql://db/notes"), Duration.ZERO).getProperties())
            .doesNotContainKeys("socketFactory", "loginTimeout");
    }

    @Test
    void theApplicationsSettingsAreNeverChanged() {
        DataSourceFactory configured = database("jdbc:postgresql://db/notes?ssl=true&password=s3cret");
        configured.setMaxSize(3);
        configured.setProperties(new HashMap<>(Map.of("ApplicationName", "notes")));
        JsonNode before = MAPPER.valueToTree(configured);

        DataSourceFactory server = forMigrator(configured, MINUTE);
        DataSourceFactory command = (DataSourceFactory) MigratorPool.forMigrator(configured, 8, MINUTE);

        JsonNode after = MAPPER.valueToTree(configured);
        assertThat(after).isEqualTo(before);
        assertThat(configured.getProperties()).containsOnlyKeys("ApplicationName");
        assertThat(configured.getUrl()).isEqualTo("jdbc:postgresql://db/notes?ssl=true&password=s3cret");
        assertThat(List.of(server, command)).allSatisfy(own -> {
            assertThat(own).isNotSameAs(configured);
            assertThat(own.getProperties()).isNotSameAs(configured.getProperties())
                .containsEntry("ApplicationName", "notes").containsKeys("tcpKeepAlive", "socketFactory", "loginTimeout");
            assertThat(own.getUrl()).isEqualTo("jdbc:postgresql://db/notes?ssl=true");
            assertThat(own.getPassword()).isEqualTo("s3cret");
        });
        assertThat(server.getMaxSize()).isEqualTo(3);
        assertThat(command.getMaxSize()).isEqualTo(9);
    }

    @Test
    void everySettingSurvivesTheCopy() throws Exception {
        DataSourceFactory configured = everySettingChanged();

        DataSourceFactory copy = MigratorPool.copyOf(configured);

        assertThat(copy).isNotSameAs(configured).isExactlyInstanceOf(DataSourceFactory.class);
        assertThat(copy.getPassword()).isEqualTo("s3cret");
        for (Method getter : settings()) {
            assertThat(getter.invoke(copy)).as(getter.getName()).isEqualTo(getter.invoke(configured));
        }
    }

    /** Keeps the test above honest: a setting left at its default would pass whether it was copied or not. */
    @Test
    void theCopiedFactoryChangesEverySettingDropwizardHas() throws Exception {
        DataSourceFactory changed = everySettingChanged();
        DataSourceFactory defaults = new DataSourceFactory();

        assertThat(settings()).hasSizeGreaterThan(30);
        for (Method getter : settings()) {
            assertThat(getter.invoke(changed)).as(getter.getName() + " (set it in everySettingChanged)")
                .isNotEqualTo(getter.invoke(defaults));
        }
    }

    @Test
    void anApplicationsSubclassIsCopiedAsItself() {
        SecretsDataSourceFactory configured = new SecretsDataSourceFactory();
        configured.setUrl("jdbc:postgresql://db/notes");
        configured.vault = "notes-db";

        DataSourceFactory own = forMigrator(configured, MINUTE);

        assertThat(own).isInstanceOf(SecretsDataSourceFactory.class).isNotSameAs(configured);
        assertThat(((SecretsDataSourceFactory) own).vault).isEqualTo("notes-db");
        assertThat(own.getPassword()).isEqualTo("from notes-db");
    }

    @Test
    void aFactoryThatCannotBeCopiedIsNamedWithoutItsSettings() {
        DataSourceFactory configured = new UncopiableDataSourceFactory("jdbc:postgresql://db/notes?password=s3cret");

        assertThatThrownBy(() -> MigratorPool.forMigrator(configured, 2, MINUTE))
            .hasMessage("The migrator's connection pool uses a copy of the database settings, and a "
                + UncopiableDataSourceFactory.class.getName() + " could not be copied; make it readable and writable as "
                + "JSON, as Dropwizard's own is.");
    }

    @Test
    void anotherPooledDataSourceFactoryIsUsedAsConfigured() {
        PooledDataSourceFactory other = (PooledDataSourceFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {PooledDataSourceFactory.class}, (proxy, method, arguments) -> null);

        assertThat(MigratorPool.forMigrator(other, 2, MINUTE)).isSameAs(other);
    }

    /** A factory whose every setting differs from Dropwizard's default. */
    private static DataSourceFactory everySettingChanged() {
        DataSourceFactory d = new DataSourceFactory();
        d.setDriverClass("org.example.Driver");
        d.setUser("notes");
        d.setPassword("s3cret");
        d.setUrl("jdbc:postgresql://db/notes?ssl=true");
        d.setProperties(new HashMap<>(Map.of("ApplicationName", "notes", "tcpKeepAlive", "false")));
        d.setAbandonWhenPercentageFull(50);
        d.setAlternateUsernamesAllowed(true);
        d.setCommitOnReturn(true);
        d.setRollbackOnReturn(true);
        d.setAutoCommitByDefault(false);
        d.setReadOnlyByDefault(true);
        d.setDefaultCatalog("notes");
        d.setDefaultTransactionIsolation(DataSourceFactory.TransactionIsolation.SERIALIZABLE);
        d.setUseFairQueue(false);
        d.setInitialSize(2);
        d.setMinSize(3);
        d.setMaxSize(7);
        d.setInitializationQuery("SET ROLE notes");
        d.setLogAbandonedConnections(true);
        d.setLogValidationErrors(true);
        d.setMaxConnectionAge(io.dropwizard.util.Duration.minutes(30));
        d.setMaxWaitForConnection(io.dropwizard.util.Duration.seconds(5));
        d.setMinIdleTime(io.dropwizard.util.Duration.minutes(2));
        d.setValidationQuery("SELECT 2");
        d.setValidationQueryTimeout(io.dropwizard.util.Duration.seconds(3));
        d.setCheckConnectionWhileIdle(false);
        d.setCheckConnectionOnBorrow(true);
        d.setCheckConnectionOnConnect(false);
        d.setCheckConnectionOnReturn(true);
        d.setAutoCommentsEnabled(false);
        d.setEvictionInterval(io.dropwizard.util.Duration.seconds(7));
        d.setValidationInterval(io.dropwizard.util.Duration.seconds(11));
        d.setValidatorClassName(Optional.of("org.example.Validator"));
        d.setRemoveAbandoned(true);
        d.setRemoveAbandonedTimeout(io.dropwizard.util.Duration.seconds(90));
        d.setJdbcInterceptors(Optional.of("StatementFinalizer"));
        d.setIgnoreExceptionOnPreLoad(true);
        return d;
    }

    /** Every getter of a setting of Dropwizard's factory, as its YAML has them. */
    private static List<Method> settings() {
        return Arrays.stream(DataSourceFactory.class.getMethods())
            .filter(m -> m.getParameterCount() == 0 && m.isAnnotationPresent(JsonProperty.class))
            .toList();
    }

    /** An application's factory that Jackson cannot create. */
    public static class UncopiableDataSourceFactory extends DataSourceFactory {
        public UncopiableDataSourceFactory(String url) {
            setUrl(url);
        }
    }

    /** An application's factory that reads its password from elsewhere. */
    public static class SecretsDataSourceFactory extends DataSourceFactory {
        @JsonProperty
        public String vault;

        @Override
        public String getPassword() {
            return "from " + vault;
        }
    }
}

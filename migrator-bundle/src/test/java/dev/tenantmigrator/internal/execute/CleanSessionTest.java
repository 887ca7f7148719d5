package dev.tenantmigrator.internal.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.internal.Connections;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.time.Duration;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class CleanSessionTest {

    @Test
    void aJobsSessionIsEndedByTheServerWhenItsClientFallsSilentAndTheBoundsLeaveWithTheJob(TestDatabase db) {
        DataSource pool = db.pooledDataSource(1);
        try {
            Jdbi shared = Jdbi.create(pool);
            String countBefore;
            try (Handle before = shared.open()) {
                countBefore = show(before, "tcp_keepalives_count");
            }
            Policy policy = Policy.of(MigratorSettings.builder().networkTimeout(Duration.ofSeconds(8)).build());
            try (CleanSession session = CleanSession.open(new Connections(shared, policy.networkTimeout()), policy)) {
                Handle handle = session.handle();
                assertThat(show(handle, "idle_in_transaction_session_timeout")).isEqualTo("8s");
                assertThat(show(handle, "tcp_keepalives_idle")).isEqualTo("2");
                assertThat(show(handle, "tcp_keepalives_interval")).isEqualTo("1");
                assertThat(show(handle, "tcp_keepalives_count")).isEqualTo("4");
                if (handle.getConnection().getMetaData().getDatabaseMajorVersion() >= 14) {
                    // The network timeout plus the longest pause of the migrator's own: a lock retry's 10 s.
                    assertThat(show(handle, "idle_session_timeout")).isEqualTo("18s");
                }
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
            try (Handle next = shared.open()) {
                assertThat(show(next, "idle_in_transaction_session_timeout")).isEqualTo("0");
                assertThat(show(next, "tcp_keepalives_count")).isEqualTo(countBefore);
            }
        } finally {
            pool.close();
        }
    }

    private static String show(Handle handle, String setting) {
        return handle.createQuery("SELECT current_setting(:name)").bind("name", setting).mapTo(String.class).one();
    }
}

package dev.tenantmigrator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.time.Duration;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class ConnectionsTest {

    @Test
    void aConnectionWaitsAtMostTheNetworkTimeoutWhileTheMigratorHoldsItAndGoesBackToThePoolAsItWas(TestDatabase db)
        throws Exception {
        DataSource pool = db.pooledDataSource(1);
        try {
            Jdbi shared = Jdbi.create(pool);
            Connections connections = new Connections(shared, Duration.ofSeconds(7));

            int held = connections.withHandle(handle -> handle.getConnection().getNetworkTimeout());
            int after;
            try (Handle application = shared.open()) {
                after = application.getConnection().getNetworkTimeout();
            }

            assertThat(held).isEqualTo(7_000);
            assertThat(after).isZero();
        } finally {
            pool.close();
        }
    }
}

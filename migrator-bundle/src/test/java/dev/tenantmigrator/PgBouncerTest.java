package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.support.ServerSessions;
import dev.tenantmigrator.support.UpsTogether;
import dev.tenantmigrator.testing.PgBouncer;
import dev.tenantmigrator.testing.PgBouncer.PoolMode;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.tomcat.jdbc.pool.DataSource;
import org.apache.tomcat.jdbc.pool.PoolProperties;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrator behind a real PgBouncer, as services on Kubernetes reach PostgreSQL: in session mode it migrates as it
 * does directly, from one process or several; a session pool too small for its workers is refused within seconds,
 * naming the size needed; in transaction mode it refuses before changing anything, and a client of the same pool
 * keeps its own settings. After every case no server connection holds an advisory lock.
 */
@ExtendWith(PostgresExtension.class)
class PgBouncerTest {

    private static final int TENANTS = 12;
    private static final List<Long> VERSIONS = List.of(20240101000001L, 20240101000002L, 20240101000003L, 20240101000004L);

    @TempDir
    Path dir;
    private final List<DataSource> pools = new ArrayList<>();

    @BeforeEach
    void pgBouncerIsInstalled() {
        assumeTrue(PgBouncer.binary().isPresent(), "pgbouncer is not installed (.ci/run installs it)");
    }

    @Test
    void aSessionPoolMigratesEveryTenantInItsOwnSchemaFromOneProcessAtConcurrencyFour(TestDatabase db) {
        MigratorSettings settings = settings(4);
        try (PgBouncer bouncer = PgBouncer.start(db, PoolMode.SESSION, 5)) {
            RunReport report = new Migrator(pooled(bouncer, 5), settings).up();

            assertThat(report.succeeded()).isTrue();
            assertEveryTenantWhole(db);
            assertThat(ServerSessions.advisoryLocks(db)).as("advisory locks left on server connections").isZero();
        } finally {
            closePools();
        }
    }

    @Test
    void threeProcessesThroughOneSessionPoolSizedForThemMigrateEveryTenantOnce(TestDatabase db) throws Exception {
        MigratorSettings settings = settings(2);
        try (PgBouncer bouncer = PgBouncer.start(db, PoolMode.SESSION, 3 * 3)) {
            List<RunReport> reports = UpsTogether.run(() -> pooled(bouncer, settings.concurrency() + 1), settings, 3);

            assertThat(reports).allSatisfy(report -> assertThat(report.succeeded()).isTrue());
            long migrated = reports.stream().flatMap(report -> report.schemas().stream())
                .filter(outcome -> outcome.tenant() && outcome.result() == SchemaOutcome.Result.MIGRATED).count();
            assertThat(migrated).as("tenants migrated, each by one process").isEqualTo(TENANTS);
            assertEveryTenantWhole(db);
            assertThat(ServerSessions.advisoryLocks(db)).as("advisory locks left on server connections").isZero();
        } finally {
            closePools();
        }
    }

    @Test
    void aSessionPoolSmallerThanTheWorkersIsRefusedWithinSecondsNamingTheSizeNeeded(TestDatabase db) {
        MigratorSettings settings = settings(4);
        try (PgBouncer bouncer = PgBouncer.start(db, PoolMode.SESSION, 3)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> new Migrator(pooled(bouncer, 5), settings).up())
                .isInstanceOf(MigratorException.class)
                .hasMessageContaining("Only 3 of the 5 database sessions")
                .hasMessageContaining("default_pool_size")
                .hasMessageContaining("migrator.database");
            // PgBouncer itself would keep the fourth waiting for query_wait_timeout (60 s here, 120 s by default).
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            assertThat(db.schemas()).noneMatch(schema -> schema.startsWith("tenant_"));
            assertThat(ServerSessions.advisoryLocks(db)).as("advisory locks left on server connections").isZero();
        } finally {
            closePools();
        }
    }

    @Test
    void aTransactionPoolIsRefusedBeforeAnythingChangesAndAnotherClientKeepsItsSearchPath(TestDatabase db) throws Exception {
        MigratorSettings settings = settings(2);
        List<String> before = db.schemas();
        try (PgBouncer bouncer = PgBouncer.start(db, PoolMode.TRANSACTION, 3)) {
            AtomicBoolean migrating = new AtomicBoolean(true);
            // An application client of the same pool: sets its search_path, then creates tables while the migrator runs.
            // A setting the migrator left on a server connection would send one of them into a tenant's schema.
            CompletableFuture<Integer> application = CompletableFuture.supplyAsync(() -> {
                try (Handle client = pooled(bouncer, 1).open()) {
                    int created = 0;
                    while (migrating.get() || created < 20) {
                        client.execute("SET search_path TO public");
                        client.execute("CREATE TABLE created_" + created + " (id int)");
                        created++;
                    }
                    return created;
                }
            });

            assertThatThrownBy(() -> new Migrator(pooled(bouncer, 3), settings).up())
                .isInstanceOf(MigratorException.class)
                .hasMessageContaining("not sessions of their own")
                .hasMessageContaining("pool_mode = transaction")
                .hasMessageContaining("migrator.database")
                .hasMessageContaining("nothing was changed");
            migrating.set(false);
            int created = application.get(1, TimeUnit.MINUTES);

            assertThat(db.schemas()).as("schemas").containsExactlyInAnyOrderElementsOf(before);
            assertThat(db.tables("public")).as("the application's tables, each where it created it").hasSize(created);
            assertThat(ServerSessions.advisoryLocks(db)).as("advisory locks left on server connections").isZero();
        } finally {
            closePools();
        }
    }

    /** Four tenant migrations, two of them outside a transaction: their session's search_path must be the tenant's. */
    private MigratorSettings settings(int concurrency) {
        MigrationFolder tenant = new MigrationFolder(dir.resolve("tenant"))
            .add(VERSIONS.get(0) + "_notes.sql", "CREATE TABLE notes (id int, body text);", "DROP TABLE notes;")
            .write(VERSIONS.get(1) + "_index_body.sql", "-- migrate:up transaction:false\n"
                + "CREATE INDEX CONCURRENTLY notes_body ON notes (body);\n")
            .add(VERSIONS.get(2) + "_tags.sql", "ALTER TABLE notes ADD COLUMN tag text;", "ALTER TABLE notes DROP COLUMN tag;")
            .write(VERSIONS.get(3) + "_index_tag.sql", "-- migrate:up transaction:false\n"
                + "CREATE INDEX CONCURRENTLY notes_tag ON notes (tag);\n");
        return MigratorSettings.builder()
            .tenantLocation(tenant.location())
            .tenantSource(TenantSource.of(IntStream.rangeClosed(1, TENANTS).mapToObj(i -> "tenant_" + i).toList()))
            .concurrency(concurrency)
            .lockPollInterval(Duration.ofMillis(5))
            .build();
    }

    /** Every tenant has every migration in its history and both indexes, valid, on its own table. */
    private static void assertEveryTenantWhole(TestDatabase db) {
        for (int i = 1; i <= TENANTS; i++) {
            String tenant = "tenant_" + i;
            assertThat(db.versions(tenant)).as(tenant).containsExactlyElementsOf(VERSIONS);
            assertThat(db.queryOne("SELECT count(*) FROM pg_index WHERE indisvalid AND indrelid = '" + tenant + ".notes'::regclass",
                Integer.class)).as(tenant + "'s valid indexes").isEqualTo(2);
        }
        assertThat(db.queryOne("SELECT count(*) FROM pg_indexes WHERE indexname IN ('notes_body', 'notes_tag')", Integer.class))
            .as("indexes in all").isEqualTo(2 * TENANTS);
    }

    /** A pool of at most {@code maxConnections} through the bouncer, as Dropwizard builds one for a service. */
    private synchronized Jdbi pooled(PgBouncer bouncer, int maxConnections) {
        PoolProperties properties = new PoolProperties();
        properties.setUrl(bouncer.url());
        properties.setDriverClassName("org.postgresql.Driver");
        properties.setUsername("postgres");
        properties.setMaxActive(maxConnections);
        properties.setMaxIdle(maxConnections);
        properties.setInitialSize(0);
        DataSource pool = new DataSource(properties);
        pools.add(pool);
        return Jdbi.create(pool);
    }

    private synchronized void closePools() {
        pools.forEach(pool -> pool.close(true));
        pools.clear();
    }
}

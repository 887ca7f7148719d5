package dev.tenantmigrator.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RefusedInTransactionTest {

    private static Optional<String> command(String sql) {
        return RefusedInTransaction.command(new SqlStatement(sql, 1));
    }

    @Test
    void namesEveryCommandPostgresRefusesInsideATransactionBlock() {
        Map<String, String> refused = Map.ofEntries(
            Map.entry("CREATE INDEX CONCURRENTLY i ON t (c)", "CREATE INDEX CONCURRENTLY"),
            Map.entry("create unique index concurrently if not exists i on t (c)", "CREATE INDEX CONCURRENTLY"),
            Map.entry("CREATE /* why not */ INDEX\n  -- here\n  Concurrently i ON t (c)", "CREATE INDEX CONCURRENTLY"),
            Map.entry("DROP INDEX CONCURRENTLY IF EXISTS i", "DROP INDEX CONCURRENTLY"),
            Map.entry("REINDEX INDEX CONCURRENTLY i", "REINDEX CONCURRENTLY"),
            Map.entry("REINDEX (VERBOSE) TABLE CONCURRENTLY t", "REINDEX CONCURRENTLY"),
            Map.entry("REINDEX (CONCURRENTLY) TABLE t", "REINDEX CONCURRENTLY"),
            Map.entry("REINDEX (VERBOSE, CONCURRENTLY true) TABLE t", "REINDEX CONCURRENTLY"),
            Map.entry("REINDEX SCHEMA s", "REINDEX SCHEMA"),
            Map.entry("reindex database d", "REINDEX DATABASE"),
            Map.entry("REINDEX SYSTEM", "REINDEX SYSTEM"),
            Map.entry("VACUUM", "VACUUM"),
            Map.entry("vacuum (analyze) t", "VACUUM"),
            Map.entry("CLUSTER", "CLUSTER without a table name"),
            Map.entry("CLUSTER VERBOSE", "CLUSTER without a table name"),
            Map.entry("CLUSTER (VERBOSE)", "CLUSTER without a table name"),
            Map.entry("ALTER SYSTEM SET work_mem = '8MB'", "ALTER SYSTEM"),
            Map.entry("CREATE DATABASE reports", "CREATE DATABASE"),
            Map.entry("DROP DATABASE IF EXISTS reports", "DROP DATABASE"),
            Map.entry("CREATE TABLESPACE fast LOCATION '/ssd'", "CREATE TABLESPACE"),
            Map.entry("DROP TABLESPACE fast", "DROP TABLESPACE"),
            Map.entry("ALTER DATABASE \"My DB\" SET TABLESPACE fast", "ALTER DATABASE ... SET TABLESPACE"),
            Map.entry("ALTER TABLE measurements DETACH PARTITION m_2020 CONCURRENTLY", "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY"),
            Map.entry("DISCARD ALL", "DISCARD ALL"),
            Map.entry("CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p",
                "CREATE SUBSCRIPTION (which creates a replication slot unless told not to)"));

        refused.forEach((sql, expected) -> assertThat(command(sql)).as(sql).contains(expected));
    }

    @Test
    void allowsWhatRunsInsideATransactionBlock() {
        for (String sql : new String[] {
            "REFRESH MATERIALIZED VIEW CONCURRENTLY totals",
            "CREATE INDEX i ON t (c)",
            "CREATE INDEX \"concurrently\" ON t (c)",
            "CREATE INDEX i ON t (c) /* CONCURRENTLY */",
            "INSERT INTO log VALUES ('CREATE INDEX CONCURRENTLY; VACUUM')",
            "COMMENT ON INDEX i IS 'built concurrently'",
            "DROP INDEX i",
            "REINDEX TABLE t",
            "REINDEX (CONCURRENTLY false) TABLE t",
            "CLUSTER t USING t_pkey",
            "CLUSTER VERBOSE t",
            "ANALYZE t",
            "ALTER DATABASE d SET work_mem = '8MB'",
            "ALTER TABLESPACE fast SET (seq_page_cost = 1)",
            "ALTER TABLE m DETACH PARTITION m_2020",
            "DISCARD PLANS",
            "CREATE SUBSCRIPTION s CONNECTION 'host=a' PUBLICATION p WITH (connect = false)",
            "CREATE TABLE vacuum_log (concurrently boolean)",
            "SELECT 'VACUUM'",
        }) {
            assertThat(command(sql)).as(sql).isEmpty();
        }
    }
}

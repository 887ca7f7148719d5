package dev.tenantmigrator.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.internal.Connections;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.TenantNames;
import dev.tenantmigrator.support.Await;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The summary is a cache that is never trusted while it is wrong: after random writes by the migrator and by plain
 * SQL (rows inserted, deleted, re-checksummed, truncated; triggers dropped, disabled, disabled and enabled again;
 * summary rows deleted or edited; schemas renamed or restored as a dump restores them), every read that trusts the
 * summary returns exactly what reading every table returns, and every row the catalog vouches for is the digest of
 * its table as it is.
 */
@ExtendWith(PostgresExtension.class)
class SummaryPropertyTest {

    private static final TenantNames NAMES = new TenantNames(Pattern.compile(".+"), "public");
    private static final SchemaRef MAIN = SchemaRef.main("public");
    /** The migration set the schemas are expected to follow: six versions, each with its checksum. */
    private static final List<Map.Entry<Long, Optional<String>>> SET = List.of(
        Map.entry(1L, Optional.of("c1")), Map.entry(2L, Optional.of("c2")), Map.entry(3L, Optional.empty()),
        Map.entry(4L, Optional.of("c4")), Map.entry(5L, Optional.of("c5")), Map.entry(6L, Optional.of("c6")));
    private static final KnownHistories KNOWN = KnownHistories.prefixes(SET);

    private final HistoryStore store = new HistoryStore(MAIN, 3);

    @Test
    void readsTrustingTheSummaryEqualReadsOfEveryTableAfterRandomWrites(TestDatabase db) {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<SchemaRef> schemas = new ArrayList<>(List.of(MAIN));
        for (int i = 0; i < 8; i++) {
            schemas.add(NAMES.check(i == 3 ? "Odd \"t\" " + i : "t_" + i));
        }
        Connections connections = new Connections(db.jdbi(), Duration.ofSeconds(30));
        int trusted = 0;
        int untrusted = 0;
        int editedRows = 0;
        for (int step = 0; step < 300; step++) {
            SchemaRef schema = schemas.get(1 + random.nextInt(schemas.size() - 1));
            String what = write(db, connections, schemas, schema, random);
            String context = "seed " + seed + ", step " + step + ": " + what;

            List<SchemaHistory> fromTables = store.readMany(connections, schemas, 2, ignored -> KnownHistories.none());
            List<SchemaHistory> trustingSummary = store.readMany(connections, schemas, 2, ignored -> KNOWN);
            assertThat(trustingSummary).as(context).isEqualTo(fromTables);

            CatalogRead.Catalog catalog = db.jdbi().withHandle(handle -> CatalogRead.read(HistoryTable.dsl(handle),
                schemas.stream().map(SchemaRef::name).toList(), new Summary(MAIN), true, true));
            for (SchemaHistory history : fromTables) {
                Optional<CatalogRead.SummaryRow> row = catalog.entry(history.schema().name()).summary();
                CatalogRead.SummaryRow truth = new CatalogRead.SummaryRow(Summary.digest(history.checksums()),
                    history.applied().size(), history.applied().isEmpty() ? Optional.empty() : Optional.of(history.applied().last()));
                if (row.isPresent() && row.get().equals(truth)) {
                    trusted++;
                } else if (row.isPresent()) {
                    // A row edited by hand is vouched for and wrong until its trigger next fires; it must name no history
                    // a read would take.
                    editedRows++;
                    assertThat(KNOWN.find(row.get())).as(context + "; the row of " + history.schema()).isEmpty();
                } else if (history.hasTable()) {
                    untrusted++;
                }
            }
        }
        assertThat(trusted).as("rows vouched for (seed " + seed + ")").isGreaterThan(100);
        assertThat(untrusted).as("tables read for want of a row (seed " + seed + ")").isGreaterThan(10);
        assertThat(editedRows).as("rows edited by hand seen (seed " + seed + ")").isGreaterThan(0);
    }

    @Test
    void twoTransactionsWritingOneHistoryAtOnceLeaveTheRowOfBoth(TestDatabase db) throws Exception {
        Connections connections = new Connections(db.jdbi(), Duration.ofSeconds(30));
        SchemaRef tenant = NAMES.check("t_both");
        migrateTo(db, connections, List.of(MAIN, tenant), MAIN, 0);
        migrateTo(db, connections, List.of(MAIN, tenant), tenant, 0);
        try (Handle first = db.jdbi().open(); Handle second = db.jdbi().open()) {
            first.begin();
            first.execute("INSERT INTO t_both.schema_migrations (version, checksum) VALUES (1, 'c1')");
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> second.useTransaction(tx ->
                tx.execute("INSERT INTO t_both.schema_migrations (version, checksum) VALUES (2, 'c2')")));
            Await.until("the second writer to wait for the summary row", () -> db.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO t_both%'")
                .mapTo(Integer.class).one()) == 1);
            first.commit();
            other.get();
        }
        SchemaHistory read = store.readMany(connections, List.of(tenant), 1, ignored -> KNOWN).get(0);
        assertThat(read.checksums()).isEqualTo(Map.of(1L, Optional.of("c1"), 2L, Optional.of("c2")));
        assertThat(rowOf(db, tenant)).contains(new CatalogRead.SummaryRow(Summary.digest(read.checksums()), 2, Optional.of(2L)));
    }

    /** One random write; returns what it did, for the failure message. */
    private String write(TestDatabase db, Connections connections, List<SchemaRef> schemas, SchemaRef schema, Random random) {
        String table = schema.quoted() + ".schema_migrations";
        boolean hasTable = db.jdbi().withHandle(handle -> handle.createQuery("SELECT to_regclass(:t) IS NOT NULL")
            .bind("t", table).mapTo(Boolean.class).one());
        int choice = hasTable ? random.nextInt(14) : 0;
        long version = 1 + random.nextInt(8);
        switch (choice) {
            case 0, 1, 2, 3 -> {
                int to = random.nextInt(SET.size() + 1);
                migrateTo(db, connections, schemas, schema, to);
                return "the migrator brought " + schema + " to " + to + " migrations";
            }
            case 4 -> {
                db.execute("INSERT INTO " + table + " (version, checksum) VALUES (" + version + ", "
                    + (random.nextBoolean() ? "'c" + version + "'" : "NULL") + ") ON CONFLICT DO NOTHING");
                return "psql inserted version " + version + " in " + schema;
            }
            case 5 -> {
                db.execute("DELETE FROM " + table + " WHERE version = " + version);
                return "psql deleted version " + version + " in " + schema;
            }
            case 6 -> {
                db.execute("UPDATE " + table + " SET checksum = " + (random.nextBoolean() ? "'edited'" : "NULL")
                    + " WHERE version = " + version);
                return "psql changed the checksum of version " + version + " in " + schema;
            }
            case 7 -> {
                db.execute("TRUNCATE " + table);
                return "psql truncated " + table;
            }
            case 8 -> {
                db.execute("DROP TRIGGER IF EXISTS schema_migrations_summary ON " + table);
                db.execute("INSERT INTO " + table + " (version) VALUES (" + (100 + version) + ") ON CONFLICT DO NOTHING");
                return "psql dropped the trigger of " + schema + " and inserted a row";
            }
            case 9 -> {
                boolean enableAgain = random.nextBoolean();
                boolean triggered = db.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT count(*) FROM pg_trigger WHERE tgrelid = to_regclass(:t) AND tgname = 'schema_migrations_summary'")
                    .bind("t", table).mapTo(Integer.class).one()) == 1;
                db.execute("ALTER TABLE " + table + " DISABLE TRIGGER ALL");
                db.execute("DELETE FROM " + table + " WHERE version = (SELECT max(version) FROM " + table + ")");
                if (enableAgain && triggered) {
                    db.execute("ALTER TABLE " + table + " ENABLE ALWAYS TRIGGER schema_migrations_summary");
                }
                return "psql disabled the trigger of " + schema + ", deleted the latest row"
                    + (enableAgain ? " and enabled the trigger again" : "");
            }
            case 10 -> {
                boolean delete = random.nextBoolean();
                db.execute(delete ? "DELETE FROM public.schema_migrations_summary WHERE schema_name = '" + schema.name().replace("'", "''") + "'"
                    : "UPDATE public.schema_migrations_summary SET " + (random.nextBoolean() ? "digest = md5(digest)" : "applied = applied + 1")
                        + " WHERE schema_name = '" + schema.name().replace("'", "''") + "'");
                return "psql " + (delete ? "deleted" : "edited") + " the summary row of " + schema;
            }
            case 11 -> {
                SchemaRef other = schemas.get(1 + random.nextInt(schemas.size() - 1));
                if (other.equals(schema)) {
                    return "nothing";
                }
                // The two swap names: each history table now stands under the other's name.
                db.execute("ALTER SCHEMA " + schema.quoted() + " RENAME TO swap_place");
                boolean otherExists = db.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT count(*) FROM pg_namespace WHERE nspname = :n").bind("n", other.name()).mapTo(Integer.class).one()) == 1;
                if (otherExists) {
                    db.execute("ALTER SCHEMA " + other.quoted() + " RENAME TO " + schema.quoted());
                }
                db.execute("ALTER SCHEMA swap_place RENAME TO " + other.quoted());
                return "psql swapped the names of " + schema + " and " + other;
            }
            case 12 -> {
                // As pg_restore does: the table and its rows first, the trigger after the data.
                List<Long> versions = db.versions(schema.name());
                db.execute("DROP TABLE " + table);
                db.execute("CREATE TABLE " + table + " (version bigint PRIMARY KEY, inserted_at timestamp(0), name text, "
                    + "checksum text, execution_ms integer)");
                versions.forEach(v -> db.execute("INSERT INTO " + table + " (version, checksum) VALUES (" + v + ", 'c" + v + "')"));
                db.execute("CREATE TRIGGER schema_migrations_summary AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON " + table
                    + " FOR EACH STATEMENT EXECUTE FUNCTION public.schema_migrations_summarize()");
                db.execute("ALTER TABLE " + table + " ENABLE ALWAYS TRIGGER schema_migrations_summary");
                return "a restore made " + table + " again with versions " + versions;
            }
            default -> {
                db.execute("ALTER TABLE " + table + " ENABLE TRIGGER ALL");
                db.execute("INSERT INTO " + table + " (version, checksum) VALUES (" + version + ", 'c" + version
                    + "') ON CONFLICT DO NOTHING");
                return "psql set the trigger of " + schema + " to fire on origin only and inserted version " + version;
            }
        }
    }

    /**
     * What up does in one schema (main first when its summary is missing): read, mend the summary as the read says,
     * then apply or roll back rows to reach {@code to} migrations of the set.
     */
    private void migrateTo(TestDatabase db, Connections connections, List<SchemaRef> schemas, SchemaRef schema, int to) {
        SchemaHistory main = store.readMany(connections, List.of(MAIN), 1, ignored -> KNOWN).get(0);
        if (main.summaryNeed() == SummaryNeed.INSTALL) {
            db.jdbi().useTransaction(tx -> store.ensure(tx, main, main.summaryNeed(), Optional.empty()));
        }
        SchemaHistory planned = store.readMany(connections, List.of(schema), 1, ignored -> KNOWN).get(0);
        db.jdbi().useTransaction(tx -> {
            SchemaHistory now = store.readLocked(tx, schema);
            store.ensure(tx, now, now.summaryNeed().and(planned.summaryNeed()), Optional.empty());
            NavigableMap<Long, Optional<String>> applied = store.readLocked(tx, schema).checksums();
            List<HistoryStore.Applied> missing = new ArrayList<>();
            List<Long> extra = new ArrayList<>(applied.keySet());
            for (int i = 0; i < to; i++) {
                long version = SET.get(i).getKey();
                extra.remove(version);
                if (!applied.containsKey(version)) {
                    missing.add(new HistoryStore.Applied(new Checksummed(version, SET.get(i).getValue().orElse(null)), 1));
                }
            }
            if (!missing.isEmpty()) {
                store.recordApplied(tx, schema, missing);
            }
            if (!extra.isEmpty()) {
                store.recordRolledBack(tx, schema, extra);
            }
        });
    }

    /** A migration of the set, for its version and checksum. */
    private record Checksummed(long version, String checksum) implements Migration {
        @Override
        public String name() {
            return "m" + version;
        }

        @Override
        public void up(Handle handle) {
        }

        @Override
        public void down(Handle handle) {
        }
    }

    private static Optional<CatalogRead.SummaryRow> rowOf(TestDatabase db, SchemaRef schema) {
        return db.jdbi().withHandle(handle -> CatalogRead.read(HistoryTable.dsl(handle), List.of(schema.name()),
            new Summary(MAIN), true, true).entry(schema.name()).summary());
    }
}

package dev.tenantmigrator.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.internal.Connections;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.TenantNames;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.time.LocalDateTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class HistoryStoreTest {

    /** A permissive rule, so names that need quoting are read too. */
    private static final TenantNames NAMES = new TenantNames(Pattern.compile(".+"), "public");

    @Test
    void theBatchedReadSeesExactlyWhatAOneSchemaAtATimeReadSeesAcrossBatchBoundaries(TestDatabase db) {
        Random random = new Random(7);
        List<SchemaRef> schemas = new ArrayList<>();
        List<SchemaHistory> expected = new ArrayList<>();
        for (int i = 0; i < 37; i++) {
            SchemaRef schema = NAMES.check(i % 9 == 4 ? "Odd \"name\" " + i : "t_" + i);
            schemas.add(schema);
            expected.add(create(db, schema, i % 6, random));
        }
        schemas.add(1, SchemaRef.main("public"));
        // No summary in the main schema yet: the main schema is to set it up, the tenants have nothing to mend.
        expected.add(1, new SchemaHistory(SchemaRef.main("public"), true, false, false, new TreeMap<>(), List.of(), List.of(),
            SummaryNeed.INSTALL));

        HistoryStore store = new HistoryStore(SchemaRef.main("public"), 5);
        List<SchemaHistory> sequential = store.readMany(connections(db), schemas, 1, schema -> KnownHistories.none());
        List<SchemaHistory> parallel = store.readMany(connections(db), schemas, 3, schema -> KnownHistories.none());
        List<SchemaHistory> oneByOne = db.jdbi().withHandle(handle -> schemas.stream()
            .map(schema -> store.readLocked(handle, schema)).toList());

        assertThat(sequential).isEqualTo(expected);
        assertThat(parallel).isEqualTo(expected);
        assertThat(oneByOne).isEqualTo(expected);
        assertThat(store.readMany(connections(db), List.of(), 4, schema -> KnownHistories.none())).isEmpty();
    }

    /** Kind 0: no schema; 1: schema without table; 2: Ecto's two-column table; otherwise our table with random versions. */
    private static SchemaHistory create(TestDatabase db, SchemaRef schema, int kind, Random random) {
        if (kind == 0) {
            return SchemaHistory.missing(schema);
        }
        db.execute("CREATE SCHEMA " + schema.quoted());
        if (kind == 1) {
            return SchemaHistory.withoutTable(schema);
        }
        String table = schema.quoted() + ".schema_migrations";
        db.execute(kind == 2
            ? "CREATE TABLE " + table + " (version bigint PRIMARY KEY, inserted_at timestamp(0))"
            : "CREATE TABLE " + table + " (version bigint PRIMARY KEY, inserted_at timestamp(0), name text, checksum text, "
                + "execution_ms int)");
        Map<Long, Optional<String>> checksums = new TreeMap<>();
        for (int n = random.nextInt(12); n > 0; n--) {
            long version = 20240101000000L + random.nextInt(40);
            Optional<String> checksum = kind == 2 || random.nextBoolean() ? Optional.empty()
                : Optional.of(random.nextBoolean() ? "abc" + version : "a&b<c>" + version);
            checksums.put(version, checksum);
        }
        checksums.forEach((version, checksum) -> db.execute("INSERT INTO " + table + " (version" + (kind == 2 ? "" : ", checksum")
            + ") VALUES (" + version + (kind == 2 ? "" : ", " + checksum.map(c -> "'" + c + "'").orElse("NULL")) + ")"));
        List<RecordedFailure> failures = List.of();
        if (kind == 5) {
            db.execute("CREATE TABLE " + schema.quoted() + ".schema_migration_failures (version bigint PRIMARY KEY, "
                + "name text NOT NULL, error text NOT NULL, failed_at timestamp(0) NOT NULL)");
            db.execute("INSERT INTO " + schema.quoted() + ".schema_migration_failures VALUES (7, '7_x.sql', "
                + "'statement 2 of 2 (line 3: SELECT ''<a>'' & 1) failed', '2024-01-02 03:04:05')");
            failures = List.of(new RecordedFailure(7, "7_x.sql", "statement 2 of 2 (line 3: SELECT '<a>' & 1) failed",
                LocalDateTime.of(2024, 1, 2, 3, 4, 5)));
        }
        return new SchemaHistory(schema, true, true, kind != 2, new TreeMap<>(checksums), failures);
    }

    private static Connections connections(TestDatabase db) {
        return new Connections(db.jdbi(), Duration.ofSeconds(30));
    }
}

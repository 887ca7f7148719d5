package dev.tenantmigrator.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.internal.TenantNames;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
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
        expected.add(1, new SchemaHistory(SchemaRef.main("public"), true, false, new TreeSet<>()));

        HistoryStore store = new HistoryStore(5);
        List<SchemaHistory> sequential = store.readMany(db.jdbi(), schemas, 1);
        List<SchemaHistory> parallel = store.readMany(db.jdbi(), schemas, 3);
        List<SchemaHistory> oneByOne = db.jdbi().withHandle(handle -> schemas.stream()
            .map(schema -> new HistoryStore().readLocked(handle, schema)).toList());

        assertThat(sequential).isEqualTo(expected);
        assertThat(parallel).isEqualTo(expected);
        assertThat(oneByOne).isEqualTo(expected);
        assertThat(new HistoryStore().readMany(db.jdbi(), List.of(), 4)).isEmpty();
    }

    /** Kind 0: no schema; 1: schema without table; 2: Ecto's two-column table; otherwise our table with random versions. */
    private static SchemaHistory create(TestDatabase db, SchemaRef schema, int kind, Random random) {
        if (kind == 0) {
            return SchemaHistory.missing(schema);
        }
        db.execute("CREATE SCHEMA " + schema.quoted());
        if (kind == 1) {
            return new SchemaHistory(schema, true, false, new TreeSet<>());
        }
        String table = schema.quoted() + ".schema_migrations";
        db.execute(kind == 2
            ? "CREATE TABLE " + table + " (version bigint PRIMARY KEY, inserted_at timestamp(0))"
            : "CREATE TABLE " + table + " (version bigint PRIMARY KEY, inserted_at timestamp(0), name text, checksum text, "
                + "execution_ms int)");
        NavigableSet<Long> versions = new TreeSet<>();
        for (int n = random.nextInt(12); n > 0; n--) {
            versions.add(20240101000000L + random.nextInt(40));
        }
        versions.forEach(version -> db.execute("INSERT INTO " + table + " (version) VALUES (" + version + ")"));
        return SchemaHistory.of(schema, versions);
    }
}

package dev.tenantmigrator.internal.history;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.tenantmigrator.Migration;
import dev.tenantmigrator.internal.SchemaRef;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * The per-schema table {@code schema_migration_failures}: migrations that failed outside a
 * transaction, and the start rows of those running outside one now (a start row left behind means
 * the process or the server died while it ran). It is not {@code schema_migrations}, so Ecto never
 * reads either as applied. It exists only while it has rows: the catalog query tells which schemas
 * have one, and only those are read.
 */
final class FailureTable {

    static final String TABLE = "schema_migration_failures";

    static final Field<Long> VERSION = field(name("version"), SQLDataType.BIGINT);
    static final Field<String> NAME = field(name("name"), SQLDataType.CLOB);
    static final Field<String> ERROR = field(name("error"), SQLDataType.CLOB);
    static final Field<LocalDateTime> FAILED_AT = field(name("failed_at"), SQLDataType.LOCALDATETIME(0));

    private FailureTable() {
    }

    static Table<?> in(SchemaRef schema) {
        return table(name(schema.name(), TABLE));
    }

    /** What a start row says in place of an error: nothing came back to say how the migration ended. */
    static final String STARTED = "it started and did not finish: the process or the database server stopped while it ran";

    /**
     * Records the failure, replacing an earlier one (or the start row) of the same migration. A table made
     * here is only readable by {@code readOnlyRole}, in the same transaction, whatever the schema's default
     * privileges give it: a role that could delete a failure could make the next run repeat a half-applied
     * migration. To be run in a transaction.
     */
    static void record(DSLContext dsl, SchemaRef schema, Migration migration, String error, Optional<String> readOnlyRole,
                       Summary summary) {
        createIfMissing(dsl, schema, readOnlyRole, summary);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        dsl.insertInto(in(schema))
            .columns(VERSION, NAME, ERROR, FAILED_AT)
            .values(migration.version(), migration.description(), error, now)
            .onConflict(VERSION).doUpdate()
            .set(NAME, migration.description()).set(ERROR, error).set(FAILED_AT, now)
            .execute();
    }

    /**
     * Removes the start row of a migration that succeeded, in the caller's transaction (the one that
     * records it as applied), and the table with it when nothing else is recorded.
     */
    static void forget(DSLContext dsl, SchemaRef schema, long version) {
        dsl.deleteFrom(in(schema)).where(VERSION.eq(version)).execute();
        dropIfEmpty(dsl, schema);
    }

    private static void dropIfEmpty(DSLContext dsl, SchemaRef schema) {
        if (!dsl.fetchExists(in(schema))) {
            dsl.dropTable(in(schema)).execute();
        }
    }

    private static void createIfMissing(DSLContext dsl, SchemaRef schema, Optional<String> readOnlyRole, Summary summary) {
        if (Boolean.TRUE.equals(dsl.fetchValue("SELECT to_regclass(?) IS NOT NULL", schema.quoted() + "." + SchemaRef.quote(TABLE)))) {
            return;
        }
        dsl.createTable(in(schema))
            .column(VERSION.getName(), SQLDataType.BIGINT.notNull())
            .column(NAME.getName(), SQLDataType.CLOB.notNull())
            .column(ERROR.getName(), SQLDataType.CLOB.notNull())
            .column(FAILED_AT.getName(), SQLDataType.LOCALDATETIME(0).notNull())
            .primaryKey(VERSION.getName())
            .execute();
        readOnlyRole.ifPresent(role -> dsl.execute("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON TABLE " + schema.quoted()
            + "." + SchemaRef.quote(TABLE) + " FROM " + SchemaRef.quote(role)));
        // The summary says whether failures are recorded; its trigger is on this table too, where the summary exists.
        if (Boolean.TRUE.equals(dsl.fetchValue("SELECT to_regprocedure(?) IS NOT NULL", summary.function()))) {
            summary.attach(dsl, schema, TABLE);
        }
    }

    /** Removes every recorded failure of the schema, and the table; how many there were. */
    static int clear(DSLContext dsl, SchemaRef schema) {
        int cleared = dsl.deleteFrom(in(schema)).execute();
        dropIfEmpty(dsl, schema);
        return cleared;
    }

    /** The recorded failures of each schema; the schemas' failure tables are known to exist. Rare, so one query each. */
    static Map<String, List<RecordedFailure>> read(DSLContext dsl, List<SchemaRef> schemas) {
        Map<String, List<RecordedFailure>> failures = new HashMap<>();
        for (SchemaRef schema : schemas) {
            failures.put(schema.name(), dsl.select(VERSION, NAME, ERROR, FAILED_AT).from(in(schema)).orderBy(VERSION)
                .fetch(row -> new RecordedFailure(row.value1(), row.value2(), row.value3(), row.value4())));
        }
        return failures;
    }
}

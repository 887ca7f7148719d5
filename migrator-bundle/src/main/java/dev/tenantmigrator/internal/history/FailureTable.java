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
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * The per-schema table {@code schema_migration_failures}: migrations that failed outside a
 * transaction. It is not {@code schema_migrations}, so Ecto never reads a failure as applied. Made
 * only when the first such failure is recorded.
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

    /** Records the failure, replacing an earlier one of the same migration. */
    static void record(DSLContext dsl, SchemaRef schema, Migration migration, String error) {
        dsl.createTableIfNotExists(in(schema))
            .column(VERSION.getName(), SQLDataType.BIGINT.notNull())
            .column(NAME.getName(), SQLDataType.CLOB.notNull())
            .column(ERROR.getName(), SQLDataType.CLOB.notNull())
            .column(FAILED_AT.getName(), SQLDataType.LOCALDATETIME(0).notNull())
            .primaryKey(VERSION.getName())
            .execute();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        dsl.insertInto(in(schema))
            .columns(VERSION, NAME, ERROR, FAILED_AT)
            .values(migration.version(), migration.description(), error, now)
            .onConflict(VERSION).doUpdate()
            .set(NAME, migration.description()).set(ERROR, error).set(FAILED_AT, now)
            .execute();
    }

    /** Removes every recorded failure of the schema; how many there were. */
    static int clear(DSLContext dsl, SchemaRef schema) {
        return dsl.deleteFrom(in(schema)).execute();
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

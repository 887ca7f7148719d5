package dev.tenantmigrator.internal.history;

import dev.tenantmigrator.internal.SchemaRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The summary of every schema's history: one row per history table in a table of the main schema,
 * kept by a statement-level trigger on each history and failure table (so a write by Ecto, psql or a
 * restore keeps it true, not only the migrator's). The trigger recomputes the whole row from the
 * table each time it fires, so any fire repairs a stale row. It is a cache: a row is trusted only
 * when the catalog says the table's trigger is ours, enabled always, and the same trigger (its
 * {@code pg_trigger} row's xmin) that wrote the row; anything else is read from the table.
 */
public final class Summary {

    /** The summary table, in the main schema. */
    public static final String TABLE = "schema_migrations_summary";
    /** The trigger function, in the main schema: it hands the table's schema to {@link #SCHEMA_FUNCTION}. */
    public static final String FUNCTION = "schema_migrations_summarize";
    /** The function that recomputes one schema's row, in the main schema; its body is {@link #FUNCTION_BODY}. */
    public static final String SCHEMA_FUNCTION = "schema_migrations_summarize_schema";
    /** The trigger's name on every history and failure table. */
    static final String TRIGGER = "schema_migrations_summary";
    /** AFTER, FOR EACH STATEMENT, on INSERT, DELETE, UPDATE and TRUNCATE: pg_trigger.tgtype's bits 4 + 8 + 16 + 32. */
    static final int TRIGGER_TYPE = 60;

    /**
     * The row of the history table in {@code target_schema}, recomputed from the whole table. The row is locked
     * before the table is read, so of two transactions writing one history table at once the second reads the
     * first's rows once it commits (READ COMMITTED takes a new snapshot per statement) instead of overwriting the
     * row with a digest that lacks them. The digest is {@link #digest}'s, computed the same way here.
     */
    private static final String FUNCTION_BODY = """
        DECLARE
            history oid := to_regclass(format('%%I.%%I', target_schema, 'schema_migrations'));
            failure_table regclass := to_regclass(format('%%I.%%I', target_schema, 'schema_migration_failures'));
            has_failures boolean := false;
            applied_count integer;
            latest_version bigint;
            history_digest text;
        BEGIN
            IF history IS NULL THEN
                RETURN;
            END IF;
            INSERT INTO %1$s (history_table, schema_name, digest, applied, failures, changed_at)
                VALUES (history, target_schema, '', 0, false, now()) ON CONFLICT (history_table) DO NOTHING;
            PERFORM 1 FROM %1$s WHERE history_table = history FOR UPDATE;
            EXECUTE format('SELECT count(*)::int, max(version), encode(sha256(convert_to(coalesce(string_agg('
                || 'version::text || ''='' || coalesce(length(checksum)::text || '':'' || checksum, ''-''), '','' '
                || 'ORDER BY version), ''''), ''UTF8'')), ''hex'') FROM %%I.%%I', target_schema, 'schema_migrations')
                INTO applied_count, latest_version, history_digest;
            IF failure_table IS NOT NULL THEN
                EXECUTE format('SELECT EXISTS (SELECT FROM %%s)', failure_table) INTO has_failures;
            END IF;
            UPDATE %1$s SET schema_name = target_schema, digest = history_digest, applied = applied_count,
                    latest = latest_version, failures = has_failures, changed_at = now(),
                    trigger_xmin = (SELECT t.xmin FROM pg_trigger t WHERE t.tgrelid = history AND t.tgname = %2$s)
                WHERE history_table = history;
            RETURN;
        END""";

    private final SchemaRef main;

    public Summary(SchemaRef main) {
        this.main = main;
    }

    /** The main schema's name. */
    String mainName() {
        return main.name();
    }

    /** The summary table, quoted and qualified. */
    String table() {
        return main.quoted() + "." + SchemaRef.quote(TABLE);
    }

    /** The trigger function's signature, quoted and qualified, as {@code to_regprocedure} takes it. */
    String function() {
        return main.quoted() + "." + SchemaRef.quote(FUNCTION) + "()";
    }

    /** The signature of the function that recomputes a schema's row, as {@code to_regprocedure} takes it. */
    String schemaFunction() {
        return schemaFunctionName() + "(text)";
    }

    private String schemaFunctionName() {
        return main.quoted() + "." + SchemaRef.quote(SCHEMA_FUNCTION);
    }

    /**
     * Creates the summary table and the trigger function in the main schema; run under the main schema's lock.
     * Nobody but the owner may write the table: the trigger function runs as its owner. {@code readOnlyRole} is
     * revoked explicitly, since default privileges of the main schema may grant it DML on every new table.
     */
    void install(DSLContext dsl, Optional<String> readOnlyRole) {
        execute(dsl, "CREATE TABLE IF NOT EXISTS " + table() + " (history_table oid PRIMARY KEY, schema_name text NOT NULL, "
            + "digest text NOT NULL, applied integer NOT NULL, latest bigint, failures boolean NOT NULL, trigger_xmin xid, "
            + "changed_at timestamptz NOT NULL)");
        execute(dsl, "REVOKE ALL ON TABLE " + table() + " FROM PUBLIC");
        readOnlyRole.ifPresent(role -> execute(dsl, "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON TABLE " + table() + " FROM "
            + SchemaRef.quote(role)));
        execute(dsl, "CREATE OR REPLACE FUNCTION " + schemaFunctionName() + "(target_schema text) "
            + "RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $summarize$"
            + String.format(FUNCTION_BODY, table(), "'" + TRIGGER + "'") + "$summarize$");
        execute(dsl, "REVOKE ALL ON FUNCTION " + schemaFunction() + " FROM PUBLIC");
        // PL/pgSQL compiles a trigger function once per trigger and session, each copy with its own cached plans, and
        // every catalog change a migration makes is checked against every cached plan of the session: a trigger
        // function holding the work made each DDL statement slower with every tenant a session had migrated (db-up
        // from empty on 1,000 tenants took 1.6 times as long). The work is in one plain function, compiled once.
        execute(dsl, "CREATE OR REPLACE FUNCTION " + main.quoted() + "." + SchemaRef.quote(FUNCTION) + "() RETURNS trigger "
            + "LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $summarize$BEGIN PERFORM "
            + schemaFunctionName() + "(TG_TABLE_SCHEMA)" + "; RETURN NULL; END$summarize$");
    }

    /**
     * Puts the trigger on {@code table} of {@code schema} (dropping one of the same name that is not right), enabled
     * always so that logical replication's apply fires it too.
     */
    void attach(DSLContext dsl, SchemaRef schema, String table) {
        String qualified = schema.quoted() + "." + SchemaRef.quote(table);
        execute(dsl, "DROP TRIGGER IF EXISTS " + SchemaRef.quote(TRIGGER) + " ON " + qualified);
        execute(dsl, "CREATE TRIGGER " + SchemaRef.quote(TRIGGER) + " AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "
            + qualified + " FOR EACH STATEMENT EXECUTE FUNCTION " + function());
        execute(dsl, "ALTER TABLE " + qualified + " ENABLE ALWAYS TRIGGER " + SchemaRef.quote(TRIGGER));
    }

    /** Makes the trigger of {@code schema}'s history table recompute its row: a statement fires it even when it changes no row. */
    void refresh(DSLContext dsl, SchemaRef schema) {
        execute(dsl, "DELETE FROM " + schema.quoted() + "." + SchemaRef.quote(HistoryTable.TABLE) + " WHERE false");
    }

    /** Runs DDL as it is written: jOOQ's and Jdbi's plain SQL would read the function body's quotes and colons. */
    private static void execute(DSLContext dsl, String sql) {
        dsl.connection(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        });
    }

    /**
     * The digest of a history as the trigger computes it: SHA-256 of {@code version=length:checksum} (or
     * {@code version=-} without a checksum) by version, joined with commas. The length makes it unambiguous
     * whatever a checksum holds.
     */
    public static String digest(Map<Long, Optional<String>> checksums) {
        StringBuilder text = new StringBuilder();
        checksums.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(entry.getKey()).append('=');
            entry.getValue().ifPresentOrElse(
                checksum -> text.append(checksum.codePointCount(0, checksum.length())).append(':').append(checksum),
                () -> text.append('-'));
        });
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}

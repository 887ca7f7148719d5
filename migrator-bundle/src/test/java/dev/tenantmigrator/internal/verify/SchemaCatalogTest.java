package dev.tenantmigrator.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class SchemaCatalogTest {

    private static final SchemaRef APP = SchemaRef.main("app");

    /** One object of every kind the catalog covers, plus the migrator's history table. */
    private static final String EVERY_KIND = """
        CREATE SCHEMA app;
        SET search_path TO app;
        CREATE EXTENSION citext SCHEMA app;
        CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
        CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
        CREATE TYPE span AS RANGE (subtype = integer);
        CREATE TYPE pair AS (a integer, b text);
        CREATE SEQUENCE counter START 5 INCREMENT 5;
        CREATE TABLE items (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name citext NOT NULL UNIQUE,
            code text COLLATE "C",
            qty positive DEFAULT 1,
            doubled integer GENERATED ALWAYS AS (qty * 2) STORED,
            mood mood,
            serial_no integer DEFAULT nextval('counter'),
            CONSTRAINT items_code_short CHECK (length(code) < 10)
        );
        ALTER SEQUENCE counter OWNED BY items.serial_no;
        CREATE UNLOGGED TABLE scratch_pad (id int) WITH (fillfactor = 70);
        CREATE TABLE events (at date NOT NULL, item_id bigint REFERENCES items (id)) PARTITION BY RANGE (at);
        CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE INDEX items_lower_code ON items (lower(code)) WHERE code IS NOT NULL;
        CREATE VIEW happy_items AS SELECT id, name FROM items WHERE mood = 'happy';
        CREATE MATERIALIZED VIEW item_counts AS SELECT mood, count(*) AS n FROM items GROUP BY mood;
        CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.qty := NEW.qty + 1; RETURN NEW; END $$;
        CREATE TRIGGER items_bump BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION bump();
        CREATE PROCEDURE forget(days integer) LANGUAGE sql AS $$ DELETE FROM scratch_pad WHERE id < days $$;
        CREATE AGGREGATE total(integer) (sfunc = int4pl, stype = integer);
        CREATE RULE no_delete AS ON DELETE TO scratch_pad DO INSTEAD NOTHING;
        ALTER TABLE items ENABLE ROW LEVEL SECURITY;
        CREATE POLICY items_cheerful ON items FOR SELECT USING (mood <> 'sad');
        CREATE STATISTICS items_name_code ON name, code FROM items;
        COMMENT ON TABLE items IS 'Things we keep';
        COMMENT ON COLUMN items.code IS 'Short code';
        CREATE TABLE schema_migrations (version bigint PRIMARY KEY, inserted_at timestamp(0));
        """;

    /** Runs SQL on one connection as PostgreSQL reads it (Jdbi's script splitter does not know dollar quotes). */
    private static void execute(TestDatabase db, String sql) {
        try (Handle handle = db.jdbi().open(); Statement statement = handle.getConnection().createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> byLabel(SchemaCatalog catalog) {
        return catalog.objects().entrySet().stream()
            .collect(Collectors.toMap(entry -> entry.getKey().label(), Map.Entry::getValue));
    }

    @Test
    void readsEveryKindOfObjectAndLeavesTheHistoryTableOut(TestDatabase db) {
        execute(db, EVERY_KIND);

        Map<String, String> objects = byLabel(SchemaCatalog.read(db.jdbi(), APP));

        assertThat(objects).containsKeys("extension citext", "type mood", "type positive", "type span", "type pair",
            "sequence counter", "table items", "table scratch_pad", "table events", "table events_2024",
            "column items.name", "the default of column items.qty", "constraint items_code_short on items",
            "constraint positive_check on positive", "index items_lower_code", "view happy_items",
            "materialized view item_counts", "trigger items_bump on items", "rule no_delete on scratch_pad",
            "policy items_cheerful on items", "statistics object items_name_code", "function bump()",
            "aggregate total(integer)");
        // PostgreSQL 14 started to name the argument mode.
        assertThat(objects.keySet()).containsAnyOf("procedure forget(IN days integer)", "procedure forget(days integer)");
        assertThat(objects.keySet()).noneMatch(label -> label.contains("schema_migrations"))
            .as("what an extension installs is its own business").noneMatch(label -> label.contains("citext_"))
            .as("a range type's constructors are the type's").noneMatch(label -> label.startsWith("function span("));
        assertThat(objects).containsEntry("type mood", "enum ('sad', 'ok', 'happy')")
            .containsEntry("sequence counter", "bigint start 5 increment 5 minvalue 1 maxvalue 9223372036854775807 cache 1 "
                + "owned by items.serial_no")
            .containsEntry("column items.id", "bigint not null generated always as identity")
            .containsEntry("column items.code", "text null collate \"C\"")
            .containsEntry("column items.doubled", "integer null generated always as (((qty)::integer * 2)) stored")
            .containsEntry("the default of column items.serial_no", "nextval('counter'::regclass)")
            .containsEntry("index items_lower_code", "CREATE INDEX items_lower_code ON app.items USING btree (lower(code)) "
                + "WHERE (code IS NOT NULL)")
            .containsEntry("table scratch_pad", "unlogged with (fillfactor=70)")
            .containsEntry("table events_2024", "inherits events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')")
            .containsEntry("table items", "row level security")
            .containsEntry("the comment on items", "Things we keep")
            .containsEntry("the comment on items.code", "Short code")
            .containsEntry("policy items_cheerful on items", "permissive for select to public using ((mood <> 'sad'::mood))");
    }

    @Test
    void anObjectDroppedAndMadeAgainIsTheSameObject(TestDatabase db) {
        execute(db, EVERY_KIND);
        SchemaCatalog before = SchemaCatalog.read(db.jdbi(), APP);

        // New object identifiers and a new column position: neither is part of the catalog compared.
        execute(db, """
            SET search_path TO app;
            DROP VIEW happy_items;
            ALTER TABLE items DROP COLUMN mood CASCADE;
            ALTER TABLE items ADD COLUMN mood mood;
            CREATE VIEW happy_items AS SELECT id, name FROM items WHERE mood = 'happy';
            CREATE POLICY items_cheerful ON items FOR SELECT USING (mood <> 'sad');
            CREATE MATERIALIZED VIEW item_counts AS SELECT mood, count(*) AS n FROM items GROUP BY mood;
            """);

        assertThat(SchemaCatalog.read(db.jdbi(), APP).differencesFrom(before)).isEmpty();
    }

    @Test
    void aSchemaThatDoesNotExistHasAnEmptyCatalog(TestDatabase db) {
        assertThat(SchemaCatalog.read(db.jdbi(), SchemaRef.main("nowhere")).objects()).isEmpty();
    }

    @Test
    void differencesComeInReportingOrder(TestDatabase db) {
        execute(db, "CREATE SCHEMA app; CREATE TABLE app.notes (id int, body text DEFAULT 'x');");
        SchemaCatalog before = SchemaCatalog.read(db.jdbi(), APP);
        execute(db, "CREATE INDEX notes_body ON app.notes (body); ALTER TABLE app.notes ALTER COLUMN body DROP DEFAULT, "
            + "ADD COLUMN title text;");

        List<String> labels = SchemaCatalog.read(db.jdbi(), APP).differencesFrom(before).stream()
            .map(difference -> difference.object().label()).toList();

        assertThat(labels).containsExactly("column notes.title", "the default of column notes.body", "index notes_body");
    }
}

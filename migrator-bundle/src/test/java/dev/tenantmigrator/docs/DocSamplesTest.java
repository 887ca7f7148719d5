package dev.tenantmigrator.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tenantmigrator.support.CommandLine;
import dev.tenantmigrator.support.CommandLine.Result;
import dev.tenantmigrator.support.MigrationFolder;
import dev.tenantmigrator.support.ServerSessions;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sample output in the documentation is what the commands print now.
 *
 * <p>A sample is a fenced block right after a line {@code <!-- sample: NAME -->}. Its lines are shell
 * commands ({@code $ java -jar $J ARGS}, optionally {@code DATABASE_URL=...} or {@code -Ddw.migrator.KEY=VALUE}
 * before; {@code $ psql -c "SQL"}), each followed by what it prints (stdout, then stderr; log lines are
 * off). A command must exit 0 unless its {@code #} comment says {@code exit N}. Each sample runs on a
 * database of its own, set up by the fixture of the same name below, with the example service's
 * migration files and configuration ({@code tenantsQuery} on the {@code tenants} table). What varies
 * from run to run is written as a placeholder in the doc: {@code (<ms>)} for a duration such as
 * {@code (158 ms)}, {@code <ms>} for {@code elapsedMillis}, {@code <time>} for a timestamp and
 * {@code migrator_verify_<random>} for the scratch schema.
 *
 * <p>{@code -Ddocs.update=true} writes what the commands print into the docs instead of comparing.
 */
class DocSamplesTest {

    private static final Pattern MARKER = Pattern.compile("^<!-- sample: ([a-z0-9-]+) -->$");
    private static final boolean UPDATE = Boolean.getBoolean("docs.update");
    private static final String CONFIG = "config.yml";

    private static final String ADD_NOTE_TITLE = "20240101000300_add_note_title.sql";
    private static final String INDEX_NOTES = "20240101000400_index_notes.sql";
    private static final String CREATE_NOTES = "20240101000100_create_notes.sql";
    private static final String INDEX_BY_CREATION = "20240101000200_index_notes_by_creation.sql";

    /** How each sample's database is prepared before the sample's own commands run. */
    private static final Map<String, Setup> FIXTURES = new LinkedHashMap<>();

    static {
        // README.md
        FIXTURES.put("readme-tour", f -> { });
        // docs/commands.md
        FIXTURES.put("db-up", f -> { });
        FIXTURES.put("db-up-dry-run", Fixture::globexBehindHooliNew);
        FIXTURES.put("db-up-continue-on-error", f -> f.tenants("acme", "globex", "initech").up()
            .tenantFile(ADD_NOTE_TITLE, "-- migrate:up\nALTER TABLE notes ADD COLUMN title text;\n"
                + "SELECT 1 / (CASE WHEN current_schema() = 'globex' THEN 0 ELSE 1 END);\n\n"
                + "-- migrate:down\nALTER TABLE notes DROP COLUMN title;\n"));
        FIXTURES.put("db-up-json", f -> f.tenants("acme").up());
        FIXTURES.put("db-down", f -> f.tenants("acme", "globex", "initech").up());
        FIXTURES.put("db-ensure-up", f -> f.globexBehindHooliNew().setting("connectInterval: 100ms"));
        FIXTURES.put("db-status", Fixture::globexBehindHooliNew);
        FIXTURES.put("db-repair", f -> f.tenants("acme", "globex", "initech").up()
            .tenantFile(ADD_NOTE_TITLE, "-- migrate:up\nALTER TABLE notes ADD COLUMN title text;\n\n"
                + "-- migrate:down\nALTER TABLE notes DROP COLUMN title;\n")
            .up("--tenant", "acme", "--tenant", "initech")
            .deleteTenantFile(ADD_NOTE_TITLE)
            // A file after the deleted one: a deleted newest file reads as applied by newer code, as in a rollout.
            .tenantFile(INDEX_NOTES, "-- migrate:up\nCREATE INDEX notes_body ON notes (body);\n\n"
                + "-- migrate:down\nDROP INDEX notes_body;\n")
            .editTenantFile(CREATE_NOTES, "-- migrate:up\n", "-- migrate:up\n-- notes of a tenant\n"));
        FIXTURES.put("db-mark-applied", f -> f.tenants("acme", "globex", "initech").up()
            .tenantFile(INDEX_NOTES, "-- migrate:up transaction:false\n"
                + "CREATE INDEX CONCURRENTLY notes_body ON notes (body);\n"
                + "CREATE INDEX CONCURRENTLY notes_pinned ON notes (pinned);\n\n"
                + "-- migrate:down transaction:false\n"
                + "DROP INDEX CONCURRENTLY notes_pinned;\nDROP INDEX CONCURRENTLY notes_body;\n"));
        FIXTURES.put("db-verify", f -> f.tenants("acme").up());
        FIXTURES.put("db-verify-forgotten-index", f -> f.tenants("acme").up()
            .tenantFile("20240103000000_add_title_and_index_body.sql", "-- migrate:up\n"
                + "ALTER TABLE notes ADD COLUMN title text;\nCREATE INDEX notes_body ON notes (body);\n\n"
                + "-- migrate:down\nALTER TABLE notes DROP COLUMN title;\n"));
    }

    @Test
    void everySampleHasAFixtureAndEveryFixtureASample() {
        List<Sample> samples = samples();
        TreeSet<String> names = samples.stream().map(Sample::name).collect(Collectors.toCollection(TreeSet::new));
        assertThat(names).as("samples in the docs").isEqualTo(new TreeSet<>(FIXTURES.keySet()));
        assertThat(samples.stream().map(Sample::name)).as("each sample once").doesNotHaveDuplicates();
    }

    /** The pg_locks query of docs/operations.md names the schema whose lock a session holds, and shows a held slot. */
    @Test
    void thePgLocksQueryOfTheOperationsGuideFindsTheMigratorsLocks() {
        String query = sqlAfter("## Locks: what to look for in pg_locks");
        try (TestDatabase db = PostgresExtension.newDatabase(); Handle peer = ServerSessions.holdSchemaLock(db, "acme")) {
            db.execute("CREATE SCHEMA acme");
            peer.createQuery("SELECT pg_advisory_lock(" + ServerSessions.WORKER_SLOTS + ", 0)").mapToMap().one();
            List<Map<String, Object>> rows = db.jdbi().withHandle(h -> h.createQuery(query).mapToMap().list());
            assertThat(rows).extracting(row -> row.get("schema"), row -> row.get("objid").toString(), row -> row.get("granted"))
                .contains(org.assertj.core.groups.Tuple.tuple("acme",
                        String.valueOf(db.queryOne("SELECT hashtext('acme')::bigint & 4294967295", Long.class)), true),
                    org.assertj.core.groups.Tuple.tuple(null, "0", true));
        }
    }

    /** The summary query of docs/operations.md lists each migrated schema with its count and latest version. */
    @Test
    void theSummaryQueryOfTheOperationsGuideListsEveryMigratedSchema() throws Exception {
        String query = sqlAfter("### The summary of every schema's history");
        Path dir = Files.createTempDirectory("doc-summary-");
        try (TestDatabase db = PostgresExtension.newDatabase()) {
            dev.tenantmigrator.support.MigrationProject project = dev.tenantmigrator.support.MigrationProject.create(dir, db);
            new dev.tenantmigrator.Migrator(db.jdbi(), dev.tenantmigrator.MigratorSettings.builder()
                .mainLocation("filesystem:" + project.mainMigrations())
                .tenantLocation("filesystem:" + project.tenantMigrations())
                .tenantSource(dev.tenantmigrator.TenantSource.of(List.of("acme"))).build()).up();
            List<Map<String, Object>> rows = db.jdbi().withHandle(h -> h.createQuery(query).mapToMap().list());
            assertThat(rows).extracting(row -> row.get("schema_name"), row -> row.get("applied"), row -> row.get("latest"),
                    row -> row.get("failures"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("acme", 2, 20240103000000L, false),
                    org.assertj.core.groups.Tuple.tuple("public", 1, 20240101000000L, false));
        }
    }

    /** The first ```sql block after {@code heading} in docs/operations.md. */
    private static String sqlAfter(String heading) {
        List<String> lines = Docs.lines(Docs.root().resolve("docs/operations.md"));
        int section = lines.indexOf(heading);
        assertThat(section).as(heading + " in docs/operations.md").isPositive();
        int start = lines.subList(section, lines.size()).indexOf("```sql") + section;
        assertThat(start).as("a ```sql block under " + heading).isGreaterThan(section);
        return String.join("\n", lines.subList(start + 1, lines.subList(start, lines.size()).indexOf("```") + start));
    }

    @TestFactory
    Stream<DynamicTest> everySampleIsWhatTheCommandsPrint() {
        return samples().stream().filter(sample -> FIXTURES.containsKey(sample.name()))
            .map(sample -> DynamicTest.dynamicTest(sample.file().getFileName() + ": " + sample.name(), () -> check(sample)));
    }

    private static void check(Sample sample) throws Exception {
        Path dir = Files.createTempDirectory("doc-sample-");
        try (TestDatabase db = PostgresExtension.newDatabase()) {
            Fixture fixture = new Fixture(dir, db);
            FIXTURES.get(sample.name()).prepare(fixture);
            List<String> actual = new ArrayList<>();
            for (Step step : sample.steps()) {
                actual.add(step.command());
                actual.addAll(fixture.run(step));
            }
            List<String> expected = sample.lines().stream().map(String::stripTrailing).toList();
            if (UPDATE) {
                sample.rewrite(actual);
            } else {
                assertEquals(String.join("\n", expected), String.join("\n", actual),
                    sample.file() + ", sample " + sample.name());
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    // ---------------------------------------------------------------- the samples in the docs

    private static List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        for (Path file : Docs.markdownFiles()) {
            List<String> lines = Docs.lines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher marker = MARKER.matcher(lines.get(i).strip());
                if (marker.matches()) {
                    samples.add(Sample.read(file, marker.group(1), lines, i));
                }
            }
        }
        return samples;
    }

    /** One marked block: its commands, each with what it prints. */
    record Sample(Path file, String name, List<String> lines) {

        static Sample read(Path file, String name, List<String> lines, int marker) {
            if (marker + 1 >= lines.size() || !lines.get(marker + 1).startsWith("```")) {
                throw new AssertionError(file + ": sample " + name + " is not followed by a fenced block");
            }
            List<String> block = new ArrayList<>();
            for (int i = marker + 2; i < lines.size(); i++) {
                if (lines.get(i).equals("```")) {
                    return new Sample(file, name, block);
                }
                block.add(lines.get(i));
            }
            throw new AssertionError(file + ": sample " + name + " has no closing fence");
        }

        List<Step> steps() {
            List<Step> steps = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("$ ")) {
                    steps.add(new Step(line.stripTrailing()));
                } else if (steps.isEmpty()) {
                    throw new AssertionError(file + ", sample " + name + ": output before the first command: " + line);
                }
            }
            return steps;
        }

        /** Replaces the block's lines with {@code actual} (update mode). */
        void rewrite(List<String> actual) throws IOException {
            List<String> all = new ArrayList<>(Files.readAllLines(file));
            int marker = all.indexOf("<!-- sample: " + name + " -->");
            int end = marker + 2;
            while (!all.get(end).equals("```")) {
                end++;
            }
            all.subList(marker + 2, end).clear();
            all.addAll(marker + 2, actual);
            Files.writeString(file, String.join("\n", all) + "\n");
        }
    }

    /** One {@code $} line: the words before its {@code #} comment, and the exit status the comment asks for. */
    record Step(String command) {

        private static final Pattern EXIT = Pattern.compile("\\bexit (\\d+)\\b");

        List<String> words() {
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            boolean quoted = false;
            boolean inWord = false;
            String text = command.substring(2);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                    inWord = true;
                } else if (!quoted && c == '#' && !inWord) {
                    break;
                } else if (!quoted && Character.isWhitespace(c)) {
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                } else {
                    word.append(c);
                    inWord = true;
                }
            }
            if (inWord) {
                words.add(word.toString());
            }
            return words;
        }

        int expectedStatus() {
            int comment = command.indexOf(" # ");
            if (comment < 0) {
                return 0;
            }
            Matcher exit = EXIT.matcher(command.substring(comment));
            return exit.find() ? Integer.parseInt(exit.group(1)) : 0;
        }
    }

    @FunctionalInterface
    interface Setup {
        void prepare(Fixture fixture) throws Exception;
    }

    // ---------------------------------------------------------------- the fixture

    /** A project like the example service's: its migration files, its tenantsQuery, on a database of its own. */
    static final class Fixture {

        private final Path dir;
        private final TestDatabase db;
        private final MigrationFolder main;
        private final MigrationFolder tenant;
        private final List<String> settings = new ArrayList<>();

        Fixture(Path dir, TestDatabase db) throws IOException {
            this.dir = dir;
            this.db = db;
            this.main = new MigrationFolder(dir.resolve("db/migrations"));
            this.tenant = new MigrationFolder(dir.resolve("db/tenant_migrations"));
            Path resources = Docs.root().resolve("example-service/src/main/resources/db");
            copy(resources.resolve("migrations"), main);
            copy(resources.resolve("tenant_migrations"), tenant);
        }

        private static void copy(Path from, MigrationFolder to) throws IOException {
            try (Stream<Path> files = Files.list(from)) {
                for (Path file : files.toList()) {
                    to.write(file.getFileName().toString(), Files.readString(file));
                }
            }
        }

        Fixture setting(String line) {
            settings.add(line);
            return this;
        }

        Fixture tenants(String... names) {
            for (String name : names) {
                sql("INSERT INTO tenants (slug) VALUES ('" + name + "')");
            }
            return this;
        }

        Fixture sql(String sql) {
            if (!db.queryOne("SELECT to_regclass('public.tenants') IS NOT NULL", Boolean.class)) {
                up();
            }
            db.execute(sql);
            return this;
        }

        Fixture up(String... arguments) {
            String[] line = Stream.concat(Stream.of("db-up"), Stream.concat(Arrays.stream(arguments), Stream.of(config(null, List.of()))))
                .toArray(String[]::new);
            Result result = CommandLine.run(line);
            assertThat(result.status()).as("fixture: %s %s", String.join(" ", line), result.err()).isZero();
            return this;
        }

        Fixture tenantFile(String name, String content) {
            tenant.write(name, content);
            return this;
        }

        Fixture deleteTenantFile(String name) throws IOException {
            Files.delete(tenant.path().resolve(name));
            return this;
        }

        Fixture editTenantFile(String name, String from, String to) throws IOException {
            Path file = tenant.path().resolve(name);
            String text = Files.readString(file);
            assertThat(text).contains(from);
            Files.writeString(file, text.replace(from, to));
            return this;
        }

        /** The example's state in the samples: acme and initech up to date, globex one behind, hooli new. */
        Fixture globexBehindHooliNew() {
            tenants("acme", "globex", "initech").up();
            Result down = CommandLine.run("db-down", "--to", "20240101000200", "--tenant", "globex", config(null, List.of()));
            assertThat(down.status()).as(down.err()).isZero();
            return tenants("hooli");
        }

        /** Writes config.yml as the example's, on this database, with the fixture's settings and {@code extra}. */
        private String config(String url, List<String> extra) {
            List<String> lines = new ArrayList<>(List.of(
                "server:",
                "  applicationConnectors: [{type: http, port: 0}]",
                "  adminConnectors: [{type: http, port: 0}]",
                "logging:",
                "  level: WARN",
                "  appenders: []",
                "database:",
                "  driverClass: org.postgresql.Driver",
                "  url: " + (url != null ? url : db.url()),
                "  user: " + db.user(),
                "  password: '" + db.password() + "'",
                "migrator:",
                "  migrations: " + main.location(),
                "  tenantMigrations: " + tenant.location(),
                "  tenantsQuery: \"SELECT slug FROM tenants ORDER BY slug\""));
            settings.forEach(line -> lines.add("  " + line));
            extra.forEach(line -> lines.add("  " + line));
            try {
                return Files.writeString(dir.resolve(CONFIG), String.join("\n", lines) + "\n").toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Runs one {@code $} line and returns what it printed, as the doc shows it. */
        List<String> run(Step step) {
            List<String> words = new ArrayList<>(step.words());
            String url = null;
            while (!words.isEmpty() && words.get(0).matches("[A-Z_]+=.*")) {
                String assignment = words.remove(0);
                if (!assignment.startsWith("DATABASE_URL=")) {
                    throw new AssertionError("unknown variable in " + step.command());
                }
                url = assignment.substring("DATABASE_URL=".length());
            }
            String program = words.remove(0);
            if (program.equals("psql")) {
                if (words.size() != 2 || !words.get(0).equals("-c")) {
                    throw new AssertionError("only psql -c \"SQL\" is supported: " + step.command());
                }
                sql(words.get(1));
                return List.of();
            }
            if (!program.equals("java")) {
                throw new AssertionError("unknown program in " + step.command());
            }
            List<String> extra = new ArrayList<>();
            while (words.get(0).startsWith("-Ddw.migrator.")) {
                String[] property = words.remove(0).substring("-Ddw.migrator.".length()).split("=", 2);
                extra.add(property[0] + ": " + property[1]);
            }
            if (!words.remove(0).equals("-jar") || !words.remove(0).equals("$J")) {
                throw new AssertionError("expected java -jar $J in " + step.command());
            }
            config(url, extra);
            String[] arguments = words.stream()
                .map(word -> Files.exists(dir.resolve(word)) ? dir.resolve(word).toString() : word)
                .toArray(String[]::new);
            Result result = CommandLine.run(arguments);
            if (!UPDATE) {
                assertThat(result.status()).as("exit status of %s%n%s%s", step.command(), result.out(), result.err())
                    .isEqualTo(step.expectedStatus());
            }
            String printed = normalise(result.out() + result.err());
            return printed.isEmpty() ? List.of() : printed.lines().map(String::stripTrailing).toList();
        }

        private String normalise(String text) {
            return text
                .replace(dir + "/", "")
                .replace(dir.toString(), ".")
                .replaceAll("\\(\\d+ ms\\)", "(<ms>)")
                .replaceAll("\"elapsedMillis\" : \\d+", "\"elapsedMillis\" : <ms>")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z?", "<time>")
                .replaceAll("migrator_verify_[0-9a-f]+", "migrator_verify_<random>");
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

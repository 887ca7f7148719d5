package dev.tenantmigrator.dropwizard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.TenantSource;
import dev.tenantmigrator.dropwizard.health.MigrationsHealthCheck;
import dev.tenantmigrator.support.CommandLine.Result;
import dev.tenantmigrator.support.CommandLine;
import dev.tenantmigrator.support.LocalWebhook;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A password in the database URL or in {@code database.password} appears in no command's stdout or
 * stderr, in none of the migrator's log lines, and not in the health check's message. Commands reset
 * logback from the YAML, so there the migrator's lines (DEBUG and up, stack traces included) are
 * captured the way an operator would get them: a file appender in the configuration; outside commands
 * a list appender on the root logger hears them.
 */
@ExtendWith(PostgresExtension.class)
class NoSecretInMessagesTest {

    private static final String SECRET = "s3cret";
    private static final List<List<String>> COMMANDS = List.of(List.of("db-up"), List.of("db-down", "--to", "0"),
        List.of("db-ensure-up"), List.of("db-status"), List.of("db-status", "--json"), List.of("db-repair"),
        List.of("db-mark-applied", "--version", "20240101000000"));

    @TempDir
    Path dir;
    private int runs;

    @Test
    void aPasswordInTheDatabaseUrlAppearsNowhere(TestDatabase db) throws IOException {
        MigrationProject project = MigrationProject.create(dir, db);
        for (String url : List.of(
            "jdbc:postgresql://127.0.0.1:1/notes?password=" + SECRET,
            "jdbc:postgresql://127.0.0.1:1/notes?user=bob&password=" + SECRET + "&ssl=false",
            // pgjdbc takes "bob:s3cret@127.0.0.1" for the host name and echoes it.
            "jdbc:postgresql://bob:" + SECRET + "@127.0.0.1:1/notes",
            // Without a port pgjdbc cannot parse the URL and quotes it whole.
            "jdbc:postgresql://bob:" + SECRET + "@127.0.0.1/notes")) {
            for (List<String> command : COMMANDS) {
                Result result = runLogged(project, db.url(), url, command);

                assertThat(result.status()).as(result.err()).isEqualTo(failureStatus(command));
            }
        }
    }

    @Test
    void theMessagesStillSayWhatIsWrongWithThePasswordMasked(TestDatabase db) throws IOException {
        MigrationProject project = MigrationProject.create(dir, db);

        Result userInfo = runLogged(project, db.url(), "jdbc:postgresql://bob:" + SECRET + "@127.0.0.1:1/notes", List.of("db-up"));
        Result unparsable = runLogged(project, db.url(), "jdbc:postgresql://bob:" + SECRET + "@127.0.0.1/notes", List.of("db-up"));

        // The bundle refuses such a URL before the driver or the pool can log it.
        String refused = "database.url names a user and password before the host, which PostgreSQL's JDBC driver cannot "
            + "read; give them as database.user and database.password.\n";
        assertThat(userInfo.err()).isEqualTo(refused);
        assertThat(unparsable.err()).isEqualTo(refused);
    }

    @Test
    void theConfiguredPasswordAppearsNowhere(TestDatabase db) throws IOException {
        MigrationProject project = MigrationProject.create(dir, db);
        String yaml = Files.readString(Path.of(project.config()));
        String password = "  password: '" + db.password() + "'";
        String unreachable = yaml.replace(db.url(), "jdbc:postgresql://127.0.0.1:1/notes").replace(password, "  password: " + SECRET);
        for (List<String> command : COMMANDS) {
            assertThat(runLogged(project, unreachable, command).status()).isEqualTo(failureStatus(command));
        }

        // A YAML error quotes the line it is on.
        Result malformed = runLogged(project, yaml.replace(password, "  password: '" + SECRET), List.of("db-up"));

        assertThat(malformed.err()).startsWith(dir.resolve("run-" + runs + ".yml") + " has an error: Malformed YAML");
    }

    /** The tenant list error reaches db-status --json, db-ensure-up, db-up and the log; a database error may quote the URL. */
    @Test
    void aTenantListErrorQuotingTheUrlIsMasked(TestDatabase db) throws Exception {
        MigrationProject project = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]");
        assertThat(CommandLine.run("db-up", project.config()).status()).isZero();
        String quoted = "jdbc:postgresql://bob:" + SECRET + "@db/notes?password=" + SECRET;
        String yaml = Files.readString(Path.of(project.config()))
            .replace("tenants: [tenant_a]", "tenantsQuery: \"SELECT '" + quoted + "'::int\"");

        Result json = runLogged(project, yaml, List.of("db-status", "--json"));
        Result ensureUp = runLogged(project, yaml, List.of("db-ensure-up"));
        Result up = runLogged(project, yaml, List.of("db-up"));

        String masked = "ERROR: invalid input syntax for type integer: \"jdbc:postgresql://bob:***@db/notes?password=***\"";
        assertThat(new ObjectMapper().readTree(json.out()).get("tenantListError").asText()).isEqualTo(masked);
        assertThat(ensureUp.err()).contains("TENANT LIST COULD NOT BE READ: " + masked);
        assertThat(up.err()).isEqualTo("The tenant list could not be read: " + masked + "\n");
    }

    /**
     * A failing tenant migration whose statements hold a password, dollar-quoted and in a connection
     * string: the run's stderr, its JSON, the log, the webhook's payload and the dry run (text and JSON)
     * show it masked. The statements run as one batch, whose driver exception quotes the failing one.
     */
    @Test
    void aPasswordInAFailingMigrationsStatementsAppearsNowhere(TestDatabase db) throws IOException {
        try (LocalWebhook webhook = LocalWebhook.answering()) {
            MigrationProject project = MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a]")
                .migratorSetting("exceptionHandler: {type: webhook, url: '" + webhook.url("/hooks") + "'}")
                .tenantMigration("20240104000000_app_login.sql", "CREATE TABLE logins (conninfo text);\n"
                    + "INSERT INTO logins VALUES ('host=db password=" + SECRET + "');\n"
                    + "ALTER ROLE no_such_role LOGIN PASSWORD $pw$" + SECRET + "$pw$;", "DROP TABLE logins;");
            String yaml = Files.readString(Path.of(project.config()));

            Result up = runLogged(project, yaml, List.of("db-up"));
            Result json = runLogged(project, yaml, List.of("db-up", "--json"));
            Result dryRun = runLogged(project, yaml, List.of("db-up", "--dry-run"));
            Result dryRunJson = runLogged(project, yaml, List.of("db-up", "--dry-run", "--json"));

            String failure = "statement 3 of 3 (line 4: ALTER ROLE no_such_role LOGIN PASSWORD $pw$***$pw$) failed: "
                + "ERROR: role \"no_such_role\" does not exist";
            assertThat(up.status()).isEqualTo(1);
            assertThat(up.err()).isEqualTo("20240104000000_app_login.sql failed during up of schema tenant_a (nothing of it "
                + "was kept): " + failure + "\n");
            assertThat(new ObjectMapper().readTree(json.out()).at("/schemas/1/error").asText()).isEqualTo(failure);
            assertThat(webhook.requests()).hasSize(2).allSatisfy(request -> assertThat(request.body())
                .doesNotContain(SECRET).contains("PASSWORD $pw$***$pw$"));
            assertThat(dryRun.out()).contains("    INSERT INTO logins VALUES ('host=db password=***');\n"
                + "    ALTER ROLE no_such_role LOGIN PASSWORD $pw$***$pw$;\n");
            assertThat(dryRunJson.out()).contains("ALTER ROLE no_such_role LOGIN PASSWORD $pw$***$pw$");
        }
    }

    /** Outside any command: the default failure handler's lines on the root logger, and the health check's message. */
    @Test
    void theDefaultHandlerAndTheHealthCheckMaskThePassword(TestDatabase db) {
        MigrationProject project = MigrationProject.create(dir, db);
        MigratorSettings settings = MigratorSettings.builder()
            .mainLocation("filesystem:" + project.mainMigrations())
            .tenantLocation("filesystem:" + project.tenantMigrations())
            .connectAttempts(1)
            .build();
        Migrator unreachable = new Migrator(Jdbi.create("jdbc:postgresql://bob:" + SECRET + "@127.0.0.1:1/notes"), settings);
        Migrator quoting = new Migrator(db.jdbi(), settings.toBuilder()
            .tenantSource(TenantSource.query("SELECT 'jdbc:postgresql://db/notes?password=" + SECRET + "'::int")).build());

        List<ILoggingEvent> logged = logged(() -> assertThatThrownBy(unreachable::up).isInstanceOf(MigratorException.class));
        HealthCheck.Result unreachableHealth = MigrationsHealthCheck.onEveryProbe(unreachable::probeStatus).execute();
        HealthCheck.Result quotingHealth = MigrationsHealthCheck.onEveryProbe(quoting::probeStatus).execute();

        assertThat(logged).extracting(ILoggingEvent::getLevel).containsExactly(Level.ERROR, Level.DEBUG);
        assertThat(logged).allSatisfy(event -> assertThat(text(event)).doesNotContain(SECRET).contains("bob:***@127.0.0.1"));
        assertThat(unreachableHealth.getMessage()).isEqualTo("Could not connect to the database after 1 attempt: unknown host "
            + "bob:***@127.0.0.1 (a PostgreSQL JDBC URL cannot carry the user and password before the host; pass them separately)");
        assertThat(quotingHealth.getMessage()).contains("TENANT LIST COULD NOT BE READ: ERROR: invalid input syntax for type "
            + "integer: \"jdbc:postgresql://db/notes?password=***\"").doesNotContain(SECRET);
    }

    /** The migrator's log events while {@code action} runs, at every level from DEBUG, from a list appender on the root logger. */
    private static List<ILoggingEvent> logged(Runnable action) {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger migrator = (Logger) LoggerFactory.getLogger("dev.tenantmigrator");
        Level level = migrator.getLevel();
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        root.addAppender(lines);
        migrator.setLevel(Level.DEBUG);
        try {
            action.run();
        } finally {
            root.detachAppender(lines);
            migrator.setLevel(level);
        }
        // The driver logs through java.util.logging, which Dropwizard's commands bridge to the root logger too.
        return lines.list.stream().filter(event -> event.getLoggerName().startsWith("dev.tenantmigrator")).toList();
    }

    /** An event as a log shows it: the message, then every exception in its chain with its message. */
    private static String text(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
            for (IThrowableProxy suppressed : t.getSuppressed()) {
                text.append("\nSuppressed: ").append(suppressed.getClassName()).append(": ").append(suppressed.getMessage());
            }
        }
        return text.toString();
    }

    /** Every command exits 1 on an unusable database, but db-ensure-up, whose 1 means "not up": it could not tell. */
    private static int failureStatus(List<String> command) {
        return command.get(0).equals("db-ensure-up") ? DbEnsureUpCommand.COULD_NOT_TELL : 1;
    }

    /** Runs a command on the project's config with {@code from} replaced by {@code to}; see {@link #runLogged(MigrationProject, String, List)}. */
    private Result runLogged(MigrationProject project, String from, String to, List<String> command) throws IOException {
        return runLogged(project, Files.readString(Path.of(project.config())).replace(from, to), command);
    }

    /**
     * Runs a command on {@code yaml} with every migrator log line written to a file, and checks that the
     * secret is in none of stdout, stderr and that file. A failed up, down or repair must have logged
     * its failure, stack trace included, so the check is not vacuous.
     */
    private Result runLogged(MigrationProject project, String yaml, List<String> command) throws IOException {
        runs++;
        Path log = dir.resolve("run-" + runs + ".log");
        String config = project.writeConfig("run-" + runs + ".yml", yaml.replace("  level: WARN\n  appenders: []",
            "  level: OFF\n  loggers:\n    dev.tenantmigrator: DEBUG\n"
                + "  appenders: [{type: file, currentLogFilename: " + log + ", archive: false, threshold: ALL}]"));

        Result result = CommandLine.run(Stream.concat(command.stream(), Stream.of(config)).toArray(String[]::new));
        drainLogs();

        String logged = Files.exists(log) ? Files.readString(log) : "";
        assertThat(result.out()).as("stdout of %s", command).doesNotContain(SECRET);
        assertThat(result.err()).as("stderr of %s", command).doesNotContain(SECRET);
        assertThat(logged).as("log of %s", command).doesNotContain(SECRET);
        if (result.status() != 0 && List.of("db-up", "db-down", "db-repair").contains(command.get(0))
            && !result.err().contains("has an error") && !result.err().startsWith("database.url names")) {
            assertThat(logged).as("log of %s", command).contains("Migration failed during").contains("Migration failure in detail");
        }
        return result;
    }

    /** Dropwizard logs through an asynchronous appender; stopping it writes out what it still holds. */
    private static void drainLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.iteratorForAppenders().forEachRemaining(Appender::stop);
    }
}

package dev.tenantmigrator.dropwizard.cli;

import static dev.tenantmigrator.support.MigrationProject.ADD_NOTE_TITLE;
import static dev.tenantmigrator.support.MigrationProject.CREATE_NOTES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantmigrator.support.Await;
import dev.tenantmigrator.support.ChildCommand;
import dev.tenantmigrator.support.CommandLine.Result;
import dev.tenantmigrator.support.CommandLine;
import dev.tenantmigrator.support.MigrationGate;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.support.ServerSessions;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM, as Kubernetes sends it, to a {@code db-up} running in a process of its own. */
@ExtendWith(PostgresExtension.class)
class StopOnSignalTest {

    private static final String GATED = "20240104000000_gated.sql";

    @TempDir
    Path dir;

    /** A project whose last tenant migration creates a table and then waits at the gate, in one transaction. */
    private MigrationProject project(TestDatabase db, String... settings) {
        MigrationProject project = MigrationProject.create(dir, db)
            .tenantMigration(GATED, "CREATE TABLE gated (id int);\n" + MigrationGate.PASS, "DROP TABLE gated;")
            .migratorSetting("concurrency: 1");
        for (String setting : settings) {
            project.migratorSetting(setting);
        }
        return project;
    }

    /** Starts the command in a child JVM, its log on stderr. */
    private Process start(MigrationProject project, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(arguments));
        command.add(project.configReplacing("child.yml", "  appenders: []", "  appenders: [{type: console, target: stderr}]"));
        return ChildCommand.of(command).redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile()).start();
    }

    @Test
    void theSchemaInFlightFinishesInTheGracePeriodNoOtherStartsAndTheReportIsPrintedBeforeExit143(TestDatabase db)
        throws Exception {
        MigrationProject project = project(db, "tenants: [t_1, t_2, t_3]");
        Process child = start(project, "db-up");
        try (MigrationGate gate = MigrationGate.shut(db)) {
            gate.awaitWaiting(1);

            child.destroy();
            // The child's own word that it heard the signal.
            Await.until("the child saying it stops", () -> stderr().contains("Stopping: no schema starts from now on"));
            gate.open();

            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        assertThat(child.exitValue()).isEqualTo(StopOnSignal.STOPPED_BY_SIGTERM);
        assertThat(Files.readString(dir.resolve("out.txt")))
            .isEqualTo("4 schemas, stopped before the end: 2 migrated (4 migrations), 0 already up to date, 2 not attempted.\n");
        assertThat(db.schemas()).as("no schema started after the signal").containsExactly("public", "t_1");
        assertThat(db.tables("t_1")).contains("gated");
        assertThat(ServerSessions.advisoryLocks(db)).isZero();

        Result rerun = CommandLine.run("db-up", project.config());

        assertThat(rerun.status()).as(rerun.err()).isZero();
        assertThat(rerun.out()).isEqualTo("4 schemas: 2 migrated (6 migrations), 2 already up to date.\n");
    }

    @Test
    void afterAShortGraceTheMigrationIsCancelledOnTheServerAndRolledBackAndTheJsonReportNamesIt(TestDatabase db)
        throws Exception {
        MigrationProject project = project(db, "tenants: [t_1, t_2]", "shutdownGrace: 1s");
        Process child = start(project, "db-up", "--json");
        try (MigrationGate gate = MigrationGate.shut(db)) {
            gate.awaitWaiting(1);

            child.destroy();

            // The gate stays shut: only the cancel ends the migration's wait.
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(gate.waiting()).isZero();
        } finally {
            child.destroyForcibly();
        }

        assertThat(child.exitValue()).isEqualTo(StopOnSignal.STOPPED_BY_SIGTERM);
        JsonNode report = new ObjectMapper().readTree(dir.resolve("out.txt").toFile());
        assertThat(report.get("stopped").asBoolean()).isTrue();
        assertThat(report.get("succeeded").asBoolean()).isFalse();
        String cancelled = "cancelled when the shutdown grace period ended; its transaction was rolled back";
        assertThat(report.get("summary").asText()).isEqualTo("3 schemas, stopped before the end: 1 migrated (1 migration), "
            + "0 already up to date, 1 not attempted, 1 interrupted: t_1 (" + GATED + ": " + cancelled + "); the interrupted "
            + "schemas kept 2 migrations applied before the stop.");
        assertThat(report.get("counts").get("interrupted").asInt()).isEqualTo(1);
        assertThat(report.get("counts").get("notAttempted").asInt()).isEqualTo(1);
        JsonNode t1 = report.get("schemas").get(1);
        assertThat(t1.get("outcome").asText()).isEqualTo("interrupted");
        assertThat(t1.get("failedMigration").asText()).isEqualTo(GATED);
        assertThat(t1.get("error").asText()).isEqualTo(cancelled);
        assertThat(t1.get("migrations")).extracting(JsonNode::asText).containsExactly(CREATE_NOTES, ADD_NOTE_TITLE);
        assertThat(report.get("schemas").get(2).get("outcome").asText()).isEqualTo("not_attempted");
        assertThat(db.versions("t_1")).containsExactly(20240102000000L, 20240103000000L);
        assertThat(db.tables("t_1")).doesNotContain("gated");
        assertThat(db.schemas()).containsExactly("public", "t_1");
        assertThat(ServerSessions.advisoryLocks(db)).isZero();

        Result rerun = CommandLine.run("db-up", project.config());

        assertThat(rerun.status()).as(rerun.err()).isZero();
        assertThat(db.versions("t_1")).containsExactly(20240102000000L, 20240103000000L, 20240104000000L);
    }

    private String stderr() {
        try {
            return Files.readString(dir.resolve("err.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

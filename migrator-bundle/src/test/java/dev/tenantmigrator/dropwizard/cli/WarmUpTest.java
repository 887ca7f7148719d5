package dev.tenantmigrator.dropwizard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.support.ChildCommand;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrator's classes are loaded ahead, on a thread of their own, only by its own commands: Dropwizard's {@code
 * check} (as {@code server} or any command of the application) loads none of jOOQ, which the warm-up would load.
 * Read from the JVM's own log of class loading, with the thread that loaded each class.
 */
@ExtendWith(PostgresExtension.class)
class WarmUpTest {

    @TempDir
    Path dir;

    @Test
    void dropwizardsCheckLoadsNoClassOfJooq(TestDatabase db) throws Exception {
        List<Loaded> loaded = classesLoaded(db, "check");

        assertThat(loaded).extracting(Loaded::name).contains("io.dropwizard.core.cli.CheckCommand")
            .noneMatch(name -> name.startsWith("org.jooq."));
    }

    @Test
    void aMigratorCommandLoadsJooqOnAThreadOfItsOwnWhileDropwizardReadsTheConfiguration(TestDatabase db) throws Exception {
        List<Loaded> loaded = classesLoaded(db, "db-status");

        String main = loaded.stream().filter(one -> one.name().equals(ChildCommand.class.getName())).findFirst()
            .orElseThrow().thread();
        Loaded firstOfJooq = loaded.stream().filter(one -> one.name().startsWith("org.jooq.")).findFirst().orElseThrow();
        assertThat(firstOfJooq.thread()).as("the thread that loaded " + firstOfJooq.name()).isNotEqualTo(main);
    }

    /** A class the JVM loaded, and the id of the thread that loaded it. */
    private record Loaded(String thread, String name) {
    }

    private List<Loaded> classesLoaded(TestDatabase db, String command) throws Exception {
        String config = MigrationProject.create(dir, db).config();
        Path log = dir.resolve("classes.log");
        ProcessBuilder child = ChildCommand.of(List.of(command, config))
            .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        child.environment().put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log + ":tid");
        Process process = child.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the command ended").isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        // Each line: [<thread id>] <class name> source: ...
        return Files.readAllLines(log).stream().filter(line -> line.startsWith("["))
            .map(line -> new Loaded(line.substring(1, line.indexOf(']')).trim(), line.substring(line.indexOf(']') + 1).trim().split(" ")[0]))
            .toList();
    }
}

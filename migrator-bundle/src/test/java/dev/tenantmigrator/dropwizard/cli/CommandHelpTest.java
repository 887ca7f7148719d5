package dev.tenantmigrator.dropwizard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantmigrator.support.ChildCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each command's whole {@code --help}, as Dropwizard's own command tests pin theirs: a changed option,
 * description or default shows up here first.
 */
class CommandHelpTest {

    @TempDir
    Path dir;

    /**
     * Runs {@code java ... <command> --help} in a child JVM. argparse4j wraps the text at the terminal's width,
     * which it reads from COLUMNS (else from stty): the child gets COLUMNS=80, so it wraps at 75 on every machine.
     */
    private void assertHelp(String command, String expected) throws Exception {
        ProcessBuilder help = ChildCommand.of(List.of(command, "--help"))
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile());
        help.environment().put("COLUMNS", "80");
        Process child = help.start();
        try {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child exited").isTrue();
        } finally {
            child.destroyForcibly();
        }

        assertThat(child.exitValue()).isZero();
        assertThat(Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8)).isEmpty();
        assertThat(Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void dbUp() throws Exception {
        assertHelp("db-up", """
            usage: java -jar project.jar db-up [--concurrency N] [--continue-on-error]
                                         [--dry-run] [--json] [--tenant NAME]
                                         [--tenants-from FILE] [-h] [file]

            Apply pending migrations to the  main  schema,  then to every tenant schema
            (or the named ones).

            positional arguments:
              file                   application configuration file

            named arguments:
              --concurrency N        migrate N tenant  schemas  at  once  (default: the
                                     YAML's concurrency)
              --continue-on-error    go on  with  the  other  schemas  after  one fails
                                     (overrides the  YAML's  continueOnError) (default:
                                     false)
              --dry-run              print what would be done  in each schema, with the
                                     SQL, and change nothing (default: false)
              --json                 print the run  report  (with  --dry-run: the plan)
                                     as JSON instead of text (default: false)
              --tenant NAME          migrate only this  tenant  after  the main schema;
                                     repeat for several
              --tenants-from FILE    as --tenant, for each  name  in  FILE,  one a line
                                     (blank  lines  and  lines   starting  with  #  are
                                     skipped; - reads standard input)
              -h, --help             show this help message and exit
            """);
    }

    @Test
    void dbDown() throws Exception {
        assertHelp("db-down", """
            usage: java -jar project.jar db-down [--concurrency N]
                                         [--continue-on-error] [--dry-run] [--json]
                                         --to VERSION [--tenant NAME]
                                         [--tenants-from FILE] [-h] [file]

            Roll back every migration with a version  of at least --to, in every tenant
            schema (or the named ones) and then the main schema.

            positional arguments:
              file                   application configuration file

            named arguments:
              --concurrency N        migrate N tenant  schemas  at  once  (default: the
                                     YAML's concurrency)
              --continue-on-error    go on  with  the  other  schemas  after  one fails
                                     (overrides the  YAML's  continueOnError) (default:
                                     false)
              --dry-run              print what would be done  in each schema, with the
                                     SQL, and change nothing (default: false)
              --json                 print the run  report  (with  --dry-run: the plan)
                                     as JSON instead of text (default: false)
              --to VERSION           the oldest version to roll back (inclusive)
              --tenant NAME          roll back only  this  tenant  and  leave  the main
                                     schema alone; repeat for several
              --tenants-from FILE    as --tenant, for each  name  in  FILE,  one a line
                                     (blank  lines  and  lines   starting  with  #  are
                                     skipped; - reads standard input)
              -h, --help             show this help message and exit
            """);
    }

    @Test
    void dbEnsureUp() throws Exception {
        assertHelp("db-ensure-up", """
            usage: java -jar project.jar db-ensure-up [--tenant NAME]
                                         [--tenants-from FILE] [-h] [file]

            Fail (exit status 1)  listing  every  pending  migration and missing tenant
            schema; exit status 2 when it cannot tell.

            positional arguments:
              file                   application configuration file

            named arguments:
              --tenant NAME          check  only  the  main  schema  and  this  tenant;
                                     repeat for several
              --tenants-from FILE    as --tenant, for each  name  in  FILE,  one a line
                                     (blank  lines  and  lines   starting  with  #  are
                                     skipped; - reads standard input)
              -h, --help             show this help message and exit
            """);
    }

    @Test
    void dbStatus() throws Exception {
        assertHelp("db-status", """
            usage: java -jar project.jar db-status [--all] [--json] [--tenant NAME]
                                         [--tenants-from FILE] [-h] [file]

            Show which schemas are not up  to  date  and  what each lacks (--all: every
            schema), in the main schema and every tenant schema (or the named ones).

            positional arguments:
              file                   application configuration file

            named arguments:
              --all                  print every schema  in  the  table, the up-to-date
                                     ones too (default: false)
              --json                 print  JSON  for  scripts   instead   of  a  table
                                     (default: false)
              --tenant NAME          report only  the  main  schema  and  this  tenant;
                                     repeat for several
              --tenants-from FILE    as --tenant, for each  name  in  FILE,  one a line
                                     (blank  lines  and  lines   starting  with  #  are
                                     skipped; - reads standard input)
              -h, --help             show this help message and exit
            """);
    }

    @Test
    void dbRepair() throws Exception {
        assertHelp("db-repair", """
            usage: java -jar project.jar db-repair [--tenant NAME]
                                         [--tenants-from FILE] [-h] [file]

            Re-record the checksums of applied migrations  from their files as they are
            now and clear  recorded  failures,  in  the  main  schema  and every tenant
            schema (or the named ones).

            positional arguments:
              file                   application configuration file

            named arguments:
              --tenant NAME          repair only this tenant; repeat for several
              --tenants-from FILE    as --tenant, for each  name  in  FILE,  one a line
                                     (blank  lines  and  lines   starting  with  #  are
                                     skipped; - reads standard input)
              -h, --help             show this help message and exit
            """);
    }

    @Test
    void dbMarkApplied() throws Exception {
        assertHelp("db-mark-applied", """
            usage: java -jar project.jar db-mark-applied --version VERSION
                                         [--tenant NAME] [--tenants-from FILE] [-h]
                                         [file]

            Record a migration as applied without  running  it,  in the main schema and
            every tenant schema whose set has it (or the named tenants).

            positional arguments:
              file                   application configuration file

            named arguments:
              --version VERSION      the version of the migration to record as applied
              --tenant NAME          record it only in this tenant; repeat for several
              --tenants-from FILE    as --tenant, for each  name  in  FILE,  one a line
                                     (blank  lines  and  lines   starting  with  #  are
                                     skipped; - reads standard input)
              -h, --help             show this help message and exit
            """);
    }

    @Test
    void dbVerify() throws Exception {
        assertHelp("db-verify", """
            usage: java -jar project.jar db-verify [--main-in-scratch-database] [-h]
                                         [file]

            Check that every migration's down undoes  its  up, in a scratch schema that
            is dropped afterwards.

            positional arguments:
              file                   application configuration file

            named arguments:
              --main-in-scratch-database
                                     check  the  main  migrations  too,  in  a  scratch
                                     database  created  and   dropped   for  it  (needs
                                     CREATEDB) (default: false)
              -h, --help             show this help message and exit
            """);
    }
}

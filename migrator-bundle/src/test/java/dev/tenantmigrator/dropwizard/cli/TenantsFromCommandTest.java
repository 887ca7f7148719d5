package dev.tenantmigrator.dropwizard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenantmigrator.Excerpt;
import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.support.CommandLine.Result;
import dev.tenantmigrator.support.CommandLine;
import dev.tenantmigrator.support.MigrationProject;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code --tenants-from FILE}: a canary list, checked line by line before anything changes. */
@ExtendWith(PostgresExtension.class)
class TenantsFromCommandTest {

    @TempDir
    Path dir;

    private String config(TestDatabase db) {
        return MigrationProject.create(dir, db).migratorSetting("tenants: [tenant_a, tenant_b, tenant_c, tenant_d]").config();
    }

    private String file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content).toString();
    }

    @Test
    void upMigratesTheMainSchemaAndOnlyTheListedTenants(TestDatabase db) throws IOException {
        String config = config(db);
        String canaries = file("canaries.txt", "# first wave\ntenant_b\n\n  tenant_d  \n#tenant_a\n");

        Result result = CommandLine.run("db-up", "--tenants-from", canaries, config);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("3 schemas: 3 migrated (5 migrations), 0 already up to date.\n");
        assertThat(db.schemas()).containsExactly("public", "tenant_b", "tenant_d");
    }

    @Test
    void aBadlyNamedEntryFailsNamingTheFileAndLineBeforeAnythingChanges(TestDatabase db) throws IOException {
        String config = config(db);
        String canaries = file("canaries.txt", "tenant_a\n# comment\nBad\ntenant_b\n");
        List<String> before = CatalogSnapshot.of(db);

        Result result = CommandLine.run("db-up", "--tenants-from", canaries, config);

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).isEqualTo(canaries + " line 3: Tenant name 'Bad' is not allowed: it must match "
            + "[a-z_][a-z0-9_]*.\n");
        assertThat(result.out()).isEmpty();
        assertThat(CatalogSnapshot.of(db)).as("not even the main schema was migrated").isEqualTo(before);
    }

    @Test
    void anUnknownTenantFailsNamingTheFileAndLineBeforeAnythingChanges(TestDatabase db) throws IOException {
        String config = config(db);
        assertThat(CommandLine.run("db-up", "--tenant", "tenant_a", config).status()).isZero();
        String canaries = file("canaries.txt", "tenant_a\ntenant_b\n\nnobody\n");
        List<String> before = CatalogSnapshot.of(db);

        Result down = CommandLine.run("db-down", "--to", "0", "--tenants-from", canaries, config);

        assertThat(down.status()).isEqualTo(1);
        assertThat(down.err()).isEqualTo(canaries + " line 4: Tenant 'nobody' is not a known tenant; known tenants "
            + "come from the tenant source.\n");
        assertThat(CatalogSnapshot.of(db)).isEqualTo(before);
    }

    @Test
    void aMissingOrEmptyFileIsOneSentenceNamingIt(TestDatabase db) throws IOException {
        String config = config(db);
        String missing = dir.resolve("absent.txt").toString();
        String empty = file("empty.txt", "# nobody yet\n\n");

        Result absent = CommandLine.run("db-up", "--tenants-from", missing, config);
        Result none = CommandLine.run("db-up", "--tenants-from", empty, config);

        assertThat(absent.status()).isEqualTo(1);
        assertThat(absent.err()).isEqualTo("Tenants file " + missing + " does not exist.\n");
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.err()).isEqualTo("Tenants file " + empty + " names no tenant; give at least one name, one a line.\n");
        assertThat(db.schemas()).containsExactly("public");
        assertThat(db.tables("public")).isEmpty();
    }

    /**
     * A binary file, its third line NULs, escape sequences and 500 more bytes: one sentence naming the
     * line, with at most 80 characters of it, escaped.
     */
    @Test
    void aBinaryFileIsNamedByItsLineWithABoundedEscapedQuote(TestDatabase db) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("tenant_a\n# canaries\n\u0000\u0001\u001b[2J\u007f".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("x".repeat(500).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("\u0000\ntenant_b\n".getBytes(StandardCharsets.UTF_8));
        String binary = Files.write(dir.resolve("binary.dat"), bytes.toByteArray()).toString();

        assertThat(refusedUp(db, binary)).isEqualTo(binary + " line 3: Tenant name '\\u0000\\u0001\\u001B[2J\\u007F"
            + "x".repeat(50) + "...' (508 characters) is not allowed: it must match [a-z_][a-z0-9_]*.\n");
    }

    @Test
    void aFileThatIsNotUtf8IsNamedWithTheLine(TestDatabase db) throws IOException {
        String latin1 = Files.write(dir.resolve("latin1.txt"), "tenant_a\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1))
            .toString();

        assertThat(refusedUp(db, latin1)).isEqualTo("Tenants file " + latin1 + " is not UTF-8: line 2 holds the byte 0xE9, "
            + "which UTF-8 does not allow there; save the file as UTF-8.\n");
    }

    /** The environment is one line of NUL-separated settings: at most 80 characters of it are shown. */
    @Test
    void theEnvironmentOfAProcessIsQuotedCutShort(TestDatabase db) {
        assumeTrue(Files.isReadable(Path.of("/proc/self/environ")), "a Linux /proc");

        String err = refusedUp(db, "/proc/self/environ");

        assertThat(err).startsWith("/proc/self/environ line 1: Tenant name '").hasLineCount(1)
            .endsWith(" is not allowed: it must match [a-z_][a-z0-9_]*.\n");
        assertThat(err.length()).isLessThan(("/proc/self/environ line 1: Tenant name '...' (1000000 characters) is "
            + "not allowed: it must match [a-z_][a-z0-9_]*.\n").length() + Excerpt.MAX);
    }

    /** A device that never ends is refused once it has given more than any list of tenants could hold. */
    @Test
    void aFileWithoutEndIsRefusedAsTooLarge(TestDatabase db) {
        assumeTrue(Files.isReadable(Path.of("/dev/zero")), "a /dev/zero");

        assertThat(refusedUp(db, "/dev/zero")).isEqualTo("Tenants file /dev/zero is larger than 64 MB; a tenants file names "
            + "tenants, one a line.\n");
    }

    /** Runs db-up with {@code --tenants-from file} and returns its stderr, having checked it refused: status 1, no stdout, no change. */
    private String refusedUp(TestDatabase db, String file) {
        String config = config(db);
        List<String> before = CatalogSnapshot.of(db);

        Result result = CommandLine.run("db-up", "--tenants-from", file, config);

        assertThat(result.status()).as(result.err()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(CatalogSnapshot.of(db)).isEqualTo(before);
        return result.err();
    }

    @Test
    void aDashReadsStandardInput(TestDatabase db) {
        String config = config(db);
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream("tenant_c\n".getBytes(StandardCharsets.UTF_8)));
        Result result;
        try {
            result = CommandLine.run("db-up", "--tenants-from", "-", config);
        } finally {
            System.setIn(stdin);
        }

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(db.schemas()).containsExactly("public", "tenant_c");
        assertThatThrownBy(() -> TenantsFile.read("-", new ByteArrayInputStream("\n".getBytes(StandardCharsets.UTF_8))))
            .isInstanceOf(MigratorException.class).hasMessage("Tenants file stdin names no tenant; give at least one name, "
                + "one a line.");
    }

    @Test
    void repairMarkAppliedAndDownTouchOnlyTheListedTenants(TestDatabase db) throws IOException {
        String config = config(db);
        assertThat(CommandLine.run("db-up", config).status()).isZero();
        String canaries = file("canaries.txt", "tenant_a\ntenant_c\n");

        Result down = CommandLine.run("db-down", "--to", "20240103000000", "--tenants-from", canaries, config);
        Result markApplied = CommandLine.run("db-mark-applied", "--version", "20240103000000", "--tenant", "tenant_b",
            "--tenants-from", canaries, config);
        Result repair = CommandLine.run("db-repair", "--tenants-from", canaries, config);

        assertThat(down.status()).as(down.err()).isZero();
        assertThat(down.out()).isEqualTo("2 schemas: 2 rolled back (2 migrations), 0 with nothing to roll back.\n");
        assertThat(db.columns("tenant_a", "notes")).containsExactly("id", "body");
        assertThat(db.columns("tenant_b", "notes")).containsExactly("id", "body", "title");
        assertThat(markApplied.status()).as(markApplied.err()).isZero();
        assertThat(markApplied.out()).endsWith("in 3 schemas.\n");
        assertThat(db.versions("tenant_a")).containsExactly(20240102000000L, 20240103000000L);
        assertThat(repair.status()).as(repair.err()).isZero();
        assertThat(repair.out()).isEqualTo("Nothing to change in 2 schemas.\n");
    }

    @Test
    void statusAndEnsureUpReportTheMainSchemaAndTheListedTenantsOnly(TestDatabase db) throws IOException {
        String config = config(db);
        assertThat(CommandLine.run("db-up", "--tenant", "tenant_a", config).status()).isZero();
        String canaries = file("canaries.txt", "tenant_a\n");

        Result status = CommandLine.run("db-status", "--all", "--tenants-from", canaries, config);
        Result ensureUp = CommandLine.run("db-ensure-up", "--tenants-from", canaries, config);
        Result ensureUpAll = CommandLine.run("db-ensure-up", config);

        assertThat(status.status()).as(status.err()).isZero();
        assertThat(status.out()).isEqualTo("""
            SCHEMA    KIND    STATE       APPLIED  PENDING
            public    main    up to date        1        0
            tenant_a  tenant  up to date        2        0

            2 schemas: 2 up to date, 0 with pending migrations, 0 missing. Migrations are up.
            """);
        assertThat(ensureUp.status()).as(ensureUp.err()).isZero();
        assertThat(ensureUp.out()).isEqualTo("Migrations are up.\n");
        assertThat(ensureUpAll.status()).isEqualTo(1);
    }
}

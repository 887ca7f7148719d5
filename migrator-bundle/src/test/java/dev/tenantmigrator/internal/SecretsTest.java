package dev.tenantmigrator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void masksPasswordsInUrlsKeyValueListsAndYaml() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("jdbc:postgresql://db/app?password=s3cret", "jdbc:postgresql://db/app?password=***");
        cases.put("jdbc:postgresql://db/app?user=bob&password=s3cret&ssl=true", "jdbc:postgresql://db/app?user=bob&password=***&ssl=true");
        cases.put("jdbc:postgresql://db/app?sslpassword=s3cret", "jdbc:postgresql://db/app?sslpassword=***");
        cases.put("Unable to parse URL jdbc:postgresql://bob:s3cret@db/app", "Unable to parse URL jdbc:postgresql://bob:***@db/app");
        cases.put("bob:s3cret@127.0.0.1", "bob:***@127.0.0.1");
        cases.put("jdbc:postgresql://bob:p@ss@db:5432/app", "jdbc:postgresql://bob:***@db:5432/app");
        cases.put("invalid input syntax for type integer: \"x?password=s3cret\"", "invalid input syntax for type integer: \"x?password=***\"");
        cases.put("host=db password='my s3cret' dbname=app", "host=db password=*** dbname=app");
        cases.put("PGPASSWORD=s3cret psql", "PGPASSWORD=*** psql");
        cases.put("      password: 's3cret", "      password: ***");
        cases.put("  database.password: my s3cret phrase", "  database.password: ***");
        cases.put("{\"password\": \"s3cret\"}", "{\"password\": ***");
        cases.put("statement 1 of 2 (line 2: ALTER ROLE app PASSWORD 's3c''ret') failed: ERROR: role \"app\" does not exist",
            "statement 1 of 2 (line 2: ALTER ROLE app PASSWORD '***') failed: ERROR: role \"app\" does not exist");
        cases.put("line 2: CREATE ROLE app LOGIN ENCRYPTED PASSWORD 's3cret-cut-at-eighty-chara...",
            "line 2: CREATE ROLE app LOGIN ENCRYPTED PASSWORD '***'");
        assertMasked(cases);
    }

    /** Every string constant PostgreSQL takes after PASSWORD, each masked in its own form. */
    @Test
    void masksASqlPasswordInEveryLiteralForm() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("ALTER ROLE app PASSWORD $$s3cret$$", "ALTER ROLE app PASSWORD $$***$$");
        cases.put("ALTER ROLE app PASSWORD $pw$s3c$$ret$pw$ LOGIN", "ALTER ROLE app PASSWORD $pw$***$pw$ LOGIN");
        cases.put("ALTER ROLE app PASSWORD $$s3c\nret$$;\nSELECT 1", "ALTER ROLE app PASSWORD $$***$$;\nSELECT 1");
        cases.put("line 2: ALTER ROLE app PASSWORD $$s3cret-cut-at-eighty-chara...", "line 2: ALTER ROLE app PASSWORD $$***$$");
        cases.put("CREATE ROLE app ENCRYPTED PASSWORD E's3c\\'ret\\\\' LOGIN", "CREATE ROLE app ENCRYPTED PASSWORD E'***' LOGIN");
        cases.put("create role app password e's3cret'", "create role app password e'***'");
        cases.put("ALTER ROLE app PASSWORD U&'s3\\0063ret' UESCAPE '!'", "ALTER ROLE app PASSWORD U&'***' UESCAPE '!'");
        cases.put("ALTER ROLE app PASSWORD 's3c''ret' VALID UNTIL 'infinity'", "ALTER ROLE app PASSWORD '***' VALID UNTIL 'infinity'");
        cases.put("ALTER ROLE app PASSWORD 's3c'\n  'ret' VALID UNTIL 'infinity'", "ALTER ROLE app PASSWORD '***' VALID UNTIL 'infinity'");
        cases.put("CREATE USER MAPPING FOR app SERVER remote OPTIONS (user 'app', password $$s3cret$$)",
            "CREATE USER MAPPING FOR app SERVER remote OPTIONS (user 'app', password $$***$$)");
        cases.put("CREATE USER MAPPING FOR app SERVER remote OPTIONS (\"user\" 'app', \"password\" 's3cret')",
            "CREATE USER MAPPING FOR app SERVER remote OPTIONS (\"user\" 'app', \"password\" '***')");
        assertMasked(cases);
    }

    @Test
    void masksThePasswordOfAConnectionStringInSql() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("SELECT dblink_connect('host=db dbname=app password=s3cret')", "SELECT dblink_connect('host=db dbname=app password=***')");
        cases.put("SELECT dblink_connect('host=db password=''my s3cret'' dbname=app')",
            "SELECT dblink_connect('host=db password=*** dbname=app')");
        cases.put("SELECT * FROM dblink('dbname=app password = s3cret', 'SELECT 1') AS t(i int)",
            "SELECT * FROM dblink('dbname=app password = ***', 'SELECT 1') AS t(i int)");
        cases.put("SELECT dblink_connect('postgresql://app:s3cret@db/app')", "SELECT dblink_connect('postgresql://app:***@db/app')");
        cases.put("SELECT dblink_connect('postgres://db/app?user=app&password=s3cret')",
            "SELECT dblink_connect('postgres://db/app?user=app&password=***')");
        assertMasked(cases);
    }

    @Test
    void leavesOrdinaryMessagesAlone() {
        for (String message : List.of(
            "FATAL: password authentication failed for user \"bob\"",
            "ERROR: column \"password\" does not exist",
            "Could not connect to the database after 1 attempt: Connection refused",
            "20240101000000_add_password_reset.sql failed during up of schema acme: ERROR: division by zero",
            "Migrations not up!\n20240102000000_create_notes.sql (tenant: acme)",
            "ALTER ROLE app PASSWORD NULL",
            "ALTER TABLE users ADD COLUMN password text NOT NULL DEFAULT ''",
            "CREATE FUNCTION one() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$",
            "SELECT password FROM users WHERE id = $1")) {
            assertThat(Secrets.redact(message)).isEqualTo(message);
        }
        assertThat(Secrets.redact(null)).isNull();
    }

    @Test
    void aMaskedFailureKeepsTheChainAndTheFramesButNoPassword() {
        IllegalStateException cause = new IllegalStateException("Unable to parse URL jdbc:postgresql://bob:s3cret@db/app");
        RuntimeException failure = new RuntimeException("Could not use the database?password=s3cret", cause);
        failure.addSuppressed(new IllegalArgumentException("pwd=s3cret"));

        MaskedFailure masked = MaskedFailure.of(failure);

        assertThat(masked).hasMessage("java.lang.RuntimeException: Could not use the database?password=***");
        assertThat(masked.getStackTrace()).isEqualTo(failure.getStackTrace());
        assertThat(masked.getCause()).hasMessage("java.lang.IllegalStateException: Unable to parse URL jdbc:postgresql://bob:***@db/app");
        assertThat(masked.getSuppressed()).singleElement().hasToString("java.lang.IllegalArgumentException: pwd=***");
    }

    /** Each key, masked, reads as its value. */
    private static void assertMasked(Map<String, String> cases) {
        for (Map.Entry<String, String> example : cases.entrySet()) {
            assertThat(Secrets.redact(example.getKey())).as(example.getKey()).isEqualTo(example.getValue());
        }
    }
}

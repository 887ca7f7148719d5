package dev.tenantmigrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void aHandlerOfYourOwnMasksWhatTheBundledOnesMask() {
        assertThat(Redaction.mask("Connection to jdbc:postgresql://db/notes?user=app&password=s3cret refused"))
            .isEqualTo("Connection to jdbc:postgresql://db/notes?user=app&password=*** refused");
        assertThat(Redaction.mask("ALTER ROLE app PASSWORD $pw$s3cret$pw$")).doesNotContain("s3cret");
        assertThat(Redaction.mask(null)).isNull();
    }

    @Test
    void aStackTraceToLogKeepsItsFramesAndCausesWithEveryMessageMasked() {
        SQLException cause = new SQLException("FATAL: password=s3cret rejected");
        MigrationFailedException failure = new MigrationFailedException("up failed: user:s3cret@db",
            MigrationFailure.general(Operation.UP), cause);

        RuntimeException masked = Redaction.masked(failure);

        assertThat(masked.getStackTrace()).isEqualTo(failure.getStackTrace());
        assertThat(masked.getMessage()).startsWith(MigrationFailedException.class.getName()).doesNotContain("s3cret");
        assertThat(masked.getCause().getMessage()).startsWith("java.sql.SQLException: ").doesNotContain("s3cret");
    }
}

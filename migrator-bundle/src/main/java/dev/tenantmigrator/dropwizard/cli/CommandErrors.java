package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.internal.Failures;
import io.dropwizard.configuration.ConfigurationException;
import java.util.stream.Collectors;

/** Turns what made a command fail into the text a user reads on stderr, without a stack trace. */
final class CommandErrors {
    private CommandErrors() {
    }

    /**
     * The message of a {@link MigratorException} as it is (for {@code db-ensure-up} that is the
     * heading and one line per pending item); a configuration error as one sentence naming the file
     * and settings; anything else as its innermost cause.
     */
    static String message(Throwable error) {
        if (error instanceof MigratorException) {
            return error.getMessage();
        }
        if (error instanceof ConfigurationException config) {
            return configurationMessage(config);
        }
        // Unexpected failures keep their type: "Conversion = '-'" alone would tell nobody anything.
        return "Failed with " + error.getClass().getSimpleName() + ": " + Failures.rootMessage(error);
    }

    /** e.g. {@code config.yml has an error: migrator.connectAttempts must be greater than or equal to 1.} */
    private static String configurationMessage(ConfigurationException error) {
        String heading = error.getMessage().lines().findFirst().orElse("The configuration has an error").strip();
        // Each error's first line names the setting; Jackson's "did you mean" lists that follow are noise here.
        String errors = error.getErrors().stream()
            .map(text -> text.lines().findFirst().orElse(text).strip())
            .collect(Collectors.joining("; "));
        String sentence = heading.replaceAll(":$", "") + ": " + errors;
        return sentence.endsWith(".") ? sentence : sentence + ".";
    }
}

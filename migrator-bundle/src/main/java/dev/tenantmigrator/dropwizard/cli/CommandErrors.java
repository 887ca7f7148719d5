package dev.tenantmigrator.dropwizard.cli;

import dev.tenantmigrator.MigratorException;
import dev.tenantmigrator.internal.Failures;
import dev.tenantmigrator.internal.Secrets;
import io.dropwizard.configuration.ConfigurationException;
import java.io.FileNotFoundException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns what made a command fail into the text a user reads on stderr, without a stack trace and
 * with any password masked (see {@link Secrets}).
 */
final class CommandErrors {

    /** Dropwizard's words for a configuration file that is not there. */
    private static final Pattern FILE_NOT_FOUND = Pattern.compile("File (.+) not found");

    private CommandErrors() {
    }

    /**
     * The message of a {@link MigratorException} or {@link ExitStatusException} as it is (for
     * {@code db-ensure-up} that is the heading and one line per pending item); a configuration error as one sentence naming the file
     * and settings; a missing configuration file by its name; anything else as its innermost cause.
     */
    static String message(Throwable error) {
        return Secrets.redact(unmasked(error));
    }

    private static String unmasked(Throwable error) {
        // The status it asks for changes nothing in the words: they are its cause's.
        if (error instanceof ExitStatusException exit && exit.getCause() != null) {
            return unmasked(exit.getCause());
        }
        if (error instanceof MigratorException || error instanceof ExitStatusException) {
            return error.getMessage();
        }
        if (error instanceof ConfigurationException config) {
            return configurationMessage(config);
        }
        // Dropwizard opens the configuration file before any command code runs; nothing else reaches here as this.
        if (error instanceof FileNotFoundException missing) {
            Matcher file = FILE_NOT_FOUND.matcher(String.valueOf(missing.getMessage()));
            return file.matches() ? "Configuration file " + file.group(1) + " does not exist."
                : "The configuration file could not be read: " + missing.getMessage() + ".";
        }
        // Unexpected failures keep their type: "Conversion = '-'" alone would tell nobody anything.
        return "Failed with " + error.getClass().getSimpleName() + ": " + Failures.rootMessage(error);
    }

    /** e.g. {@code config.yml has an error: migrator.connectAttempts must be greater than or equal to 1.} */
    private static String configurationMessage(ConfigurationException error) {
        String heading = error.getMessage().lines().findFirst().orElse("The configuration has an error").strip();
        // Each error's first line names the setting; Jackson's "did you mean" lists that follow are noise here.
        String errors = MistypedSetting.in(error).map(MistypedSetting::sentence).orElseGet(() -> error.getErrors().stream()
            .map(text -> text.lines().findFirst().orElse(text).strip())
            .collect(Collectors.joining("; ")));
        String sentence = heading.replaceAll(":$", "") + ": " + errors;
        return sentence.endsWith(".") ? sentence : sentence + ".";
    }
}

package dev.tenantmigrator.benchmark.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a child process ended.
 *
 * @param exitCode its exit status (-1 when it was killed for taking too long)
 * @param wallNanos from just before it was started until it had exited
 * @param stdout the file its standard output went to
 * @param stderr the file its standard error went to
 * @param timedOut whether it was killed for taking too long
 */
public record ProcessRun(int exitCode, long wallNanos, Path stdout, Path stderr, boolean timedOut) {

    /** The wall time in milliseconds. */
    public double wallMillis() {
        return wallNanos / 1e6;
    }

    /** Whether it exited with status 0. */
    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }

    /** Its standard output. */
    public String stdoutText() {
        return read(stdout);
    }

    /** Its standard error. */
    public String stderrText() {
        return read(stderr);
    }

    /** A short reason for a failure: the exit status and the last line of stderr. */
    public String failure() {
        if (timedOut) {
            return "killed after the time limit";
        }
        String[] lines = stderrText().strip().split("\\R");
        String last = lines.length == 0 ? "" : lines[lines.length - 1].strip();
        if (last.length() > 160) {
            last = last.substring(0, 157) + "...";
        }
        return "exit " + exitCode + (last.isEmpty() ? "" : ": " + last);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.tenantmigrator.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one command line of {@link TestApplication} in a process of its own, as {@code java -jar} would, so a
 * test can send it a signal or give it an environment: {@code ChildCommand db-up config.yml}. The process exits
 * as the application does.
 */
public final class ChildCommand {

    private ChildCommand() {
    }

    public static void main(String[] args) throws Exception {
        new TestApplication().run(args);
    }

    /** The command line that runs {@code arguments} in a child JVM with this test's class path; start it as you need. */
    public static ProcessBuilder of(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), ChildCommand.class.getName()));
        command.addAll(arguments);
        return new ProcessBuilder(command);
    }
}

package dev.tenantmigrator.support;

/**
 * Runs one command line of {@link TestApplication} in a process of its own, as {@code java -jar} would, so a
 * test can send it a signal: {@code ChildCommand db-up config.yml}. The process exits as the application does.
 */
public final class ChildCommand {

    private ChildCommand() {
    }

    public static void main(String[] args) throws Exception {
        new TestApplication().run(args);
    }
}

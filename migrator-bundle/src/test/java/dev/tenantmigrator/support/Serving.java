package dev.tenantmigrator.support;

import io.dropwizard.core.Configuration;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.function.Consumer;

/** Runs checks against a started server. */
public final class Serving {

    private Serving() {
    }

    /** Starts the server, runs the checks while it serves, stops it (also when a check fails). */
    public static <C extends Configuration> void whileServing(DropwizardTestSupport<C> server,
                                                              Consumer<DropwizardTestSupport<C>> checks) throws Exception {
        server.before();
        try {
            checks.accept(server);
        } finally {
            server.after();
        }
    }
}

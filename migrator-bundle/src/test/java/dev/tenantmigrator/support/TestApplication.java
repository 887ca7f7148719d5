package dev.tenantmigrator.support;

import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.io.PrintStream;

/** A tiny application that only adds the bundle; commands print their results to the given stream. */
public class TestApplication extends Application<TestConfiguration> {

    private final TestBundle bundle;

    public TestApplication() {
        this(System.out);
    }

    public TestApplication(PrintStream out) {
        this.bundle = new TestBundle(out);
    }

    public TestBundle bundle() {
        return bundle;
    }

    @Override
    public void initialize(Bootstrap<TestConfiguration> bootstrap) {
        bootstrap.addBundle(bundle);
    }

    @Override
    public void run(TestConfiguration configuration, Environment environment) {
        // Everything the tests need is in the bundle.
    }
}

package dev.tenantmigrator.benchmark;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which runners and scenarios {@code --only} keeps. Names of runners restrict the runners, names of
 * scenarios restrict the scenarios; with neither kind named, everything runs.
 */
public final class Selection {

    private final Set<Runner> runners;
    private final Set<Runner> named;
    private final Set<Scenario> scenarios;

    private Selection(Set<Runner> runners, Set<Runner> named, Set<Scenario> scenarios) {
        this.runners = runners;
        this.named = named;
        this.scenarios = scenarios;
    }

    /** Reads the names given to {@code --only}; throws {@link IllegalArgumentException} for an unknown one. */
    public static Selection of(Set<String> only) {
        EnumSet<Runner> runners = EnumSet.noneOf(Runner.class);
        Set<Scenario> scenarios = EnumSet.noneOf(Scenario.class);
        for (String name : only) {
            String key = name.strip().toLowerCase();
            if (Runner.byKey(key).isPresent()) {
                runners.add(Runner.byKey(key).get());
            } else if (Scenario.byKey(key).isPresent()) {
                scenarios.add(Scenario.byKey(key).get());
            } else {
                throw new IllegalArgumentException("--only: unknown name '" + name + "'; runners are "
                    + Arrays.stream(Runner.values()).map(Runner::key).collect(Collectors.joining(", "))
                    + " and scenarios are " + Arrays.stream(Scenario.values()).map(Scenario::key).collect(Collectors.joining(", ")));
            }
        }
        Set<Runner> named = EnumSet.copyOf(runners);
        return new Selection(runners.isEmpty() ? EnumSet.allOf(Runner.class) : runners, named,
            scenarios.isEmpty() ? EnumSet.allOf(Scenario.class) : scenarios);
    }

    /** Whether {@code runner} runs {@code scenario} in this benchmark. */
    public boolean wants(Runner runner, Scenario scenario) {
        return runners.contains(runner) && scenarios.contains(scenario) && scenario.appliesTo(runner);
    }

    /** Whether {@code runner} runs any scenario. */
    public boolean wants(Runner runner) {
        return Arrays.stream(Scenario.values()).anyMatch(s -> wants(runner, s));
    }

    /** Whether {@code --only} named {@code runner} itself (needed for Flyway and Liquibase at large sizes). */
    public boolean named(Runner runner) {
        return named.contains(runner);
    }
}

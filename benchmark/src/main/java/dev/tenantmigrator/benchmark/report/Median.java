package dev.tenantmigrator.benchmark.report;

import java.util.List;
import java.util.Optional;

/** The median of a list of numbers (the mean of the middle two for an even count). */
public final class Median {

    private Median() {
    }

    /** The median, or empty for an empty list. */
    public static Optional<Double> of(List<Double> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return Optional.of(sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2);
    }
}

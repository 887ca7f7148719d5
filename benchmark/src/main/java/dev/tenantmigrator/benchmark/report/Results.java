package dev.tenantmigrator.benchmark.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The measurements of every row, in the order rows first appeared, reduced to one line each by {@link #rows()}. */
public final class Results {

    private static final Pattern CONCURRENCY = Pattern.compile("c([0-9]+)( tuned)?");

    private final Map<RowKey, List<Measurement>> samples = new LinkedHashMap<>();

    /** Adds one run's measurement of {@code key}, and prints it on stderr as progress. */
    public synchronized void add(RowKey key, Measurement measurement) {
        samples.computeIfAbsent(key, k -> new ArrayList<>()).add(measurement);
        System.err.printf("  %,7d tenants | %-34s | %-9s %-17s | %s ms%s%n", key.tenants(), key.scenario(),
            key.runner().key(), key.variant(), Double.isNaN(measurement.wallMillis()) ? "n/a"
                : String.format("%,.0f", measurement.wallMillis()),
            measurement.note() == null ? "" : "  (" + measurement.note() + ")");
    }

    /**
     * One row per key, ordered by size, then scenario (in {@code scenarioOrder}), then runner, then
     * variant: median wall and work time over the runs that did not fail, the largest peak heap,
     * every distinct note.
     */
    public synchronized List<Row> rows(List<String> scenarioOrder) {
        List<Row> rows = new ArrayList<>();
        samples.forEach((key, runs) -> rows.add(new Row(key, runs.size(), (int) runs.stream().filter(Measurement::failed).count(),
            Median.of(runs.stream().filter(m -> !m.failed()).map(Measurement::wallMillis).filter(w -> !Double.isNaN(w)).toList()),
            Median.of(runs.stream().filter(m -> !m.failed()).map(Measurement::workMillis).filter(Objects::nonNull).toList()),
            runs.stream().map(Measurement::peakHeapBytes).filter(Objects::nonNull).max(Long::compare),
            runs.stream().map(Measurement::afterGcBytes).filter(Objects::nonNull).max(Long::compare),
            runs.stream().map(Measurement::completed).filter(Objects::nonNull).reduce(Boolean::logicalAnd),
            notes(runs))));
        List<RowKey> appearance = new ArrayList<>(samples.keySet());
        rows.sort(Comparator.<Row>comparingInt(r -> r.key().tenants())
            .thenComparingInt(r -> rank(scenarioOrder, r.key().scenario()))
            .thenComparing(r -> r.key().runner())
            .thenComparingInt(r -> variantRank(r.key().variant(), appearance.indexOf(r.key()))));
        return rows;
    }

    /**
     * The runs' notes, each once; of notes that differ only in their numbers (such as a start-up
     * time), the one from the run nearest the median wall time.
     */
    private static String notes(List<Measurement> runs) {
        double median = Median.of(runs.stream().map(Measurement::wallMillis).filter(w -> !Double.isNaN(w)).toList()).orElse(0.0);
        List<Measurement> nearestFirst = runs.stream()
            .sorted(Comparator.comparingDouble(m -> Double.isNaN(m.wallMillis()) ? Double.MAX_VALUE : Math.abs(m.wallMillis() - median)))
            .toList();
        Map<String, String> byShape = new LinkedHashMap<>();
        for (Measurement run : nearestFirst) {
            if (run.note() != null) {
                for (String part : run.note().split("; ")) {
                    byShape.putIfAbsent(part.replaceAll("[0-9.,]+", "#"), part);
                }
            }
        }
        return Notes.join(byShape.values().toArray(String[]::new));
    }

    /**
     * Concurrencies ({@code c1}, {@code c2}, ...) in numeric order, each followed by its tuned form
     * ({@code c1 tuned}), any other variant after them in order of appearance.
     */
    private static int variantRank(String variant, int appearance) {
        Matcher concurrency = CONCURRENCY.matcher(variant);
        return concurrency.matches() ? 2 * Integer.parseInt(concurrency.group(1)) + (concurrency.group(2) == null ? 0 : 1)
            : 100_000 + appearance;
    }

    private static int rank(List<String> order, String scenario) {
        int index = order.indexOf(scenario);
        return index < 0 ? order.size() : index;
    }

    /**
     * One line of the table.
     *
     * @param key what it measures
     * @param runs how many runs it has
     * @param failedRuns how many of them failed (their times are left out)
     * @param wallMillis the median whole-command time
     * @param workMillis the median work time
     * @param peakHeapBytes the largest peak heap of any run
     * @param afterGcBytes the largest occupancy right after a collection of any run
     * @param completed whether every run finished within its heap limit
     * @param note the runs' notes
     */
    public record Row(RowKey key, int runs, int failedRuns, Optional<Double> wallMillis, Optional<Double> workMillis,
                      Optional<Long> peakHeapBytes, Optional<Long> afterGcBytes, Optional<Boolean> completed,
                      String note) {
    }
}

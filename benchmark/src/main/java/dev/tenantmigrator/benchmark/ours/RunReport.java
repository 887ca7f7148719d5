package dev.tenantmigrator.benchmark.ours;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the benchmark reads from {@code db-up --json}: the top-level {@code elapsedMillis} (the
 * work without JVM start) and how many schemas the run migrated ({@code counts}, or
 * {@code summary}). Read leniently: a field that is missing is simply not shown.
 */
public final class RunReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;

    private RunReport(JsonNode root) {
        this.root = root;
    }

    /** Parses the JSON object in {@code stdout}, if there is one. */
    public static Optional<RunReport> parse(String stdout) {
        int start = stdout.indexOf('{');
        if (start < 0) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(stdout.substring(start));
            return root != null && root.isObject() ? Optional.of(new RunReport(root)) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** {@code elapsedMillis}, when the report has it. */
    public Optional<Double> elapsedMillis() {
        JsonNode elapsed = root.get("elapsedMillis");
        return elapsed != null && elapsed.isNumber() ? Optional.of(elapsed.asDouble()) : Optional.empty();
    }

    /**
     * How many schemas the run migrated itself: {@code counts.migrated}, else the first numeric
     * field of a {@code summary} object whose name mentions "migrated", else the number before
     * "migrated" in a {@code summary} line.
     */
    public OptionalLong schemasMigrated() {
        return count("migrated");
    }

    /** How many schemas another process migrated first ({@code counts.migratedElsewhere}), when reported. */
    public OptionalLong schemasMigratedElsewhere() {
        JsonNode value = root.path("counts").get("migratedElsewhere");
        return value != null && value.isIntegralNumber() ? OptionalLong.of(value.asLong()) : OptionalLong.empty();
    }

    private OptionalLong count(String word) {
        JsonNode counted = root.path("counts").get(word);
        if (counted != null && counted.isIntegralNumber()) {
            return OptionalLong.of(counted.asLong());
        }
        JsonNode summary = root.get("summary");
        if (summary != null && summary.isObject()) {
            for (Map.Entry<String, JsonNode> field : summary.properties()) {
                if (field.getKey().toLowerCase().contains(word) && field.getValue().isIntegralNumber()) {
                    return OptionalLong.of(field.getValue().asLong());
                }
            }
        }
        if (summary != null && summary.isTextual()) {
            Matcher m = Pattern.compile("([0-9]+) " + word).matcher(summary.asText());
            if (m.find()) {
                return OptionalLong.of(Long.parseLong(m.group(1)));
            }
        }
        return OptionalLong.empty();
    }

    /** The summary: its text when it is a line, else compact JSON. */
    public String summaryText() {
        JsonNode summary = root.get("summary");
        return summary == null ? "no summary" : summary.isTextual() ? summary.asText() : summary.toString();
    }
}

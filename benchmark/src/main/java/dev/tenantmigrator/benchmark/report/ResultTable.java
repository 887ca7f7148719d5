package dev.tenantmigrator.benchmark.report;

import dev.tenantmigrator.benchmark.Runner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints the rows as one Markdown table, padded so that it also reads as plain text. Our rows get
 * one ratio per peer that has the same scenario at the same size: our whole-command time over the
 * peer's, followed by the ratio of the work times where both are known.
 */
public final class ResultTable {

    /** The variant of the peers that have only one: a loop over the tenants. */
    public static final String LOOP = "loop";

    private record Peer(String header, Runner runner, String variant) {
    }

    private static final List<Peer> PEERS = List.of(
        new Peer("ours/psql 1 session", Runner.PSQL, "1 session"),
        new Peer("ours/psql 2 sessions", Runner.PSQL, "2 sessions"),
        new Peer("ours/flyway", Runner.FLYWAY, LOOP),
        new Peer("ours/liquibase", Runner.LIQUIBASE, LOOP),
        new Peer("ours/jdbc", Runner.JDBC, LOOP));

    private ResultTable() {
    }

    /** Prints {@code rows} to {@code out}. */
    public static void print(List<Results.Row> rows, PrintStream out) {
        List<List<String>> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("tenants", "scenario", "runner", "variant", "whole command ms",
            "work ms", "ms/tenant (whole)"));
        PEERS.forEach(peer -> header.add(peer.header()));
        header.addAll(List.of("peak heap", "runs", "notes"));
        lines.add(header);
        for (Results.Row row : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(String.format(Locale.ROOT, "%,d", row.key().tenants()));
            cells.add(row.key().scenario());
            cells.add(row.key().runner().key());
            cells.add(row.key().variant());
            cells.add(millis(row.wallMillis()));
            cells.add(millis(row.workMillis()));
            cells.add(row.wallMillis().map(w -> String.format(Locale.ROOT, "%.2f", w / row.key().tenants())).orElse("n/a"));
            for (Peer peer : PEERS) {
                cells.add(row.key().runner() == Runner.OURS ? ratio(row, find(rows, row, peer)) : "");
            }
            cells.add(heap(row));
            cells.add(row.runs() + (row.failedRuns() > 0 ? " (" + row.failedRuns() + " failed)" : ""));
            cells.add(row.note() == null ? "" : row.note().replace("|", "\\|"));
            lines.add(cells);
        }
        int[] widths = new int[header.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        for (int l = 0; l < lines.size(); l++) {
            out.println(format(lines.get(l), widths));
            if (l == 0) {
                List<String> rule = new ArrayList<>();
                for (int width : widths) {
                    rule.add("-".repeat(Math.max(3, width)));
                }
                out.println(format(rule, widths));
            }
        }
    }

    private static Optional<Results.Row> find(List<Results.Row> rows, Results.Row ours, Peer peer) {
        return rows.stream()
            .filter(r -> r.key().tenants() == ours.key().tenants() && r.key().scenario().equals(ours.key().scenario())
                && r.key().runner() == peer.runner() && r.key().variant().equals(peer.variant()))
            .findFirst();
    }

    private static String ratio(Results.Row ours, Optional<Results.Row> peer) {
        if (peer.isEmpty() || ours.wallMillis().isEmpty() || peer.get().wallMillis().isEmpty()) {
            return "";
        }
        String whole = String.format(Locale.ROOT, "%.2f", ours.wallMillis().get() / peer.get().wallMillis().get());
        if (ours.workMillis().isPresent() && peer.get().workMillis().isPresent()) {
            return whole + String.format(Locale.ROOT, " (work %.2f)", ours.workMillis().get() / peer.get().workMillis().get());
        }
        return whole;
    }

    private static String heap(Results.Row row) {
        if (row.peakHeapBytes().isEmpty()) {
            return row.completed().map(ok -> ok ? "?, ok" : "?, failed").orElse("n/a");
        }
        String size = String.format(Locale.ROOT, "%.0f MB", row.peakHeapBytes().get() / 1048576.0)
            + row.afterGcBytes().map(after -> String.format(Locale.ROOT, " (%.0f after GC)", after / 1048576.0)).orElse("");
        return size + row.completed().map(ok -> ok ? ", ok" : ", failed").orElse("");
    }

    private static String millis(Optional<Double> value) {
        return value.map(v -> String.format(Locale.ROOT, "%,.0f", v)).orElse("n/a");
    }

    private static String format(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < cells.size(); i++) {
            line.append(' ').append(pad(cells.get(i), widths[i])).append(" |");
        }
        return line.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}

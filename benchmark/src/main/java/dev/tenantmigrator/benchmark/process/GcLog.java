package dev.tenantmigrator.benchmark.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the peak heap occupancy from a unified GC log ({@code -Xlog:gc*}): the largest "before"
 * figure of any pause ({@code 25M->4M(256M)}), or the heap in use at exit when that is larger (a
 * short run may end before its first collection; G1 logs one line for the heap at exit, the Serial
 * collector one per generation, which are added up). Also the largest "after" figure: what was
 * still in use right after a collection, the closest the log comes to the live data.
 */
public final class GcLog {

    private static final Pattern PAUSE = Pattern.compile("\\s([0-9]+)([KMG])->([0-9]+)([KMG])\\(([0-9]+)([KMG])\\)");
    private static final Pattern AT_EXIT = Pattern.compile("(?:heap|generation)\\s+total ([0-9]+)K, used ([0-9]+)K");

    private GcLog() {
    }

    /** The peak in bytes, or empty when the log is missing or shows no heap figure. */
    public static OptionalLong peakHeapBytes(Path log) {
        return scan(log, false);
    }

    /** The largest occupancy right after a collection, or empty when the log shows no collection. */
    public static OptionalLong peakAfterGcBytes(Path log) {
        return scan(log, true);
    }

    private static OptionalLong scan(Path log, boolean afterGc) {
        if (!Files.exists(log)) {
            return OptionalLong.empty();
        }
        long peak = -1;
        long atExit = -1;
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.contains("Metaspace")) {
                    continue;
                }
                Matcher pause = PAUSE.matcher(line);
                if (pause.find()) {
                    peak = Math.max(peak, afterGc ? bytes(pause.group(3), pause.group(4)) : bytes(pause.group(1), pause.group(2)));
                }
                Matcher exit = AT_EXIT.matcher(line);
                if (!afterGc && exit.find()) {
                    atExit = Math.max(atExit, 0) + bytes(exit.group(2), "K");
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        peak = Math.max(peak, atExit);
        return peak < 0 ? OptionalLong.empty() : OptionalLong.of(peak);
    }

    private static long bytes(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            default -> value << 30;
        };
    }
}

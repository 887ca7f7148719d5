package dev.tenantmigrator.benchmark.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Describes the machine the benchmark runs on: cores, memory, processor, operating system, Java. */
public final class MachineInfo {

    private MachineInfo() {
    }

    /** One line about the hardware and operating system. */
    public static String machine() {
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getTotalMemorySize() : -1;
        return String.format(Locale.ROOT, "%d cores%s, %s memory, %s %s %s", Runtime.getRuntime().availableProcessors(),
            cpuModel(), memory < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", memory / (1024.0 * 1024 * 1024)),
            System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
    }

    /** One line about the Java every child JVM also runs on. */
    public static String java() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
            + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + ")";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return " (" + line.substring(line.indexOf(':') + 1).strip() + ")";
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: leave the model out.
        }
        return "";
    }
}

package dev.tenantmigrator.benchmark.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines for child JVMs: the Java this benchmark runs on, a maximum heap, and a GC log
 * from which {@link GcLog} reads the peak heap.
 */
public final class Jvm {

    private final String maxHeap;

    /** Child JVMs started with {@code -Xmx<maxHeap>}, such as {@code 256m}. */
    public Jvm(String maxHeap) {
        this.maxHeap = maxHeap;
    }

    /** The {@code -Xmx} value. */
    public String maxHeap() {
        return maxHeap;
    }

    /** {@code java -Xmx... -Xlog:gc*:file=<gcLog> <arguments>}. */
    public List<String> command(Path gcLog, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.add("-Xlog:gc*:file=" + gcLog);
        command.addAll(arguments);
        return command;
    }
}

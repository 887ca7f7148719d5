package dev.tenantmigrator.benchmark.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines for child JVMs: the Java this benchmark runs on, any extra JVM options (such as
 * the tuned ones), a maximum heap, and a GC log from which {@link GcLog} reads the peak heap.
 */
public final class Jvm {

    private final String maxHeap;
    private final List<String> options;

    /** Child JVMs started with {@code -Xmx<maxHeap>}, such as {@code 256m}, and no other options. */
    public Jvm(String maxHeap) {
        this(maxHeap, List.of());
    }

    private Jvm(String maxHeap, List<String> options) {
        this.maxHeap = maxHeap;
        this.options = List.copyOf(options);
    }

    /** The same JVM with {@code more} options, placed before {@code -Xmx} and the GC log option. */
    public Jvm withOptions(List<String> more) {
        List<String> all = new ArrayList<>(options);
        all.addAll(more);
        return new Jvm(maxHeap, all);
    }

    /** The {@code -Xmx} value. */
    public String maxHeap() {
        return maxHeap;
    }

    /** The extra options (empty for a plain JVM). */
    public List<String> options() {
        return options;
    }

    /**
     * {@code java <options> -Xmx... -Xlog:gc*:file=<gcLog> <arguments>}: the GC log comes after the
     * options, so that an {@code -Xlog:disable} among them does not turn it off.
     */
    public List<String> command(Path gcLog, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(options);
        command.add("-Xmx" + maxHeap);
        command.add("-Xlog:gc*:file=" + gcLog);
        command.addAll(arguments);
        return command;
    }

    /** The {@code java} launcher of the Java this benchmark runs on. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

package dev.tenantmigrator.benchmark.ours;

import dev.tenantmigrator.benchmark.db.Databases;
import dev.tenantmigrator.benchmark.workload.Workload;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVMs our commands are timed in: the plain one (the same options as the peers' JVMs), and,
 * unless {@code --no-tuned}, the tuned one ({@link TunedJvm}), whose every scenario is a row of its
 * own. Every scenario of ours runs once per variant, the plain one first.
 */
public final class OurVariants {

    private final List<OursScenarios> all;
    private final String tunedDescription;

    private OurVariants(List<OursScenarios> all, String tunedDescription) {
        this.all = all;
        this.tunedDescription = tunedDescription;
    }

    /** The plain variant only; {@code why} says why for the header. */
    public static OurVariants plainOnly(OurTool tool, OurCapabilities capabilities, int healthProbes, String why) {
        return new OurVariants(List.of(new OursScenarios(tool, capabilities, healthProbes, false)), "off (" + why + ")");
    }

    /**
     * The plain and the tuned variant: makes the tuned JVM's class archive in {@code workDir} first
     * (see {@link CdsTraining}), on a scratch database of {@code databases}.
     */
    public static OurVariants withTuned(OurTool tool, OurCapabilities capabilities, int healthProbes, Databases databases,
                                        Workload workload, Path workDir) throws Exception {
        Path archive = workDir.resolve(TunedJvm.ARCHIVE_FILE);
        List<String> options = TunedJvm.options(archive);
        OurTool tuned = tool.withJvm(tool.jvm().withOptions(options), "tuned-");
        CdsArchive made = new CdsTraining(tool, tuned, databases, workload).run(workDir.resolve("cds-training"), archive);
        return new OurVariants(List.of(new OursScenarios(tool, capabilities, healthProbes, false),
            new OursScenarios(tuned, capabilities, healthProbes, true)),
            String.join(" ", options) + " (then -Xmx" + tool.jvm().maxHeap() + " and the GC log, as for every JVM; "
                + "every process of the 3-process race and the server too); " + made.describe());
    }

    /** Every variant, the plain one first. */
    public List<OursScenarios> all() {
        return all;
    }

    /** The plain variant. */
    public OursScenarios plain() {
        return all.get(0);
    }

    /** The tuned JVM's options and archive for the header, or why there is none. */
    public String describeTuned() {
        return tunedDescription;
    }
}

package org.eventsnn.experiments.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eventsnn.core.io.Json;

/**
 * A sweep's output directory: refuses to overwrite an earlier sweep (unless resuming a
 * compatible one), records the plan in {@code sweep.json}, and runs the plan on Spark.
 */
public final class SweepDirectory {
    private SweepDirectory() {
    }

    /**
     * Checks that the plan may write into its output directory and writes sweep.json there. A
     * non-empty directory needs {@code resume}, and its sweep.json must be of a compatible plan
     * ({@link SweepPlan#requireCompatible}).
     */
    public static void prepare(SweepPlan plan, boolean resume) throws IOException {
        Path dir = plan.outputDir();
        org.eventsnn.core.io.AtomicFiles.requireDirectory(dir);
        requireSpark();
        Path file = dir.resolve("sweep.json");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (!resume && entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("output directory " + dir + " is not empty (an earlier sweep?):"
                            + " pass --resume to continue it, or choose another --output-dir");
                }
            }
            if (Files.exists(file)) {
                plan.requireCompatible(Json.read(file), file);
            }
        }
        Files.createDirectories(dir);
        Json.write(file, plan.toJson());
    }

    /** The records of every run of the plan, running on Spark those not finished ({@link SparkSweep#run}). */
    public static List<RunRecord> run(SweepPlan plan, String master, PrintWriter out) throws IOException {
        return SparkSweep.run(plan, master, out);
    }

    /**
     * Fails, before anything is written, where Spark is not on the class path (java -jar
     * eventsnn.jar) or {@code master} (null: the default) is not a Spark master.
     */
    public static void requireRunnable(String master) {
        requireSpark();
        if (master != null) {
            SparkSweep.requireMaster(master);
        }
    }

    private static void requireSpark() {
        try {
            Class.forName("org.apache.spark.SparkConf", false, SweepDirectory.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("sweeps need Apache Spark on the class path: run them with ./eventsnn"
                    + " or spark-submit, not java -jar", e);
        }
    }
}

package org.eventsnn.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eventsnn.experiments.sweep.ChipSettings;
import org.eventsnn.experiments.sweep.RunRecord;
import org.eventsnn.experiments.sweep.SweepDirectory;
import org.eventsnn.experiments.sweep.SweepPlan;
import org.eventsnn.experiments.sweep.SweepSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code eventsnn sweep yinyang}: seeds times a hyperparameter grid, every run one Apache Spark
 * task (see docs/sweeps.md). Spark is loaded only once the plan is checked and a run is left.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Train every (grid point, seed) as one Apache Spark task, locally or on a cluster.",
                "Each run goes into D/POINT/seed-N/ (what 'train --output-dir' writes), then D/summary.csv,"
                        + " D/summary.json, D/sweep.png.",
                "Spark's own log goes to D/spark.log; one line per finished task is printed.",
                "Run it as ./eventsnn sweep (which puts Spark on the class path) or with spark-submit."},
        footer = "%nSee docs/sweeps.md.")
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TASK", description = "The task: yinyang.")
    String task;

    @Option(names = "--preset", defaultValue = "fastdeep", description = "fastdeep, eventprop or jaxsnn (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--method", description = "eventprop or fastdeep (default: the preset's).")
    String method;

    @Option(names = "--seeds", required = true, description = "Seeds per grid point: seed..seed+K-1.")
    int seeds;

    @Option(names = "--seed", defaultValue = "0", description = "First seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--grid", paramLabel = "NAME=v1,v2,...", description = "Values of one hyperparameter to sweep (repeatable: the grid is their product; default: none, seeds only).")
    List<String> grid;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Override one hyperparameter in every run (repeatable; default: the preset's values).")
    Map<String, String> overrides;

    @Option(names = "--epochs", description = "Epochs per run (default " + TrainCommand.SHORT_EPOCHS + "; --full: the preset's schedule).")
    Integer epochs;

    @Option(names = "--full", description = "Train the preset's full schedule.")
    boolean full;

    @picocli.CommandLine.Mixin
    BackendOptions where;

    @Mixin
    ChipOptions chip;

    @Option(names = "--master", description = "Spark master: local[N], spark://host:7077, ... (default local[cores / threads-per-task]).")
    String master;

    @Option(names = "--threads-per-task", defaultValue = "1", description = "Training threads of each run (default ${DEFAULT-VALUE}).")
    int threadsPerTask;

    @Option(names = "--output-dir", required = true, description = "The sweep's directory (on a cluster: shared by all workers).")
    Path outputDir;

    @Option(names = "--resume", description = "Continue the sweep in --output-dir: finished runs are skipped, others resume.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        Path dir = outputDir.toAbsolutePath().normalize();
        SweepDirectory.requireRunnable(master);
        where.onChip(chip);
        ChipSettings settings = new ChipSettings(where.backend, chip.chipSeed, chip.mismatch, chip.weightScale,
                chip.thresholdNoise, chip.jitter,
                where.calibration == null ? null : where.calibration.toAbsolutePath().toString());
        SweepPlan plan = SweepPlan.builder(task, preset, dir).set(overrides == null ? Map.of() : overrides)
                .grid(gridOf(grid)).method(method).epochs(epochs).full(full).seeds(seed, seeds)
                .threadsPerTask(threadsPerTask).chip(settings).software("eventsnn " + Version.current()).build();
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        SweepDirectory.prepare(plan, resume);
        List<RunRecord> records = SweepDirectory.run(plan, master, out);
        SweepSummary.of(plan, records).writeAll((System.nanoTime() - start) / 1e9, out);
        out.flush();
        return 0;
    }

    /** The --grid options as parameter to values, in order; a parameter given twice is refused. */
    static Map<String, String> gridOf(List<String> options) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String o : options == null ? List.<String>of() : options) {
            int eq = o.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("--grid " + o + ": expected NAME=v1,v2,...");
            }
            String name = o.substring(0, eq);
            if (m.put(name, o.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("--grid " + name + " is given twice: give its values once,"
                        + " comma-separated");
            }
        }
        return m;
    }
}

package org.eventsnn.experiments.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.eventsnn.core.io.AtomicFiles;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.model.MemoryEstimate;
import org.eventsnn.experiments.train.Presets;
import org.eventsnn.experiments.train.ResultFiles;
import org.eventsnn.experiments.train.Trainer;
import org.eventsnn.experiments.train.TrainingConfig;
import org.eventsnn.experiments.train.TrainingTask;
import org.eventsnn.experiments.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eventsnn train yinyang}: trains a preset (with overrides) and writes metrics, results, model and plots. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train on Yin-Yang, randman or cue-accumulation with exact gradients.",
                "Yin-Yang presets (inputs-hidden-outputs; 5 inputs: x, y, 1-x, 1-y and a bias spike):",
                "  fastdeep  5-120-3, bias also into the outputs (Goltz et al.)",
                "  eventprop 5-200-3 (Wunderlich & Pehle)",
                "  jaxsnn    5-100-3 (jaxsnn)",
                "randman presets: recurrent, feedforward; cue-accumulation: adaptive, plain (docs/temporal-tasks.md).",
                "Without --epochs or --full a short run of " + TrainCommand.SHORT_EPOCHS + " epochs is done.",
                "Results go to a new runs/yinyang-PRESET-YYYYMMDD-HHMMSS (or --output-dir),",
                "named at the end; --resume alone continues the newest such run.",
                "Every hyperparameter can be overridden:",
                "  --set NAME=VALUE, or --config FILE.json (a JSON object of them);",
                "  --list-hyperparameters lists them with the chosen preset's values."},
        footer = "%nSee docs/cli.md for the output files.")
final class TrainCommand implements Callable<Integer> {
    static final int SHORT_EPOCHS = 10;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TASK", description = "The task: yinyang, randman or cue-accumulation.")
    String task;

    @Option(names = "--preset", description = "The task's preset (default: fastdeep for yinyang, the task's first preset otherwise).")
    String preset;

    @Option(names = "--method", description = "eventprop or fastdeep (default: the preset's).")
    String method;

    @Option(names = "--epochs", description = "Epochs, at least 1 (default " + SHORT_EPOCHS + "; --full: the preset's schedule).")
    Integer epochs;

    @Option(names = "--full", description = "Train the preset's full published schedule.")
    boolean full;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of initial weights and shuffling (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--seeds", defaultValue = "1", description = "Run seeds seed..seed+K-1 and report mean +- std (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--threads", description = "Worker threads (default: available processors). Results do not depend on it.")
    Integer threads;

    @Option(names = "--output-dir", description = "Where results go (default: a new runs/yinyang-PRESET-YYYYMMDD-HHMMSS).")
    Path outputDir;

    @Option(names = "--resume", description = "Continue the run in --output-dir (default: the newest runs/yinyang-PRESET-*)"
            + " from its last finished epoch; --epochs may grow, not shrink.")
    boolean resume;

    @Option(names = "--config", description = "JSON object of hyperparameters overriding the preset (default: none).")
    Path configFile;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Override one hyperparameter (repeatable; default: none).")
    Map<String, String> overrides;

    @Option(names = "--no-plots", description = "Skip the PNG plots.")
    boolean noPlots;

    @picocli.CommandLine.Mixin
    BackendOptions where;

    @picocli.CommandLine.Mixin
    ChipOptions chip;

    @Option(names = "--list-hyperparameters", description = "Print every hyperparameter, its value and meaning, then exit.")
    boolean list;

    @Override
    public Integer call() throws Exception {
        TrainingTask trainingTask = TrainingTask.named(task);
        boolean onChip = where.onChip(chip);
        if (onChip && !"yinyang".equals(task)) {
            throw new IllegalArgumentException("--backend mock-analog applies to yinyang only");
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + t);
        }
        if (epochs != null && epochs < 1) {
            throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        }
        TrainingConfig config = config(trainingTask);
        if ("yinyang".equals(task)) {
            requireFits(config, t);
        }
        if (list) {
            PrintWriter o = spec.commandLine().getOut();
            var values = config.toJson();
            config.descriptions().forEach((k, d) -> o.printf(Locale.ROOT, "%-20s %-12s %s%n", k, values.get(k), d));
            o.flush();
            return 0;
        }
        Path dir = RunDirectories.choose(RunDirectories.RUNS, outputDir, task + "-" + config.text("preset"), resume);
        AtomicFiles.requireDirectory(dir);
        if (resume) {
            RunDirectories.requireResumable(dir, seeds, seed);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<TrainingResult> results = new ArrayList<>();
        for (int k = 0; k < seeds; k++) {
            long s = seed + k;
            Path runDir = seeds == 1 ? dir : dir.resolve("seed-" + s);
            Trainer trainer = trainingTask.trainer(config, s, t);
            if (onChip) {
                trainer.onForwardPass(chip.forwardPass(new org.eventsnn.experiments.train.YinYangTask(config).neuronParameters(),
                        where.calibration));
            }
            // a sweep resumed part-way: seeds not begun yet start afresh
            boolean resumeThis = resume && (seeds == 1 || RunDirectories.hasCheckpoint(runDir));
            int before = resumeThis ? RunDirectories.epochsDone(runDir) : 0;
            TrainingResult r = trainer.run(runDir, resumeThis, ConsoleProgress.of(out, "seed " + s));
            ResultFiles.write(runDir, r, config, onChip ? "yinyang on mock-analog chip " + chip.chipSeed : task,
                    "eventsnn " + Version.current());
            if (!noPlots) {
                trainingTask.writePlots(runDir, trainer, r);
            }
            results.add(r);
            if (resumeThis && before == r.history().size()) {
                out.printf(Locale.ROOT, "seed %d: the run was already complete (%s), nothing trained%n", s,
                        Plural.of(before, "epoch"));
            }
            out.printf(Locale.ROOT, "seed %d: test accuracy %.2f %% (validation %.2f %%), %s in %.1f s -> %s%n",
                    s, 100 * r.last().testAccuracy, 100 * r.last().validationAccuracy,
                    Plural.of(r.history().size(), "epoch"), r.seconds(), runDir);
        }
        if (seeds > 1) {
            writeSummary(dir, results, out);
        }
        out.printf(Locale.ROOT, "results in %s%n", dir);
        out.flush();
        return 0;
    }

    /**
     * Refuses a network too large for the heap before building it: per synapse its weight and
     * indices, the optimizer's state, the batch's new weights and each thread's gradient sums.
     */
    private static void requireFits(TrainingConfig config, int threads) {
        double hidden = config.integer("hidden");
        double synapses = 5 * hidden + 3 * hidden + 3;
        MemoryEstimate.requireFits("train with hidden = " + (long) hidden, synapses,
                MemoryEstimate.bytes((5 + hidden + 3) * threads, synapses, 64 + 16.0 * threads));
    }

    private TrainingConfig config(TrainingTask trainingTask) {
        // file, --set and --method are applied together, then checked once as a whole
        Map<String, String> settings = new LinkedHashMap<>();
        if (configFile != null) {
            settings.putAll(trainingTask.preset(preset).settingsFrom(configFile));
        }
        if (overrides != null) {
            settings.putAll(overrides);
        }
        if (method != null) {
            settings.put("method", method);
        }
        TrainingConfig c = trainingTask.preset(preset).withAll(settings);
        if (epochs != null) {
            if (full) {
                throw new IllegalArgumentException("give either --epochs or --full");
            }
            c = c.with("epochs", epochs);
        } else if (!full && (overrides == null || !overrides.containsKey("epochs")) && configFile == null) {
            c = c.with("epochs", Math.min(SHORT_EPOCHS, c.integer("epochs")));
        }
        return c;
    }

    private static void writeSummary(Path dir, List<TrainingResult> results, PrintWriter out) throws java.io.IOException {
        double[] test = new double[results.size()];
        double[] validation = new double[results.size()];
        double[] selected = new double[results.size()];
        ObjectNode root = Json.object();
        root.put("format", "eventsnn-train-summary");
        root.put("version", 1);
        ArrayNode runs = root.putArray("runs");
        for (int i = 0; i < test.length; i++) {
            TrainingResult r = results.get(i);
            test[i] = r.last().testAccuracy;
            validation[i] = r.last().validationAccuracy;
            selected[i] = r.bestValidation().testAccuracy;
            ObjectNode o = runs.addObject();
            o.put("seed", r.seed());
            o.put("testAccuracy", test[i]);
            o.put("validationAccuracy", validation[i]);
            o.put("bestValidationEpoch", r.bestValidation().epoch);
            o.put("bestValidationTestAccuracy", selected[i]);
            o.put("wallSeconds", r.seconds());
        }
        DescriptiveStatistics t = new DescriptiveStatistics(test);
        DescriptiveStatistics v = new DescriptiveStatistics(validation);
        DescriptiveStatistics b = new DescriptiveStatistics(selected);
        root.put("testAccuracyMean", t.getMean());
        root.put("testAccuracyStd", t.getStandardDeviation());
        root.put("validationAccuracyMean", v.getMean());
        root.put("validationAccuracyStd", v.getStandardDeviation());
        root.put("bestValidationTestAccuracyMean", b.getMean());
        root.put("bestValidationTestAccuracyStd", b.getStandardDeviation());
        Json.write(dir.resolve("summary.json"), root);
        out.printf(Locale.ROOT, "test accuracy over %d seeds: %.2f +- %.2f %% at the last epoch, %.2f +- %.2f %% at the"
                + " best validation epoch (sample std) -> %s%n", test.length, 100 * t.getMean(),
                100 * t.getStandardDeviation(), 100 * b.getMean(), 100 * b.getStandardDeviation(), dir.resolve("summary.json"));
    }
}

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
import org.eventsnn.core.io.Json;
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
                "Yin-Yang presets: fastdeep (4-120-3, Goltz et al.), eventprop (5-200-3, Wunderlich & Pehle), jaxsnn (5-100-3).",
                "randman presets: recurrent, feedforward; cue-accumulation: adaptive, plain (docs/temporal-tasks.md).",
                "Without --epochs or --full a short run of " + TrainCommand.SHORT_EPOCHS + " epochs is done.",
                "Every hyperparameter can be overridden with --set NAME=VALUE or --config FILE.json;",
                "--list-hyperparameters lists them with the chosen preset's values."},
        footer = "%nSee README.md, 'Training', for the output files.")
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

    @Option(names = "--epochs", description = "Epochs (default " + SHORT_EPOCHS + "; --full: the preset's schedule).")
    Integer epochs;

    @Option(names = "--full", description = "Train the preset's full published schedule.")
    boolean full;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of initial weights and shuffling (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--seeds", defaultValue = "1", description = "Run seeds seed..seed+K-1 and report mean +- std.")
    int seeds;

    @Option(names = "--threads", description = "Worker threads (default: available processors). Results do not depend on it.")
    Integer threads;

    @Option(names = "--output-dir", description = "Where results go (default runs/yinyang-PRESET).")
    Path outputDir;

    @Option(names = "--resume", description = "Continue the run in --output-dir from its last finished epoch.")
    boolean resume;

    @Option(names = "--config", description = "JSON object of hyperparameters overriding the preset.")
    Path configFile;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Override one hyperparameter (repeatable).")
    Map<String, String> overrides;

    @Option(names = "--no-plots", description = "Skip the PNG plots.")
    boolean noPlots;

    @picocli.CommandLine.Mixin
    ChipOptions chip;

    @Option(names = "--list-hyperparameters", description = "Print every hyperparameter, its value and meaning, then exit.")
    boolean list;

    @Override
    public Integer call() throws Exception {
        TrainingTask trainingTask = TrainingTask.named(task);
        if (chip.onChip() && !"yinyang".equals(task)) {
            throw new IllegalArgumentException("the mock-analog chip options apply to yinyang only");
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + t);
        }
        TrainingConfig config = config(trainingTask);
        if (list) {
            PrintWriter o = spec.commandLine().getOut();
            var values = config.toJson();
            config.descriptions().forEach((k, d) -> o.printf(Locale.ROOT, "%-20s %-12s %s%n", k, values.get(k), d));
            o.flush();
            return 0;
        }
        Path dir = outputDir != null ? outputDir : Path.of("runs", task + "-" + config.text("preset"));
        PrintWriter out = spec.commandLine().getOut();
        List<TrainingResult> results = new ArrayList<>();
        for (int k = 0; k < seeds; k++) {
            long s = seed + k;
            Path runDir = seeds == 1 ? dir : dir.resolve("seed-" + s);
            Trainer trainer = trainingTask.trainer(config, s, t);
            if (chip.onChip()) {
                trainer.onForwardPass(chip.forwardPass(new org.eventsnn.experiments.train.YinYangTask(config).neuronParameters()));
            }
            TrainingResult r = trainer.run(runDir, resume, ConsoleProgress.of(out, "seed " + s));
            ResultFiles.write(runDir, r, config, chip.onChip() ? "yinyang on mock-analog chip " + chip.chipSeed : task,
                    "eventsnn " + Version.current());
            if (!noPlots) {
                trainingTask.writePlots(runDir, trainer, r);
            }
            results.add(r);
            out.printf(Locale.ROOT, "seed %d: test accuracy %.2f %% (validation %.2f %%), %d epochs in %.1f s -> %s%n",
                    s, 100 * r.last().testAccuracy, 100 * r.last().validationAccuracy, r.history().size(), r.seconds(),
                    runDir);
        }
        if (seeds > 1) {
            writeSummary(dir, results, out);
        }
        out.flush();
        return 0;
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

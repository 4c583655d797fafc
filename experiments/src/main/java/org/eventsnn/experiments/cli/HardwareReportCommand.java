package org.eventsnn.experiments.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
import org.eventsnn.experiments.sweep.ChipSettings;
import org.eventsnn.experiments.sweep.HardwareVariants;
import org.eventsnn.experiments.sweep.RunRecord;
import org.eventsnn.experiments.sweep.SweepDirectory;
import org.eventsnn.experiments.sweep.SweepPlan;
import org.eventsnn.experiments.sweep.SweepSummary;
import org.eventsnn.experiments.train.Presets;
import org.eventsnn.experiments.train.TrainingConfig;
import org.eventsnn.experiments.train.YinYangTask;
import org.eventsnn.hardware.Calibration;
import org.eventsnn.hardware.ChipConfig;
import org.eventsnn.hardware.MockAnalogChip;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eventsnn hardware-report}: Yin-Yang test accuracy on one chip, over several seeds, for
 * (a) training and testing in software, (b) training in software and deploying to the chip,
 * (c) training in the loop on the chip, (d) in the loop with calibration.
 */
@Command(name = "hardware-report", mixinStandardHelpOptions = true,
        description = {"Compare software training with training on an emulated chip (Yin-Yang test accuracy).",
                "Variants: (a) trained and tested in software, (b) trained in software and deployed to the chip,"
                        + " (c) trained in the loop on the chip, (d) in the loop with calibration.",
                "Writes report.md, report.png and report.json to --output-dir."})
final class HardwareReportCommand implements Callable<Integer> {
    private static final String[] ROWS = {"(a) trained and tested in software", "(b) trained in software, deployed to the chip",
        "(c) trained in the loop on the chip", "(d) in the loop with calibration"};

    @Spec
    CommandSpec spec;

    @Mixin
    ChipOptions chip;

    @Option(names = "--backend", defaultValue = "mock-analog",
            description = "The chip to report on: mock-analog, the only backend with a chip (default ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--preset", defaultValue = "fastdeep", description = "Training preset (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--epochs", defaultValue = "20", description = "Epochs per training (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds per variant (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Override a hyperparameter (repeatable; default: none).")
    java.util.Map<String, String> overrides;

    @Option(names = "--threads", description = "Threads of each training run (default 1; runs go in parallel as Spark tasks).")
    Integer threads;

    @Option(names = "--master", description = "Spark master of the training runs (default local[cores / threads]); see docs/sweeps.md.")
    String master;

    @Option(names = "--output-dir", defaultValue = "runs/hardware-report", description = "Where the report goes (default ${DEFAULT-VALUE}).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (!ChipOptions.onChip(backend)) {
            throw new IllegalArgumentException("--backend " + backend + ": hardware-report compares software with a chip,"
                    + " --backend mock-analog");
        }
        if (seeds < 1 || epochs < 1) {
            throw new IllegalArgumentException("--seeds and --epochs must be >= 1, got " + seeds + " and " + epochs);
        }
        org.eventsnn.core.io.AtomicFiles.requireDirectory(dir);
        SweepDirectory.requireRunnable(master);
        TrainingConfig config = Presets.get(preset).with("epochs", Integer.toString(epochs));
        if (overrides != null) {
            config = config.withAll(overrides);
        }
        // each training run is one Spark task, one thread each unless --threads says otherwise
        int t = threads == null ? 1 : threads;
        if (t < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + t);
        }
        ChipConfig chipConfig = chip.chip();
        YinYangTask task = new YinYangTask(config);
        PrintWriter out = spec.commandLine().getOut();
        Calibration calibration = Calibration.measure(new MockAnalogChip(chipConfig), task.neuronParameters(),
                config.integer("hidden") + 3);
        calibration.write(dir.resolve("calibration.json"));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("epochs", Integer.toString(epochs));
        if (overrides != null) {
            settings.putAll(overrides);
        }
        SweepPlan plan = HardwareVariants.plan(preset, settings, seeds, t, new ChipSettings("mock-analog", chip.chipSeed,
                chip.mismatch, chip.weightScale, chip.thresholdNoise, chip.jitter, null), dir.resolve("calibration.json"),
                dir.toAbsolutePath(), "eventsnn " + Version.current());
        long start = System.nanoTime();
        SweepDirectory.prepare(plan, true);
        List<RunRecord> runs = SweepDirectory.run(plan, master, out);
        SweepSummary.of(plan, runs).writeAll((System.nanoTime() - start) / 1e9, out);
        double[][] acc = HardwareVariants.accuracies(plan, runs, chipConfig, Runtime.getRuntime().availableProcessors());
        for (int k = 0; k < seeds; k++) {
            out.printf(Locale.ROOT, "seed %d: (a) %.2f %%  (b) %.2f %%  (c) %.2f %%  (d) %.2f %%%n", k, 100 * acc[0][k],
                    100 * acc[1][k], 100 * acc[2][k], 100 * acc[3][k]);
        }
        out.flush();
        write(acc, config);
        out.println("report -> " + dir.resolve("report.md"));
        out.flush();
        return 0;
    }

    /** {@code mean +- std} over several seeds; the mean alone for one seed, which has no spread. */
    private String meanAndSpread(double mean, double std) {
        return seeds > 1 ? String.format(Locale.ROOT, "%.2f +- %.2f", mean, std) : String.format(Locale.ROOT, "%.2f", mean);
    }

    private void write(double[][] acc, TrainingConfig config) throws Exception {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "# Yin-Yang on mock-analog chip %d%n%n", chip.chipSeed));
        md.append(String.format(Locale.ROOT, "Preset %s, %s, %s; chip: mismatch %.3g, weight scale %.3g "
                + "(%d-bit), threshold noise %.3g, jitter %.3g s. Test accuracy%s.%n%n",
                config.text("preset"), Plural.of(epochs, "epoch"), Plural.of(seeds, "seed"), chip.chip().mismatch,
                chip.chip().weightScale,
                chip.chip().weightBits, chip.chip().thresholdNoise, chip.chip().jitter,
                seeds > 1 ? " (mean +- sample std over seeds)" : ""));
        md.append("| variant | test accuracy (%) | per seed (%) |\n| --- | --- | --- |\n");
        ObjectNode json = Json.object();
        json.put("format", "eventsnn-hardware-report");
        json.put("version", 1);
        json.put("chipSeed", chip.chipSeed);
        json.put("epochs", epochs);
        json.set("hyperparameters", config.toJson());
        ArrayNode rows = json.putArray("variants");
        List<Double> means = new ArrayList<>();
        List<Double> stds = new ArrayList<>();
        for (int v = 0; v < 4; v++) {
            DescriptiveStatistics stats = new DescriptiveStatistics(acc[v]);
            double mean = stats.getMean();
            double std = stats.getStandardDeviation();
            StringBuilder per = new StringBuilder();
            ObjectNode row = rows.addObject();
            row.put("variant", ROWS[v]);
            row.put("mean", mean);
            row.put("std", std);
            ArrayNode values = row.putArray("testAccuracy");
            for (double x : acc[v]) {
                per.append(per.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", 100 * x));
                values.add(x);
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", ROWS[v], meanAndSpread(100 * mean, 100 * std), per));
            means.add(100 * mean);
            stds.add(100 * std);
        }
        AtomicFiles.write(dir.resolve("report.md"), md.toString().getBytes(StandardCharsets.UTF_8));
        Json.write(dir.resolve("report.json"), json);
        CategoryChart c = new CategoryChartBuilder().width(800).height(500).title("Yin-Yang test accuracy, chip " + chip.chipSeed)
                .yAxisTitle("test accuracy (%)").build();
        c.getStyler().setLegendVisible(false);
        c.addSeries("accuracy", List.of("(a) software", "(b) deployed", "(c) in the loop", "(d) calibrated"), means, stds);
        AtomicFiles.write(dir.resolve("report.png"), BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG));
    }
}

package org.eventsnn.experiments.sweep;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.eventsnn.core.io.AtomicFiles;
import org.eventsnn.core.io.Json;

/**
 * A sweep's figures: {@code summary.csv}, one row per run, and {@code summary.json}, per grid
 * point the mean, sample standard deviation, minimum and maximum of the test accuracy at the
 * last and at the best-validation epoch, and the runs' wall time.
 */
public final class SweepSummary {
    /** The fixed columns of summary.csv after the point and its grid values. */
    static final String COLUMNS = "seed,epochs,test_accuracy,validation_accuracy,best_validation_epoch,"
            + "best_validation_test_accuracy,wall_seconds";

    private final SweepPlan plan;
    private final List<RunRecord> records;

    /** The summary of {@code records}, one per run of {@code plan}, put into plan order. */
    public static SweepSummary of(SweepPlan plan, List<RunRecord> records) {
        return new SweepSummary(plan, records);
    }

    private SweepSummary(SweepPlan plan, List<RunRecord> records) {
        this.plan = plan;
        List<RunRecord> sorted = new ArrayList<>(records);
        List<GridPoint> points = plan.points();
        sorted.sort(Comparator.comparingInt((RunRecord r) -> points.indexOf(r.point())).thenComparingLong(RunRecord::seed));
        this.records = List.copyOf(sorted);
    }

    /** The runs of {@code point}. */
    List<RunRecord> runsOf(GridPoint point) {
        return records.stream().filter(r -> r.point().equals(point)).toList();
    }

    /**
     * Writes summary.csv, summary.json and sweep.png into the plan's output directory and prints
     * each point's accuracies; {@code wallSeconds}: this session's.
     */
    public void writeAll(double wallSeconds, PrintWriter out) throws IOException {
        write(wallSeconds);
        SweepPlot.write(plan, this);
        for (GridPoint p : plan.points()) {
            List<RunRecord> runs = runsOf(p);
            DescriptiveStatistics last = new DescriptiveStatistics(runs.stream().mapToDouble(RunRecord::testAccuracy).toArray());
            DescriptiveStatistics best = new DescriptiveStatistics(
                    runs.stream().mapToDouble(RunRecord::bestValidationTestAccuracy).toArray());
            out.printf(Locale.ROOT, "%s: test accuracy over %d seeds %.2f +- %.2f %% at the last epoch, %.2f +- %.2f %% at"
                    + " the best validation epoch (sample std)%n", p.name(), runs.size(), 100 * last.getMean(),
                    100 * last.getStandardDeviation(), 100 * best.getMean(), 100 * best.getStandardDeviation());
        }
        out.printf("summary -> %s, %s, %s%n", plan.outputDir().resolve("summary.csv"),
                plan.outputDir().resolve("summary.json"), plan.outputDir().resolve("sweep.png"));
    }

    /** Writes summary.csv and summary.json into the plan's output directory; {@code wallSeconds}: this session's. */
    void write(double wallSeconds) throws IOException {
        Path dir = plan.outputDir();
        StringBuilder csv = new StringBuilder("point");
        plan.grid().keySet().forEach(k -> csv.append(',').append(k));
        csv.append(',').append(COLUMNS).append('\n');
        for (RunRecord r : records) {
            csv.append(r.point().name());
            r.point().values().values().forEach(v -> csv.append(',').append(v));
            csv.append(',').append(r.seed()).append(',').append(r.epochs()).append(',').append(r.testAccuracy())
                    .append(',').append(r.validationAccuracy()).append(',').append(r.bestValidationEpoch()).append(',')
                    .append(r.bestValidationTestAccuracy()).append(',').append(r.wallSeconds()).append('\n');
        }
        AtomicFiles.write(dir.resolve("summary.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        Json.write(dir.resolve("summary.json"), toJson(wallSeconds));
    }

    ObjectNode toJson(double wallSeconds) {
        ObjectNode root = Json.object();
        root.put("format", "eventsnn-sweep-summary");
        root.put("version", 1);
        root.set("sweep", plan.toJson());
        root.put("runs", records.size());
        root.put("wallSeconds", wallSeconds);
        var points = root.putArray("points");
        for (GridPoint p : plan.points()) {
            List<RunRecord> runs = runsOf(p);
            ObjectNode o = points.addObject();
            o.put("point", p.name());
            ObjectNode values = o.putObject("parameters");
            p.values().forEach(values::put);
            o.put("runs", runs.size());
            o.set("testAccuracy", stats(runs.stream().mapToDouble(RunRecord::testAccuracy).toArray()));
            o.set("bestValidationTestAccuracy",
                    stats(runs.stream().mapToDouble(RunRecord::bestValidationTestAccuracy).toArray()));
            DescriptiveStatistics wall = new DescriptiveStatistics(runs.stream().mapToDouble(RunRecord::wallSeconds).toArray());
            ObjectNode w = o.putObject("wallSeconds");
            w.put("mean", wall.getMean());
            w.put("total", wall.getSum());
        }
        return root;
    }

    /** Mean, sample std (null for one run), min, max. */
    private static ObjectNode stats(double[] x) {
        DescriptiveStatistics s = new DescriptiveStatistics(x);
        ObjectNode o = Json.object();
        o.put("mean", s.getMean());
        if (x.length > 1) {
            o.put("std", s.getStandardDeviation());
        } else {
            o.putNull("std");
        }
        o.put("min", s.getMin());
        o.put("max", s.getMax());
        return o;
    }
}

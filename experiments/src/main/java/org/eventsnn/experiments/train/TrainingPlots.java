package org.eventsnn.experiments.train;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.io.AtomicFiles;
import org.eventsnn.datasets.Dataset;
import org.eventsnn.datasets.LabelledSpikes;
import org.eventsnn.datasets.YinYang;
import org.eventsnn.gradients.BatchGradients;
import org.eventsnn.gradients.BatchResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG plots of a training run: accuracy and loss curves, the Yin-Yang plane coloured by
 * predicted class with errors marked, output first-spike times per class, and a spike raster
 * of one test sample. Each file is written atomically.
 */
public final class TrainingPlots {
    private static final Color[] CLASS_COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)};

    private TrainingPlots() {
    }

    /** Writes the run's plots into {@code dir}: accuracy.png, loss.png, yinyang.png, first-spikes.png and raster.png. */
    public static void writeAll(Path dir, Trainer trainer, TrainingResult result) throws IOException {
        List<EpochMetrics> h = result.history();
        if (h.isEmpty()) {
            return;
        }
        save(curves(h, true), dir.resolve("accuracy.png"));
        save(curves(h, false), dir.resolve("loss.png"));
        LabelledSpikes test = trainer.testData();
        if (test.sampleCount() == 0) {
            return;
        }
        BatchResult outcome;
        try (BatchGradients b = new BatchGradients(result.threads(), new YinYangTask(trainer.config())::newMethod,
                trainer.forwardPass())) {
            outcome = Trainer.evaluate(b, result.network(), test, trainer.outputIndex(),
                    new YinYangTask(trainer.config()).loss()).outcome;
        }
        save(plane(new YinYangTask(trainer.config()).dataset(YinYang.Split.TEST), outcome), dir.resolve("yinyang.png"));
        save(firstSpikes(outcome), dir.resolve("first-spikes.png"));
        save(raster(result.network(), test), dir.resolve("raster.png"));
    }

    static XYChart curves(List<EpochMetrics> h, boolean accuracy) {
        XYChart c = new XYChartBuilder().width(800).height(500).title(accuracy ? "Accuracy" : "Loss")
                .xAxisTitle("epoch").yAxisTitle(accuracy ? "accuracy (%)" : "loss").build();
        double[] x = new double[h.size()];
        double[][] y = new double[3][h.size()];
        for (int i = 0; i < x.length; i++) {
            EpochMetrics m = h.get(i);
            x[i] = m.epoch;
            y[0][i] = accuracy ? 100 * m.trainAccuracy : m.trainLoss;
            y[1][i] = accuracy ? 100 * m.validationAccuracy : m.validationLoss;
            y[2][i] = accuracy ? 100 * m.testAccuracy : m.testLoss;
        }
        String[] names = {"train (running)", "validation", "test"};
        for (int k = 0; k < 3; k++) {
            XYSeries s = c.addSeries(names[k], x, y[k]);
            s.setMarker(x.length > 30 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        return c;
    }

    /** Test points in the (x, y) plane coloured by predicted class; misclassified points as black crosses. */
    private static XYChart plane(Dataset test, BatchResult outcome) {
        XYChart c = new XYChartBuilder().width(650).height(650).title("Yin-Yang test set: predicted class, errors as x")
                .xAxisTitle("x").yAxisTitle("y").build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(6);
        for (int k = -1; k < 3; k++) {
            java.util.List<Double> xs = new java.util.ArrayList<>();
            java.util.List<Double> ys = new java.util.ArrayList<>();
            for (int i = 0; i < test.size(); i++) {
                int predicted = outcome.prediction(i);
                boolean wrong = predicted != test.label(i);
                if ((k < 0 && wrong) || (k >= 0 && !wrong && predicted == k)) {
                    xs.add(test.feature(i, 0));
                    ys.add(test.feature(i, 1));
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries s = c.addSeries(k < 0 ? "errors (" + xs.size() + ")" : "class " + k, xs, ys);
            s.setMarker(k < 0 ? SeriesMarkers.CROSS : SeriesMarkers.CIRCLE);
            s.setMarkerColor(k < 0 ? Color.BLACK : CLASS_COLORS[k]);
        }
        return c;
    }

    /** First spike time of each output neuron, per true class (silent neurons omitted). */
    private static XYChart firstSpikes(BatchResult outcome) {
        XYChart c = new XYChartBuilder().width(800).height(500).title("Output first-spike times by class")
                .xAxisTitle("true class (points spread per output neuron)").yAxisTitle("first spike time (ms)").build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(4);
        int classes = 1;
        for (int i = 0; i < outcome.size(); i++) {
            classes = Math.max(classes, outcome.label(i) + 1);
        }
        c.getStyler().setXAxisMin(-0.5);
        c.getStyler().setXAxisMax(classes - 0.5);
        c.getStyler().setxAxisTickLabelsFormattingFunction(TrainingPlots::classTick);
        int outputs = outcome.size() == 0 ? 0 : outcome.firstSpikes(0).length;
        for (int j = 0; j < outputs; j++) {
            java.util.List<Double> xs = new java.util.ArrayList<>();
            java.util.List<Double> ys = new java.util.ArrayList<>();
            for (int i = 0; i < outcome.size(); i++) {
                double t = outcome.firstSpikes(i)[j];
                if (t != Double.POSITIVE_INFINITY) {
                    xs.add(outcome.label(i) + (j - (outputs - 1) / 2.0) * 0.25 + 0.1 * (((i * 2654435761L) % 1000) / 1000.0 - 0.5));
                    ys.add(1000 * t);
                }
            }
            if (!xs.isEmpty()) {
                XYSeries s = c.addSeries("output neuron " + j, xs, ys);
                s.setMarkerColor(CLASS_COLORS[j % CLASS_COLORS.length]);
            }
        }
        return c;
    }

    /** A class axis tick's label: the class number at whole numbers, nothing between classes. */
    static String classTick(double x) {
        long k = Math.round(x);
        return Math.abs(x - k) < 1e-9 ? Long.toString(k) : "";
    }

    /** Spikes of every population for test sample 0. */
    static XYChart raster(Network net, LabelledSpikes test) {
        SimulationResult r = new Simulator(net).run(test.input(0));
        SpikeRecord rec = r.record();
        XYChart c = new XYChartBuilder().width(800).height(600)
                .title("Spike raster, test sample 0 (label " + test.label(0) + ")").xAxisTitle("time (ms)")
                .yAxisTitle("neuron (global index)").build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(5);
        for (int p = 0; p < net.populations().size(); p++) {
            java.util.List<Double> xs = new java.util.ArrayList<>();
            java.util.List<Double> ys = new java.util.ArrayList<>();
            for (int s = 0; s < rec.count(); s++) {
                if (net.populationOf(rec.neuron(s)) == p) {
                    xs.add(1000 * rec.time(s));
                    ys.add((double) rec.neuron(s));
                }
            }
            if (!xs.isEmpty()) {
                c.addSeries(net.population(p).name(), xs, ys).setMarker(SeriesMarkers.DIAMOND);
            }
        }
        return c;
    }

    static void save(Chart<?, ?> chart, Path file) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, png);
    }
}

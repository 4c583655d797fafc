package org.eventsnn.experiments.sweep;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import javax.imageio.ImageIO;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.eventsnn.core.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;

/**
 * {@code sweep.png}: test accuracy at the last epoch (mean over seeds, sample std as error
 * bars) against each grid parameter, one panel per parameter and one series per combination
 * of the other parameters' values; for a seed-only sweep one bar per seed and their mean.
 */
final class SweepPlot {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 450;

    private SweepPlot() {
    }

    /** Writes sweep.png into the plan's output directory. */
    static void write(SweepPlan plan, SweepSummary summary) throws IOException {
        List<CategoryChart> panels = new ArrayList<>();
        if (plan.grid().isEmpty()) {
            panels.add(seeds(summary.runsOf(plan.points().get(0))));
        } else {
            plan.grid().keySet().forEach(p -> panels.add(against(p, plan, summary)));
        }
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT * panels.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), 0, i * HEIGHT, null);
        }
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        AtomicFiles.write(plan.outputDir().resolve("sweep.png"), png.toByteArray());
    }

    private static CategoryChart seeds(List<RunRecord> runs) {
        CategoryChart c = chart("Test accuracy per seed (last epoch)", "seed");
        c.getStyler().setLegendVisible(false);
        List<String> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> error = new ArrayList<>();
        DescriptiveStatistics all = new DescriptiveStatistics();
        for (RunRecord r : runs) {
            x.add(Long.toString(r.seed()));
            y.add(100 * r.testAccuracy());
            error.add(0.0);
            all.addValue(100 * r.testAccuracy());
        }
        x.add("mean");
        y.add(all.getMean());
        error.add(runs.size() > 1 ? all.getStandardDeviation() : 0.0);
        c.addSeries("accuracy", x, y, error);
        return c;
    }

    private static CategoryChart against(String parameter, SweepPlan plan, SweepSummary summary) {
        CategoryChart c = chart("Test accuracy (last epoch, mean +- sample std over seeds) against " + parameter, parameter);
        List<String> values = plan.grid().get(parameter);
        Map<String, List<GridPoint>> series = new LinkedHashMap<>();
        for (GridPoint p : plan.points()) {
            StringJoiner others = new StringJoiner(", ");
            p.values().forEach((k, v) -> {
                if (!k.equals(parameter)) {
                    others.add(k + "=" + v);
                }
            });
            series.computeIfAbsent(others.length() == 0 ? "all" : others.toString(), k -> new ArrayList<>()).add(p);
        }
        c.getStyler().setLegendVisible(series.size() > 1);
        series.forEach((name, points) -> {
            List<Double> y = new ArrayList<>();
            List<Double> error = new ArrayList<>();
            for (String v : values) {
                GridPoint p = points.stream().filter(q -> q.values().get(parameter).equals(v)).findFirst().orElseThrow();
                DescriptiveStatistics s = new DescriptiveStatistics();
                summary.runsOf(p).forEach(r -> s.addValue(100 * r.testAccuracy()));
                y.add(s.getMean());
                error.add(s.getN() > 1 ? s.getStandardDeviation() : 0.0);
            }
            CategorySeries added = c.addSeries(name, values, y, error);
            added.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        });
        return c;
    }

    private static CategoryChart chart(String title, String xAxis) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xAxis)
                .yAxisTitle("test accuracy (%)").build();
        c.getStyler().setErrorBarsColorSeriesColor(true);
        return c;
    }
}

package org.eventsnn.experiments.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.eventsnn.experiments.train.EpochMetrics;
import org.eventsnn.experiments.train.TrainingListener;

/**
 * Training progress for people: a progress bar over all batches (epoch, running loss and
 * accuracy, time left) on a terminal; one plain line per epoch otherwise.
 */
final class ConsoleProgress implements TrainingListener {
    private final PrintWriter out;
    private final boolean terminal;
    private final String prefix;
    private ProgressBar bar;
    private int epoch;
    private int epochs;

    ConsoleProgress(PrintWriter out, boolean terminal, String prefix) {
        this.out = out;
        this.terminal = terminal;
        this.prefix = prefix;
    }

    /** A progress bar on an interactive terminal (outside CI), else one plain line per epoch. */
    static ConsoleProgress of(PrintWriter out, String prefix) {
        return new ConsoleProgress(out, System.console() != null && !"true".equals(System.getenv("CI")), prefix);
    }

    @Override
    public void epochStarted(int e, int total, int batches) {
        epoch = e;
        epochs = total;
        if (terminal && bar == null) {
            bar = new ProgressBarBuilder().setTaskName(prefix).setInitialMax((long) (total - e) * batches)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build();
        }
    }

    @Override
    public void batchDone(int batch, double runningLoss, double runningAccuracy) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d/%d loss %.4f acc %.1f%%", epoch + 1, epochs,
                    runningLoss, 100 * runningAccuracy));
        }
    }

    @Override
    public void epochDone(EpochMetrics m, int total) {
        if (!terminal) {
            out.printf(Locale.ROOT, "%s epoch %d/%d  train loss %.4f acc %.2f%%  validation %.2f%%  test %.2f%%  (%.1f s)%n",
                    prefix, m.epoch, total, m.trainLoss, 100 * m.trainAccuracy, 100 * m.validationAccuracy,
                    100 * m.testAccuracy, m.seconds);
            out.flush();
        }
    }

    @Override
    public void finished() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}

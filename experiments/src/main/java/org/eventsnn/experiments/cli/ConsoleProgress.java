package org.eventsnn.experiments.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.eventsnn.experiments.train.EpochMetrics;
import org.eventsnn.experiments.train.TrainingListener;

/**
 * Training progress for people: one line per finished epoch (train loss and accuracy,
 * validation and test accuracy) everywhere, and on a terminal also a progress bar over the
 * running epoch's batches (running loss and accuracy, time left), closed before that line.
 */
final class ConsoleProgress implements TrainingListener {
    private final PrintWriter out;
    private final boolean terminal;
    private final String prefix;
    private ProgressBar bar;

    ConsoleProgress(PrintWriter out, boolean terminal, String prefix) {
        this.out = out;
        this.terminal = terminal;
        this.prefix = prefix;
    }

    /** A progress bar as well as the epoch lines on an interactive terminal (outside CI). */
    static ConsoleProgress of(PrintWriter out, String prefix) {
        return new ConsoleProgress(out, System.console() != null && !"true".equals(System.getenv("CI")), prefix);
    }

    @Override
    public void epochStarted(int e, int total, int batches) {
        if (terminal) {
            closeBar();
            bar = new ProgressBarBuilder().setTaskName(prefix + " epoch " + (e + 1) + "/" + total).setInitialMax(batches)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().clearDisplayOnFinish()
                    .build();
        }
    }

    @Override
    public void batchDone(int batch, double runningLoss, double runningAccuracy) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f acc %.1f%%", runningLoss, 100 * runningAccuracy));
        }
    }

    @Override
    public void epochDone(EpochMetrics m, int total) {
        closeBar();
        out.printf(Locale.ROOT, "%s epoch %d/%d  train loss %.4f acc %.2f%%  validation %.2f%%  test %.2f%%  (%.1f s)%n",
                prefix, m.epoch, total, m.trainLoss, 100 * m.trainAccuracy, 100 * m.validationAccuracy,
                100 * m.testAccuracy, m.seconds);
        out.flush();
    }

    @Override
    public void finished() {
        closeBar();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}

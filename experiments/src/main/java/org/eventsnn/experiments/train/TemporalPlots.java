package org.eventsnn.experiments.train;

import java.io.IOException;
import java.nio.file.Path;
import org.eventsnn.datasets.LabelledSpikes;

/**
 * The PNG plots of a temporal-task run: accuracy and loss curves, and the spike raster of one
 * test trial (test sample 0: input, hidden and output spikes). Each file is written atomically.
 */
final class TemporalPlots {
    private TemporalPlots() {
    }

    static void writeAll(Path dir, Trainer trainer, TrainingResult result) throws IOException {
        if (result.history().isEmpty()) {
            return;
        }
        TrainingPlots.save(TrainingPlots.curves(result.history(), true), dir.resolve("accuracy.png"));
        TrainingPlots.save(TrainingPlots.curves(result.history(), false), dir.resolve("loss.png"));
        LabelledSpikes test = trainer.testData();
        if (test.sampleCount() > 0) {
            TrainingPlots.save(TrainingPlots.raster(result.network(), test), dir.resolve("raster.png"));
        }
    }
}

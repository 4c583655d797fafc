package org.eventsnn.experiments.train;

/** Progress of a training run (a progress bar, log lines, or nothing). */
public interface TrainingListener {
    /** Does nothing. */
    TrainingListener NONE = new TrainingListener() {
    };

    default void epochStarted(int epoch, int epochs, int batches) {
    }

    /** After each batch, with the running loss and accuracy of the epoch so far. */
    default void batchDone(int batch, double runningLoss, double runningAccuracy) {
    }

    default void epochDone(EpochMetrics metrics, int epochs) {
    }

    default void finished() {
    }
}

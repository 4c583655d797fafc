package org.eventsnn.experiments.train;

/** Progress of a training run (a progress bar, log lines, or nothing). */
public interface TrainingListener {
    /** Does nothing. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** Before epoch {@code epoch} (counted from 0) of {@code epochs}, which has {@code batches} batches. */
    default void epochStarted(int epoch, int epochs, int batches) {
    }

    /** After each batch, with the running loss and accuracy of the epoch so far. */
    default void batchDone(int batch, double runningLoss, double runningAccuracy) {
    }

    /** After an epoch, with its metrics. */
    default void epochDone(EpochMetrics metrics, int epochs) {
    }

    /** After the last epoch. */
    default void finished() {
    }
}

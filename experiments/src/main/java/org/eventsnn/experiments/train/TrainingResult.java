package org.eventsnn.experiments.train;

import java.util.List;
import org.eventsnn.core.model.Network;

/** The outcome of a training run: the trained network and the per-epoch metrics. */
public final class TrainingResult {
    private final Network network;
    private final List<EpochMetrics> history;
    private final double seconds;
    private final long seed;
    private final int threads;

    TrainingResult(Network network, List<EpochMetrics> history, double seconds, long seed, int threads) {
        this.network = network;
        this.history = List.copyOf(history);
        this.seconds = seconds;
        this.seed = seed;
        this.threads = threads;
    }

    public Network network() {
        return network;
    }

    public List<EpochMetrics> history() {
        return history;
    }

    /** The last epoch's metrics (null if no epoch ran). */
    public EpochMetrics last() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    /** The epoch with the best validation accuracy (earliest on ties). */
    public EpochMetrics bestValidation() {
        EpochMetrics best = null;
        for (EpochMetrics m : history) {
            if (best == null || m.validationAccuracy > best.validationAccuracy) {
                best = m;
            }
        }
        return best;
    }

    /** Wall time in seconds, including earlier sessions of a resumed run. */
    public double seconds() {
        return seconds;
    }

    public long seed() {
        return seed;
    }

    public int threads() {
        return threads;
    }
}

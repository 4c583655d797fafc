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

    /** The trained network. */
    public Network network() {
        return network;
    }

    /** Every epoch's metrics, in order. */
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

    /** The run's seed. */
    public long seed() {
        return seed;
    }

    /** Worker threads the run used (results do not depend on them). */
    public int threads() {
        return threads;
    }
}

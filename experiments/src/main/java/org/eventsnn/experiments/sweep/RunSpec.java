package org.eventsnn.experiments.sweep;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import org.eventsnn.experiments.train.Presets;
import org.eventsnn.experiments.train.TrainingConfig;

/**
 * One run of a sweep, everything its Spark task needs: the preset and the settings applied to
 * it (as {@code train}'s {@code --set}, {@code --method} and {@code --epochs} would), the seed,
 * the threads, the forward pass and the run directory.
 *
 * @param settings hyperparameter overrides in the order they are applied
 * @param software the software version recorded in result.json
 */
public record RunSpec(GridPoint point, String preset, Map<String, String> settings, long seed, int threads,
                      ChipSettings chip, String runDir, String software) implements Serializable {
    /** The training configuration, checked as a whole. */
    public TrainingConfig config() {
        return Presets.get(preset).withAll(settings);
    }

    /** The run directory. */
    public Path dir() {
        return Path.of(runDir);
    }

    /** "point seed N", for messages. */
    public String label() {
        return point.name() + " seed " + seed;
    }
}

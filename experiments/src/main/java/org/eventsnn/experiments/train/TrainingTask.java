package org.eventsnn.experiments.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A task {@code eventsnn train} runs: its presets (named hyperparameter sets), how a trainer is
 * built from a config, and the plots of a finished run.
 */
public interface TrainingTask {
    /** The tasks, by their command-line names. */
    List<String> NAMES = List.of("yinyang", "randman", "cue-accumulation");

    /** The command-line name. */
    String name();

    /** The preset names, the default one first. */
    List<String> presets();

    /** The named preset (null: the default one), validated. */
    TrainingConfig preset(String name);

    /** A trainer of {@code config} with initial weights and shuffling from {@code seed}. */
    Trainer trainer(TrainingConfig config, long seed, int threads);

    /** Writes the run's PNG plots into {@code dir}. */
    void writePlots(Path dir, Trainer trainer, TrainingResult result) throws IOException;

    /** The task named {@code name}. */
    static TrainingTask named(String name) {
        switch (name) {
            case "yinyang":
                return YinYangTraining.INSTANCE;
            case "randman":
                return TemporalTask.RANDMAN;
            case "cue-accumulation":
                return TemporalTask.CUE_ACCUMULATION;
            default:
                throw new IllegalArgumentException("unknown task '" + name + "', expected one of " + NAMES);
        }
    }
}

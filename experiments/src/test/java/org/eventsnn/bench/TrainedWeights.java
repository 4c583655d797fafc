package org.eventsnn.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;
import org.eventsnn.experiments.train.Presets;
import org.eventsnn.experiments.train.Trainer;
import org.eventsnn.experiments.train.TrainingListener;

/**
 * A preset's network after its full training run (seed 0, as {@code train yinyang --preset P
 * --full}), for benchmarks at trained weights: trained once on two threads and kept under
 * {@code target/bench-models/} of the working directory, where later runs (and JMH's other forks)
 * read it.
 */
final class TrainedWeights {
    private TrainedWeights() {
    }

    /** The trained network of preset {@code preset}, trained now if not kept yet. */
    static Network of(String preset) {
        Path dir = Path.of("target", "bench-models", preset + "-full-seed0");
        Path model = dir.resolve("model.json");
        if (!Files.isRegularFile(model)) {
            System.err.println("training " + preset + " once for its trained weights (kept in " + dir + ")");
            try {
                Trainer.forYinYang(Presets.get(preset), 0, 2).run(dir, false, TrainingListener.NONE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ModelFiles.read(model);
    }
}

package org.eventsnn.experiments.examples;

import java.nio.file.Path;
import org.eventsnn.experiments.train.EpochMetrics;
import org.eventsnn.experiments.train.Presets;
import org.eventsnn.experiments.train.Trainer;
import org.eventsnn.experiments.train.TrainingConfig;
import org.eventsnn.experiments.train.TrainingListener;
import org.eventsnn.experiments.train.TrainingResult;

/**
 * Trains a small Fast and Deep network on Yin-Yang from Java and prints each epoch. Run with
 * {@code java -cp experiments/target/eventsnn.jar org.eventsnn.experiments.examples.TrainYinYangExample [outputDir]}.
 */
public final class TrainYinYangExample {
    private TrainYinYangExample() {
    }

    /** Trains and prints; {@code args[0]}, if given, is the output directory. */
    public static void main(String[] args) throws Exception {
        TrainingConfig config = Presets.get("fastdeep").with("epochs", "20").with("hidden", "60");
        Trainer trainer = Trainer.forYinYang(config, 1, Runtime.getRuntime().availableProcessors());
        Path dir = args.length > 0 ? Path.of(args[0]) : null;
        TrainingResult r = trainer.run(dir, false, new TrainingListener() {
            @Override
            public void epochDone(EpochMetrics m, int epochs) {
                System.out.printf("epoch %d/%d: validation %.1f %%, test %.1f %%%n", m.epoch, epochs,
                        100 * m.validationAccuracy, 100 * m.testAccuracy);
            }
        });
        System.out.printf("final test accuracy %.2f %% after %.1f s%n", 100 * r.last().testAccuracy, r.seconds());
    }
}

package org.eventsnn.experiments.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.eventsnn.core.io.Json;

/** {@code result.json}: final and best accuracies, wall time, seed, every hyperparameter, software version. */
public final class ResultFiles {
    /** The {@code format} field of {@code result.json} (version 1). */
    public static final String FORMAT = "eventsnn-train-result";

    private ResultFiles() {
    }

    /** The content of {@code result.json} for a run of {@code task} by {@code software}. */
    public static ObjectNode toJson(TrainingResult r, TrainingConfig config, String task, String software) {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.put("version", 1);
        root.put("task", task);
        root.put("software", software);
        root.put("seed", r.seed());
        root.put("threads", r.threads());
        root.put("epochs", r.history().size());
        root.put("wallSeconds", r.seconds());
        EpochMetrics last = r.last();
        if (last != null) {
            ObjectNode f = root.putObject("final");
            f.put("trainLoss", last.trainLoss);
            f.put("trainAccuracy", last.trainAccuracy);
            f.put("validationLoss", last.validationLoss);
            f.put("validationAccuracy", last.validationAccuracy);
            f.put("testLoss", last.testLoss);
            f.put("testAccuracy", last.testAccuracy);
            EpochMetrics best = r.bestValidation();
            ObjectNode b = root.putObject("bestValidation");
            b.put("epoch", best.epoch);
            b.put("validationAccuracy", best.validationAccuracy);
            b.put("testAccuracy", best.testAccuracy);
        }
        root.set("hyperparameters", config.toJson());
        return root;
    }

    /** Writes {@code dir/result.json} atomically. */
    public static void write(Path dir, TrainingResult r, TrainingConfig config, String task, String software)
            throws IOException {
        Json.write(dir.resolve("result.json"), toJson(r, config, task, software));
    }
}

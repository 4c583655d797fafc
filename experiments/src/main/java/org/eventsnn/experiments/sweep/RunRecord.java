package org.eventsnn.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.eventsnn.core.io.FormatException;
import org.eventsnn.core.io.Json;
import org.eventsnn.experiments.train.ResultFiles;

/**
 * What a finished run contributes to a sweep's summary, read back from the {@code result.json}
 * it wrote: accuracies (fractions) at the last and the best-validation epoch, and wall time.
 */
public record RunRecord(GridPoint point, long seed, int epochs, double testAccuracy, double validationAccuracy,
                        int bestValidationEpoch, double bestValidationTestAccuracy, double wallSeconds)
        implements Serializable {
    static final String RESULT = "result.json";

    /**
     * The record of {@code run} if its directory holds a finished run of the same settings;
     * null if there is none yet, or if it was trained for other epochs (it is continued). A
     * finished run of other settings is refused (IllegalArgumentException).
     */
    static RunRecord finished(RunSpec run) {
        Path file = run.dir().resolve(RESULT);
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode root = Json.read(file);
        if (!ResultFiles.FORMAT.equals(root.path("format").asText())) {
            throw new FormatException(file + ": format is not " + ResultFiles.FORMAT);
        }
        if (!root.path("task").asText().equals(run.chip().taskLabel())) {
            throw new IllegalArgumentException(file + ": a run of " + root.path("task").asText() + ", not "
                    + run.chip().taskLabel() + "; choose another --output-dir");
        }
        if (root.path("seed").asLong() != run.seed()) {
            throw new IllegalArgumentException(file + ": a run of seed " + root.path("seed").asLong() + ", not " + run.seed());
        }
        JsonNode saved = root.path("hyperparameters");
        boolean otherEpochs = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = run.config().toJson().fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String before = saved.path(e.getKey()).asText();
            if (!e.getValue().asText().equals(before)) {
                if (e.getKey().equals("epochs") && saved.path("epochs").asInt() > e.getValue().asInt()) {
                    throw new IllegalArgumentException(file + ": the run there was trained for " + before
                            + " epochs, more than the " + e.getValue().asText() + " asked; choose another --output-dir");
                }
                if (!e.getKey().equals("epochs")) {
                    throw new IllegalArgumentException(file + ": hyperparameter " + e.getKey() + " was " + before
                            + ", now " + e.getValue().asText() + "; resume a sweep with its own settings"
                            + " (only epochs, seeds and grid values may change) or choose another --output-dir");
                }
                otherEpochs = true;
            }
        }
        return otherEpochs ? null : read(run.point(), root, file);
    }

    /** The record in the result.json just written by {@code run}. */
    static RunRecord written(RunSpec run) {
        Path file = run.dir().resolve(RESULT);
        return read(run.point(), Json.read(file), file);
    }

    private static RunRecord read(GridPoint point, JsonNode root, Path file) {
        JsonNode last = root.path("final");
        JsonNode best = root.path("bestValidation");
        if (!last.isObject() || !best.isObject()) {
            throw new FormatException(file + ": no final and bestValidation accuracies (a run of 0 epochs?)");
        }
        return new RunRecord(point, root.path("seed").asLong(), root.path("epochs").asInt(),
                last.path("testAccuracy").asDouble(), last.path("validationAccuracy").asDouble(),
                best.path("epoch").asInt(), best.path("testAccuracy").asDouble(), root.path("wallSeconds").asDouble());
    }
}

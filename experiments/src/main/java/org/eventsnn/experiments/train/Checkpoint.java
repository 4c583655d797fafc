package org.eventsnn.experiments.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eventsnn.core.io.FormatException;
import org.eventsnn.core.io.Json;

/**
 * {@code checkpoint.json}: everything needed to continue a run exactly: hyperparameters and
 * seed (to refuse resuming a different run), epochs done, weights, optimizer state and steps,
 * weight-bumping state, metrics so far and the wall time spent; with delay learning also the
 * per-synapse delays ({@code delays}) and their optimizer's state and steps
 * ({@code delayOptimizerState}, {@code delayOptimizerSteps}).
 */
final class Checkpoint {
    /** Hyperparameters newer than some checkpoints, with the value that behaves as runs without them did. */
    private static final Map<String, String> SETTINGS_ADDED_LATER = Map.of("reviveBump", "0", "maxNeuronGradient", "0",
            "learnDelays", "0", "delayLearningRate", "1.0E-4", "delayInit", "0", "fixedDelays", "none");

    static final String FILE = "checkpoint.json";
    private static final String FORMAT = "eventsnn-checkpoint";

    private final Path file;
    private final JsonNode root;

    private Checkpoint(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    /** The checkpoint in {@code dir}, or null. */
    static Checkpoint find(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.exists(f)) {
            return null;
        }
        JsonNode root = Json.read(f);
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new FormatException(f + ": format is not " + FORMAT);
        }
        Checkpoint c = new Checkpoint(f, root);
        c.requireWellFormed();
        return c;
    }

    /**
     * Checks every field's type and range before any is used (a resumed run must not read a
     * damaged field as 0), naming the field and its value; shapes against the network are
     * checked where the weights are restored ({@link #refused}).
     */
    private void requireWellFormed() {
        JsonNode version = root.path("version");
        if (!version.isInt() || version.intValue() != 1) {
            throw bad("version", version, "unsupported version, this eventsnn reads version 1");
        }
        integer("seed", Long.MIN_VALUE, Long.MAX_VALUE);
        if (!root.path("hyperparameters").isObject()) {
            throw bad("hyperparameters", root.path("hyperparameters"), "expected an object");
        }
        int epochs = (int) integer("epochsDone", 0, Integer.MAX_VALUE);
        JsonNode seconds = root.path("seconds");
        if (!seconds.isNumber() || !(seconds.doubleValue() >= 0)) {
            throw bad("seconds", seconds, "expected a number >= 0");
        }
        integer("optimizerSteps", 0, Long.MAX_VALUE);
        JsonNode weights = root.path("weights");
        integer("bumpedLayer", -1, weights.size() - 1);
        if (!root.path("bump").isNumber()) {
            throw bad("bump", root.path("bump"), "expected a number");
        }
        requireNumbers("weights", weights, 2);
        requireNumbers("optimizerState", root.path("optimizerState"), 3);
        if (root.has("delays")) {
            requireNumbers("delays", root.get("delays"), 2);
            requireNumbers("delayOptimizerState", root.path("delayOptimizerState"), 3);
            integer("delayOptimizerSteps", 0, Long.MAX_VALUE);
        }
        JsonNode metrics = root.path("metrics");
        if (!metrics.isArray()) {
            throw bad("metrics", metrics, "expected a list of metrics.csv rows");
        }
        if (metrics.size() != epochs) {
            throw new FormatException(file + ": metrics: " + metrics.size() + " rows, expected one per epoch done ("
                    + epochs + ")");
        }
        for (int i = 0; i < metrics.size(); i++) {
            try {
                if (!metrics.get(i).isTextual()) {
                    throw new IllegalArgumentException("not a string");
                }
                EpochMetrics.parse(metrics.get(i).asText());
            } catch (IllegalArgumentException e) {
                throw bad("metrics[" + i + "]", metrics.get(i), "expected a metrics.csv row of 9 numbers");
            }
        }
    }

    private long integer(String field, long min, long max) {
        JsonNode n = root.path(field);
        if (!n.canConvertToLong() || !n.isIntegralNumber() || n.longValue() < min || n.longValue() > max) {
            throw bad(field, n, "expected a whole number"
                    + (min == Long.MIN_VALUE ? "" : " in [" + min + ", " + (max == Long.MAX_VALUE ? "..." : max) + "]"));
        }
        return n.longValue();
    }

    /** Requires {@code n} to be nested lists of numbers, {@code depth} deep. */
    private void requireNumbers(String field, JsonNode n, int depth) {
        if (depth == 0 ? !n.isNumber() : !n.isArray()) {
            throw bad(field, n, depth == 0 ? "expected a number" : "expected a list");
        }
        for (int i = 0; depth > 0 && i < n.size(); i++) {
            requireNumbers(field + "[" + i + "]", n.get(i), depth - 1);
        }
    }

    private FormatException bad(String field, JsonNode value, String expected) {
        String shown = value.isMissingNode() ? null : value.toString();
        if (shown != null && shown.length() > 60) {
            shown = shown.substring(0, 60) + "...";
        }
        return new FormatException(file + ": " + field + (shown == null ? ": missing" : " = " + shown) + ": " + expected);
    }

    /** A checkpoint whose weights or optimizer state do not fit the network, {@code e} saying how. */
    FormatException refused(IllegalArgumentException e) {
        return new FormatException(file + ": " + e.getMessage(), e);
    }

    void requireSameRun(TrainingConfig config, long seed) {
        if (root.path("seed").asLong() != seed) {
            throw new IllegalArgumentException(file + ": the checkpoint is of seed " + root.path("seed").asLong()
                    + ", not " + seed + "; resume with the same --seed");
        }
        JsonNode saved = root.path("hyperparameters");
        ObjectNode now = config.toJson();
        for (var it = now.fieldNames(); it.hasNext();) {
            String k = it.next();
            String before = saved.has(k) ? saved.get(k).asText() : SETTINGS_ADDED_LATER.get(k);
            if (!k.equals("epochs") && !now.get(k).asText().equals(before)) {
                throw new IllegalArgumentException(file + ": hyperparameter " + k + " was " + saved.get(k) + ", now "
                        + now.get(k) + "; resume with the same settings (only epochs may change)");
            }
        }
    }

    int epochsDone() {
        return root.path("epochsDone").asInt();
    }

    double seconds() {
        return root.path("seconds").asDouble();
    }

    /** Weight-bumping state after the last batch: the layer bumped (-1 if none) and its bump. */
    int bumpedLayer() {
        return root.path("bumpedLayer").asInt(-1);
    }

    double bump() {
        return root.path("bump").asDouble(0);
    }

    long optimizerSteps() {
        return root.path("optimizerSteps").asLong();
    }

    double[][] weights() {
        return matrix(root.path("weights"));
    }

    double[][][] optimizerState() {
        return stateOf("optimizerState");
    }

    /** The matrix saved as {@code name} (e.g. {@code delays}); an error naming the file if it is missing. */
    double[][] matrixOf(String name) {
        return matrix(required(name));
    }

    /** The optimizer state arrays saved as {@code name}. */
    double[][][] stateOf(String name) {
        JsonNode s = required(name);
        double[][][] out = new double[s.size()][][];
        for (int a = 0; a < out.length; a++) {
            out[a] = matrix(s.get(a));
        }
        return out;
    }

    /** The step count saved as {@code name}. */
    long stepsOf(String name) {
        return required(name).asLong();
    }

    private JsonNode required(String name) {
        if (!root.has(name)) {
            throw new FormatException(file + ": " + name + " is missing");
        }
        return root.get(name);
    }

    List<EpochMetrics> metrics() {
        List<EpochMetrics> list = new ArrayList<>();
        for (JsonNode row : root.path("metrics")) {
            list.add(EpochMetrics.parse(row.asText()));
        }
        return list;
    }

    private static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new double[rows.get(i).size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = rows.get(i).get(j).asDouble();
            }
        }
        return m;
    }

    /**
     * The checkpoint's content, a copy of every value it holds; {@code delays} (null without delay
     * learning) adds the delays and their optimizer. Written by {@link #write}.
     */
    static ObjectNode toJson(TrainingConfig config, long seed, int epochsDone, double[][] weights, long optimizerSteps,
                             double[][][] optimizerState, int bumpedLayer, double bump, List<EpochMetrics> history,
                             double seconds, DelayLearning delays) {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.put("version", 1);
        root.put("seed", seed);
        root.set("hyperparameters", config.toJson());
        root.put("epochsDone", epochsDone);
        root.put("seconds", seconds);
        root.put("optimizerSteps", optimizerSteps);
        root.put("bumpedLayer", bumpedLayer);
        root.put("bump", bump);
        putMatrix(root.putArray("weights"), weights);
        ArrayNode state = root.putArray("optimizerState");
        for (double[][] a : optimizerState) {
            putMatrix(state.addArray(), a);
        }
        if (delays != null) {
            delays.writeTo(root);
        }
        ArrayNode m = root.putArray("metrics");
        for (EpochMetrics e : history) {
            m.add(e.csv());
        }
        return root;
    }

    /** Writes a checkpoint's content ({@link #toJson}) into {@code dir}. */
    static void write(Path dir, ObjectNode content) throws IOException {
        Json.write(dir.resolve(FILE), content);
    }

    static void putMatrix(ArrayNode target, double[][] m) {
        for (double[] row : m) {
            ArrayNode r = target.addArray();
            for (double v : row) {
                r.add(v);
            }
        }
    }
}

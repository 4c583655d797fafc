package org.eventsnn.experiments.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eventsnn.core.io.FormatException;
import org.eventsnn.core.io.Json;

/**
 * Every hyperparameter of a Yin-Yang training run, by name. Starts from a {@link Presets
 * preset}; a config file (a JSON object of the same names) and {@code --set name=value}
 * options override it. Names and meanings are listed in {@link #DESCRIPTIONS}; an unknown name
 * or a value of the wrong kind is an error. Immutable: {@link #with} returns a new config.
 */
public final class TrainingConfig {
    /** Every hyperparameter with its meaning (units: seconds for times). */
    public static final Map<String, String> DESCRIPTIONS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("preset", "name of the preset this config started from");
        d.put("method", "gradient method: eventprop or fastdeep");
        d.put("hidden", "number of hidden neurons");
        d.put("tauMem", "membrane time constant");
        d.put("tauSyn", "synaptic time constant");
        d.put("threshold", "firing threshold");
        d.put("leak", "leak (resting) potential");
        d.put("reset", "reset potential");
        d.put("refractory", "refractory period");
        d.put("tEarly", "spike time of feature value 0");
        d.put("tLate", "spike time of feature value 1");
        d.put("biasTime", "time of the bias spike (negative: no bias neuron)");
        d.put("biasToOutput", "whether the bias neuron also feeds the output layer (1) or not (0)");
        d.put("duration", "simulated window of every sample");
        d.put("loss", "ttfs-ce or target-mse");
        d.put("tau0", "ttfs-ce softmax time scale");
        d.put("alpha", "ttfs-ce regulariser weight");
        d.put("tau1", "ttfs-ce regulariser time scale");
        d.put("targetCorrect", "target-mse target time of the label neuron");
        d.put("targetWrong", "target-mse target time of the other output neurons");
        d.put("silentPenalty", "eventprop: penalty (threshold - Vmax)/(threshold - leak) on a silent label neuron (0: off)");
        d.put("hiddenMean", "mean of the initial input-to-hidden weights");
        d.put("hiddenStd", "standard deviation of the initial input-to-hidden weights");
        d.put("outputMean", "mean of the initial hidden-to-output weights");
        d.put("outputStd", "standard deviation of the initial hidden-to-output weights");
        putOptimizerDescriptions(d);
        d.put("trainSize", "training samples (the published split has 5000)");
        d.put("validationSize", "validation samples (1000)");
        d.put("testSize", "test samples (1000)");
        DESCRIPTIONS = Collections.unmodifiableMap(d);
    }

    private static final Set<String> TEXT = Set.of("preset", "method", "loss", "optimizer", "decay", DelayLearning.FIXED);
    /** Numeric 0/1 settings that also take the words true and false. */
    private static final Set<String> FLAGS = Set.of("learnDelays");

    /** The Yin-Yang schema: its names, text names and checks. */
    private static final Schema YIN_YANG = new Schema(DESCRIPTIONS, TEXT, TrainingConfig::validatedYinYang);

    private final Schema schema;
    private final Map<String, Object> values;

    /** A Yin-Yang config. */
    TrainingConfig(Map<String, Object> values) {
        this(YIN_YANG, values);
    }

    /** A config of another task's schema. */
    TrainingConfig(Schema schema, Map<String, Object> values) {
        this.schema = schema;
        for (String k : schema.descriptions.keySet()) {
            if (!values.containsKey(k)) {
                throw new IllegalArgumentException("hyperparameter " + k + " has no value");
            }
        }
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * The hyperparameters of one task: names with meanings, which of them are text, and the
     * checks of a whole config (returning it).
     */
    static final class Schema {
        final Map<String, String> descriptions;
        final Set<String> text;
        final java.util.function.UnaryOperator<TrainingConfig> validator;

        Schema(Map<String, String> descriptions, Set<String> text, java.util.function.UnaryOperator<TrainingConfig> validator) {
            this.descriptions = Collections.unmodifiableMap(new LinkedHashMap<>(descriptions));
            this.text = Set.copyOf(text);
            this.validator = validator;
        }
    }

    /** Every hyperparameter of this config's task with its meaning, in listing order. */
    public Map<String, String> descriptions() {
        return schema.descriptions;
    }

    /** This config with {@code name} set from text (a number, or a word for text parameters). */
    public TrainingConfig with(String name, String value) {
        return set(name, value).validated();
    }

    /** As {@link #with(String, String)} but not yet checked as a whole. */
    private TrainingConfig set(String name, String value) {
        requireKnown(name);
        Map<String, Object> m = new LinkedHashMap<>(values);
        if (schema.text.contains(name)) {
            m.put(name, value);
        } else if (FLAGS.contains(name) && (value.equals("true") || value.equals("false"))) {
            m.put(name, value.equals("true") ? 1.0 : 0.0);
        } else {
            try {
                double v = Double.parseDouble(value);
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException();
                }
                m.put(name, v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hyperparameter " + name + " must be "
                        + (FLAGS.contains(name) ? "1, 0, true or false" : "a finite number") + ", got '" + value + "'");
            }
        }
        return new TrainingConfig(schema, m);
    }

    /**
     * This config with every {@code name=value} of {@code overrides} set, in order, then checked
     * as a whole, so settings that depend on each other (method and silentPenalty) may come in
     * any order.
     */
    public TrainingConfig withAll(Map<String, String> overrides) {
        TrainingConfig c = this;
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            c = c.set(e.getKey(), e.getValue());
        }
        return c.validated();
    }

    /** This config with a number set. */
    public TrainingConfig with(String name, double value) {
        return with(name, Double.toString(value));
    }

    /**
     * The meanings of the settings every task shares, into {@code d}: the optimizer and its
     * schedule, gradient scaling, delay learning and the weight bumps.
     */
    static void putOptimizerDescriptions(Map<String, String> d) {
        d.put("optimizer", "adam or sgd");
        d.put("learningRate", "initial learning rate");
        d.put("momentum", "sgd momentum");
        d.put("decay", "learning-rate schedule: none, step or exponential");
        d.put("decayFactor", "learning-rate factor per decay");
        d.put("decayEvery", "epochs between step decays");
        d.put("batchSize", "samples per mini-batch");
        d.put("epochs", "epochs to train");
        d.put("maxUpdateNorm", "limit of each update's global norm (0: none)");
        d.put("maxNeuronGradient", "leave a sample's gradients into a neuron out of the batch when the largest, over the batch size, exceeds this (Fast and Deep's max_dw_norm; 0: never)");
        d.put("clipValue", "elementwise gradient clipping (0: none)");
        d.put("clipNorm", "scale each batch's gradient down to this global norm if larger (0: none)");
        d.put("gradientScale", "factor applied to gradients before clipping");
        DelayLearning.putDescriptions(d);
        d.put("weightBump", "amount added to weights into silent neurons after a batch (0: off)");
        d.put("reviveBump", "amount added after a batch to weights into hidden neurons that fired in none of its samples, decayed like the learning rate (0: off)");
        d.put("bumpHiddenFraction", "bump a hidden layer when more than this fraction of its spikes is missing in a batch");
        d.put("bumpOutputFraction", "bump the output layer when more than this fraction of its spikes is missing");
    }

    /**
     * The settings of a JSON config file (an object of hyperparameter names), as text in file
     * order, for {@link #withAll}; names and value types are checked here.
     */
    public static Map<String, String> readSettings(Path file) {
        return settingsFrom(YIN_YANG, file);
    }

    /**
     * The settings of a JSON config file for this config's task, as text in file order, for
     * {@link #withAll}; names and value types are checked here.
     */
    public Map<String, String> settingsFrom(Path file) {
        return settingsFrom(schema, file);
    }

    private static Map<String, String> settingsFrom(Schema schema, Path file) {
        JsonNode root = Json.read(file);
        if (!root.isObject()) {
            throw new FormatException(file + ": expected a JSON object of hyperparameters");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!schema.descriptions.containsKey(e.getKey())) {
                throw new FormatException(file + ": " + e.getKey() + " is not a hyperparameter (see 'eventsnn train --help')");
            }
            JsonNode v = e.getValue();
            boolean flag = FLAGS.contains(e.getKey()) && v.isBoolean();
            if (!flag && (schema.text.contains(e.getKey()) != v.isTextual() || (!v.isTextual() && !v.isNumber()))) {
                throw new FormatException(file + ": " + e.getKey() + " = " + v + ": expected "
                        + (schema.text.contains(e.getKey()) ? "a string" : "a number"));
            }
            settings.put(e.getKey(), v.asText());
        }
        return settings;
    }

    private void requireKnown(String name) {
        if (!schema.descriptions.containsKey(name)) {
            throw new IllegalArgumentException("unknown hyperparameter '" + name + "'; known: " + schema.descriptions.keySet());
        }
    }

    /** The value of a numeric hyperparameter. */
    public double number(String name) {
        requireKnown(name);
        return (Double) values.get(name);
    }

    /** The value of a numeric hyperparameter that must be a whole number. */
    public int integer(String name) {
        double v = number(name);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("hyperparameter " + name + " must be a whole number, got " + v);
        }
        return (int) v;
    }

    /** The value of a text hyperparameter (preset, method, loss, optimizer, decay). */
    public String text(String name) {
        requireKnown(name);
        return (String) values.get(name);
    }

    /** True if a numeric hyperparameter is not 0. */
    public boolean flag(String name) {
        return number(name) != 0;
    }

    /** All values as a JSON object (what result.json records). */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        values.forEach((k, v) -> {
            if (v instanceof String) {
                o.put(k, (String) v);
            } else {
                double d = (Double) v;
                if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                    o.put(k, (long) d);
                } else {
                    o.put(k, d);
                }
            }
        });
        return o;
    }

    /** Checks ranges and choices; returns this. */
    TrainingConfig validated() {
        return schema.validator.apply(this);
    }

    /** The Yin-Yang checks. */
    private TrainingConfig validatedYinYang() {
        requireChoice("method", "eventprop", "fastdeep");
        requireChoice("loss", "ttfs-ce", "target-mse");
        requireChoice("optimizer", "adam", "sgd");
        requireChoice("decay", "none", "step", "exponential");
        for (String k : new String[] {"tauMem", "tauSyn", "duration", "tau0", "tau1", "learningRate", "tLate"}) {
            if (!(number(k) > 0)) {
                throw new IllegalArgumentException("hyperparameter " + k + " must be > 0, got " + number(k));
            }
        }
        for (String k : new String[] {"hidden", "batchSize", "epochs", "trainSize", "validationSize", "testSize", "decayEvery"}) {
            if (integer(k) < (k.endsWith("Size") && !k.equals("batchSize") ? 0 : 1)) {
                throw new IllegalArgumentException("hyperparameter " + k + " is too small: " + number(k));
            }
        }
        for (String k : new String[] {"refractory", "alpha", "maxUpdateNorm", "maxNeuronGradient", "clipValue", "clipNorm", "weightBump", "reviveBump", "tEarly",
            "momentum", "hiddenStd", "outputStd", "gradientScale", "silentPenalty", "targetCorrect", "targetWrong"}) {
            if (!(number(k) >= 0)) {
                throw new IllegalArgumentException("hyperparameter " + k + " must be >= 0, got " + number(k));
            }
        }
        DelayLearning.validate(this);
        if (!(number("threshold") > number("reset"))) {
            throw new IllegalArgumentException("threshold must be > reset, got " + number("threshold") + " and " + number("reset"));
        }
        if (number("silentPenalty") > 0 && !text("method").equals("eventprop")) {
            throw new IllegalArgumentException("silentPenalty needs method eventprop (set silentPenalty=0 to use " + text("method") + ")");
        }
        if (!(number("tLate") > number("tEarly"))) {
            throw new IllegalArgumentException("tLate must be > tEarly");
        }
        if (number("tLate") > number("duration") || number("biasTime") > number("duration")) {
            throw new IllegalArgumentException("input spikes (tLate, biasTime) must lie inside duration " + number("duration"));
        }
        return this;
    }

    void requireChoice(String name, String... choices) {
        String v = text(name);
        for (String c : choices) {
            if (c.equals(v)) {
                return;
            }
        }
        throw new IllegalArgumentException("hyperparameter " + name + " must be one of " + String.join(", ", choices)
                + ", got '" + v + "'");
    }

    @Override
    public String toString() {
        return values.toString();
    }
}

package org.eventsnn.experiments.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.eventsnn.core.base.SplitMix64;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Projection;
import org.eventsnn.gradients.Adam;
import org.eventsnn.gradients.Optimizer;
import org.eventsnn.gradients.SgdMomentum;

/**
 * Delay learning ({@code learnDelays}, docs/delay-learning.md): every synapse of every
 * projection gets a delay of its own, learned with the weights. Initial delay of a synapse: its
 * projection's delay plus a draw uniform in {@code [0, delayInit)} from a stream of its own
 * ({@code SplitMix64(seed ^ STREAM)}, synapse by synapse in projection order), so the initial
 * weights are those of the same seed without delay learning. After each batch an optimizer of
 * the configured kind ({@code adam}, or {@code sgd} with {@code momentum}), with learning rate
 * {@code delayLearningRate} scheduled like {@code learningRate} and neither clipping nor
 * gradient scaling, steps the delays along their mean gradients; then every delay is projected
 * onto {@code d >= 0} ({@code d = max(0, d)}). The projections {@code fixedDelays} names keep
 * their one delay: they are not given per-synapse delays, and their synapses' draws are made
 * but not used, so the other projections start as without the opt-out.
 */
final class DelayLearning {
    /** The one text setting of delay learning: the projections whose delays are not learned. */
    static final String FIXED = "fixedDelays";
    /** Its value naming no projection. */
    static final String NONE = "none";
    /** The delay-learning hyperparameters with their meanings. */
    static final Map<String, String> DESCRIPTIONS = Map.of(
            "learnDelays", "learn a delay per synapse with the weights: 1 (or true) or 0 (or false)",
            "delayLearningRate", "initial learning rate of the delays, seconds per step, scheduled like learningRate",
            "delayInit", "initial delays: each synapse's projection delay plus a draw uniform in [0, delayInit) seconds",
            FIXED, "projections whose one delay stays fixed while the others' are learned: none, or SOURCE:TARGET "
                    + "population pairs separated by commas (each names every projection from SOURCE to TARGET)");
    /** The order the descriptions are listed in. */
    static final String[] NAMES = {"learnDelays", "delayLearningRate", "delayInit", FIXED};
    /** Their values in every preset. */
    static final Map<String, Object> DEFAULTS = Map.of("learnDelays", 0.0, "delayLearningRate", 1e-4, "delayInit", 0.0,
            FIXED, NONE);
    /** Mixed into the seed for the initial delays' stream. */
    private static final long STREAM = 0x6A09E667F3BCC909L;

    private final TrainingConfig config;
    private final Optimizer optimizer;
    private double[][] delays;
    /** Per projection, true if {@code fixedDelays} names it (known once the network is). */
    private boolean[] fixed;
    /** Per fixed projection, zero gradients of its length (the optimizer's step then leaves it as it is); else null. */
    private double[][] zeroGradients;

    private DelayLearning(TrainingConfig config) {
        this.config = config;
        double rate = config.number("delayLearningRate");
        optimizer = config.text("optimizer").equals("adam") ? new Adam(rate)
                : new SgdMomentum(rate, config.number("momentum"));
    }

    /** Delay learning as {@code config} sets it up, or null if {@code learnDelays} is off. */
    static DelayLearning of(TrainingConfig config) {
        return config.flag("learnDelays") ? new DelayLearning(config) : null;
    }

    /** Puts the descriptions into {@code d}, in listing order. */
    static void putDescriptions(Map<String, String> d) {
        for (String k : NAMES) {
            d.put(k, DESCRIPTIONS.get(k));
        }
    }

    /** Puts the preset values into {@code m}. */
    static void putDefaults(Map<String, Object> m) {
        for (String k : NAMES) {
            m.put(k, DEFAULTS.get(k));
        }
    }

    /** Checks the delay-learning settings of {@code c}. */
    static void validate(TrainingConfig c) {
        double learn = c.number("learnDelays");
        if (learn != 0 && learn != 1) {
            throw new IllegalArgumentException("hyperparameter learnDelays must be 1 (true) or 0 (false), got " + learn);
        }
        if (!(c.number("delayLearningRate") > 0)) {
            throw new IllegalArgumentException("hyperparameter delayLearningRate must be > 0, got "
                    + c.number("delayLearningRate"));
        }
        if (!(c.number("delayInit") >= 0)) {
            throw new IllegalArgumentException("hyperparameter delayInit must be >= 0, got " + c.number("delayInit"));
        }
        fixedPairs(c.text(FIXED));
    }

    /**
     * The SOURCE:TARGET pairs of a {@code fixedDelays} value, each as {source, target}; none for
     * {@code none}. Refuses empty names, a pair without exactly one colon, and repeated pairs.
     */
    static String[][] fixedPairs(String value) {
        if (value.equals(NONE)) {
            return new String[0][];
        }
        String[] items = value.split(",", -1);
        String[][] pairs = new String[items.length][];
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < items.length; i++) {
            String[] st = items[i].trim().split(":", -1);
            if (st.length != 2 || st[0].isEmpty() || st[1].isEmpty()) {
                throw new IllegalArgumentException("hyperparameter " + FIXED + " must be " + NONE
                        + " or SOURCE:TARGET pairs separated by commas, got '" + value + "'");
            }
            if (!seen.add(st[0] + ":" + st[1])) {
                throw new IllegalArgumentException("hyperparameter " + FIXED + " names " + st[0] + ":" + st[1]
                        + " twice, in '" + value + "'");
            }
            pairs[i] = st;
        }
        return pairs;
    }

    /**
     * Marks the projections of {@code net} that {@code fixedDelays} names; refuses a pair that
     * names none of them.
     */
    private void findFixed(Network net) {
        fixed = new boolean[net.projections().size()];
        zeroGradients = new double[fixed.length][];
        for (String[] pair : fixedPairs(config.text(FIXED))) {
            boolean found = false;
            for (int p = 0; p < fixed.length; p++) {
                Projection pr = net.projection(p);
                if (net.population(pr.source()).name().equals(pair[0]) && net.population(pr.target()).name().equals(pair[1])) {
                    fixed[p] = true;
                    zeroGradients[p] = new double[pr.synapseCount()];
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalArgumentException("hyperparameter " + FIXED + ": the model has no projection from "
                        + pair[0] + " to " + pair[1] + " (its projections: " + projectionNames(net) + ")");
            }
        }
    }

    private static String projectionNames(Network net) {
        StringBuilder b = new StringBuilder();
        for (Projection pr : net.projections()) {
            b.append(b.length() == 0 ? "" : ", ").append(net.population(pr.source()).name()).append(':')
                    .append(net.population(pr.target()).name());
        }
        return b.toString();
    }

    /** {@code net} with its initial per-synapse delays drawn from {@code seed}. */
    Network initialise(Network net, long seed) {
        findFixed(net);
        SplitMix64 rng = new SplitMix64(seed ^ STREAM);
        double spread = config.number("delayInit");
        double[][] d = new double[net.projections().size()][];
        for (int p = 0; p < d.length; p++) {
            Projection pr = net.projection(p);
            if (!pr.isStored()) {
                throw new IllegalArgumentException("learnDelays needs stored synapses: projection " + p + " is procedural");
            }
            d[p] = pr.delays();
            for (int s = 0; s < d[p].length; s++) {
                double draw = spread * rng.nextDouble();
                if (!fixed[p]) {
                    d[p][s] += draw;
                }
            }
        }
        return use(net, d);
    }

    /** {@code net} with the delays and optimizer state of checkpoint {@code c}. */
    Network restore(Network net, Checkpoint c) {
        findFixed(net);
        double[][] d = c.matrixOf("delays");
        if (d.length != net.projections().size()) {
            throw new IllegalArgumentException(Checkpoint.FILE + ": delays: expected " + net.projections().size()
                    + " projections, got " + d.length);
        }
        for (int p = 0; p < d.length; p++) {
            if (d[p].length != net.projection(p).synapseCount()) {
                throw new IllegalArgumentException(Checkpoint.FILE + ": delays[" + p + "]: expected "
                        + net.projection(p).synapseCount() + " synapses, got " + d[p].length);
            }
        }
        optimizer.restoreState(d, c.stateOf("delayOptimizerState"), c.stepsOf("delayOptimizerSteps"));
        return use(net, d);
    }

    /** Sets the learning rate of an epoch: {@code delayLearningRate} times the weights' schedule factor. */
    void scheduleLike(double weightRate) {
        optimizer.setLearningRate(config.number("delayLearningRate") * weightRate / config.number("learningRate"));
    }

    /** One step along the batch's mean delay gradients, then the projection onto d >= 0; returns the new network. */
    Network step(Network net, double[][] meanDelayGradients) {
        double[][] g = meanDelayGradients.clone();
        for (int p = 0; p < g.length; p++) {
            if (fixed[p]) {
                g[p] = zeroGradients[p];
            }
        }
        optimizer.step(delays, g);
        for (double[] row : delays) {
            for (int s = 0; s < row.length; s++) {
                row[s] = Math.max(0, row[s]);
            }
        }
        return use(net, delays);
    }

    /** Writes the delays and their optimizer's state into a checkpoint's root. */
    void writeTo(ObjectNode root) {
        Checkpoint.putMatrix(root.putArray("delays"), delays);
        var state = root.putArray("delayOptimizerState");
        for (double[][] a : optimizer.state()) {
            Checkpoint.putMatrix(state.addArray(), a);
        }
        root.put("delayOptimizerSteps", optimizer.steps());
    }

    /** {@code net} with delays {@code d}, per synapse except on the fixed projections, which keep their one delay. */
    private Network use(Network net, double[][] d) {
        delays = d;
        for (int p = 0; p < d.length; p++) {
            if (!fixed[p]) {
                net = net.withDelays(p, d[p]);
            }
        }
        return net;
    }
}

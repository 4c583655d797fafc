package org.eventsnn.experiments.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.core.model.SynapseLayout;
import org.eventsnn.core.io.FormatException;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.nir.ModelLoader;
import org.eventsnn.core.io.SpikeFiles;
import org.eventsnn.core.base.Arguments;
import org.eventsnn.gradients.EventProp;
import org.eventsnn.gradients.FastAndDeep;
import org.eventsnn.gradients.FirstSpikeLinear;
import org.eventsnn.gradients.GradientMethod;
import org.eventsnn.gradients.MaxVoltageCrossEntropy;
import org.eventsnn.gradients.SpikeCountCrossEntropy;
import org.eventsnn.gradients.Gradients;
import org.eventsnn.gradients.SpikeTimeLoss;
import org.eventsnn.gradients.TargetMse;
import org.eventsnn.gradients.TtfsCrossEntropy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eventsnn gradient}: exact gradients of a spike-time loss for one model and input. */
@Command(name = "gradient", mixinStandardHelpOptions = true,
        description = {"Exact gradients (EventProp or Fast & Deep) of a loss on an output population's first spikes.",
                "Each loss takes only its own options: ttfs-ce --label --tau0 [--alpha --tau1];"
                        + " first-spike-linear --coefficients; target-mse --targets; max-voltage-ce --label;"
                        + " count-ce --label --tau-count [--readout-start --count-scale].",
                "If no output neuron fires, a spike-time loss has no gradient: every gradient is 0, and a warning"
                        + " goes to standard error and into the output's \"warnings\"."})
final class GradientCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model file (eventsnn-model JSON, or NIR recognised by its HDF5 signature).")
    Path model;

    @Option(names = "--input", required = true, description = "Input spike file.")
    Path input;

    @Option(names = "--method", required = true, description = "eventprop or fastdeep.")
    String method;

    @Option(names = "--loss", required = true,
            description = "ttfs-ce, first-spike-linear, target-mse, or, with eventprop only, max-voltage-ce or"
                    + " count-ce (on every output spike).")
    String loss;

    @Option(names = "--population", required = true, description = "Output population the loss reads.")
    String population;

    @Option(names = "--label", description = "Class label, required by ttfs-ce, max-voltage-ce and count-ce (no default).")
    Integer label;

    @Option(names = "--tau0", description = "Softmax time scale of ttfs-ce, seconds (required by ttfs-ce, no default).")
    Double tau0;

    @Option(names = "--alpha", description = "Regulariser weight of ttfs-ce (default 0).")
    Double alpha;

    @Option(names = "--tau1", description = "Regulariser time scale of ttfs-ce, seconds (required with --alpha).")
    Double tau1;

    @Option(names = "--coefficients", split = ",", description = "first-spike-linear coefficients, one per output neuron (required by first-spike-linear).")
    double[] coefficients;

    @Option(names = "--targets", split = ",", description = "target-mse target times, one per output neuron (required by target-mse).")
    double[] targets;

    @Option(names = "--tau-count", description = "count-ce: time over which a spike after the readout start is"
            + " switched on, seconds (required by count-ce, no default).")
    Double tauCount;

    @Option(names = "--readout-start", description = "count-ce: spikes before this time do not count, seconds (default 0).")
    Double readoutStart;

    @Option(names = "--count-scale", description = "count-ce: softmax temperature, 1 for raw counts (default 1).")
    Double countScale;

    @Option(names = "--output", required = true, description = "Gradient file (JSON), written atomically; - writes to standard output.")
    Path output;

    @Option(names = "--max-spikes", paramLabel = "N",
            description = "Stop with an error after N spikes, inputs included (default: what a quarter of the maximum"
                    + " heap holds for this model, at least 100000).")
    Long maxSpikes;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        GradientMethod m = switch (method) {
            case "eventprop" -> new EventProp();
            case "fastdeep" -> new FastAndDeep();
            default -> throw new IllegalArgumentException("--method must be eventprop or fastdeep, got " + method);
        };
        requireOnlyOptionsOfTheLoss();
        if (maxSpikes != null && maxSpikes < 1) {
            throw new IllegalArgumentException("--max-spikes must be >= 1, got " + maxSpikes);
        }
        OutputFile.check(output);
        Network net = ModelLoader.read(model);
        SpikeTrains spikes = SpikeFiles.read(input);
        try {
            spikes.requireInputOf(net);
        } catch (IllegalArgumentException e) {
            throw new FormatException(input + ": " + e.getMessage() + " (model " + model + ")");
        }
        int out = net.hasPopulation(population) ? net.populationIndex(population) : -1;
        if (out < 0 || net.population(out).isInput()) {
            throw new IllegalArgumentException("--population " + population + " is not a LIF population of " + model);
        }
        int size = net.population(out).size();
        SimulationResult r;
        long budget = maxSpikes != null ? maxSpikes : SpikeBudget.defaultFor(net);
        try {
            r = new Simulator(net, budget).run(spikes);
        } catch (org.eventsnn.core.engine.SimulationLimitException e) {
            throw new IllegalArgumentException(model + ": spike budget exceeded (--max-spikes " + budget + "): "
                    + e.getMessage() + "; runaway activity?");
        }
        Gradients g = loss.equals("max-voltage-ce") ? maxVoltage(m, r, out, size)
                : loss.equals("count-ce") ? spikeCount(m, r, out, size)
                : m.compute(r, out, lossFunction(net.population(out), size), label == null ? 0 : label);
        requireFinite(net, spikes, g);
        ObjectNode json = toJson(m.name(), net, spikes, g);
        ArrayNode warnings = json.putArray("warnings");
        if (!loss.equals("max-voltage-ce") && r.spikes().count(population) == 0) { // count-ce too: no spike, no gradient
            String warning = "no neuron of " + population + " fired, so the loss has no gradient: every gradient is 0";
            warnings.add(warning);
            spec.commandLine().getErr().println("eventsnn: warning: " + warning);
            spec.commandLine().getErr().flush();
        }
        OutputFile.write(output, Json.content(json), spec.commandLine().getOut());
        return 0;
    }

    /**
     * Refuses a loss or gradient that is not a finite number (JSON has none), naming the loss
     * options (a --tau0 whose inverse overflows, targets so far that their square does) or the
     * gradient.
     */
    private void requireFinite(Network net, SpikeTrains spikes, Gradients g) {
        if (!Double.isFinite(g.loss())) {
            throw new IllegalArgumentException("--loss " + loss + lossOptions() + ": the loss is " + g.loss()
                    + " for " + input + ", not a finite number; choose time scales and targets of the order of the"
                    + " spike times");
        }
        for (int p = 0; p < net.projections().size(); p++) {
            Projection pr = net.projection(p);
            String name = "projection " + net.population(pr.source()).name() + " -> " + net.population(pr.target()).name();
            requireFinite(g.weights(p), "the weight gradient of " + name);
            requireFinite(new double[] {g.delay(p)}, "the delay gradient of " + name);
            requireFinite(g.delays(p), "the per-synapse delay gradient of " + name);
        }
        for (String name : spikes.populations()) {
            requireFinite(g.inputTimes(net.populationIndex(name)), "the input time gradient of " + name);
        }
    }

    private void requireFinite(double[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(model + ": " + what + " [" + i + "] is " + values[i] + " with --loss "
                        + loss + lossOptions() + " on " + input + ", not a finite number");
            }
        }
    }

    /** The loss options given, as on the command line. */
    private String lossOptions() {
        StringBuilder s = new StringBuilder();
        Object[][] options = {{"--label", label}, {"--tau0", tau0}, {"--alpha", alpha}, {"--tau1", tau1},
            {"--tau-count", tauCount}, {"--readout-start", readoutStart}, {"--count-scale", countScale}};
        for (Object[] o : options) {
            if (o[1] != null) {
                s.append(' ').append(o[0]).append(' ').append(o[1]);
            }
        }
        for (Object[] o : new Object[][] {{"--coefficients", coefficients}, {"--targets", targets}}) {
            if (o[1] != null) {
                s.append(' ').append(o[0]).append(' ');
                double[] v = (double[]) o[1];
                for (int i = 0; i < v.length; i++) {
                    s.append(i == 0 ? "" : ",").append(v[i]);
                }
            }
        }
        return s.toString();
    }

    /** Refuses options the chosen loss would ignore and requires those it has no default for. */
    private void requireOnlyOptionsOfTheLoss() {
        if (!List.of("ttfs-ce", "first-spike-linear", "target-mse", "max-voltage-ce", "count-ce").contains(loss)) {
            throw new IllegalArgumentException("--loss must be ttfs-ce, first-spike-linear, target-mse,"
                    + " max-voltage-ce or count-ce, got " + loss);
        }
        boolean ttfs = loss.equals("ttfs-ce");
        boolean count = loss.equals("count-ce");
        boolean labelled = ttfs || count || loss.equals("max-voltage-ce");
        refuseUnless(labelled, "--label", label != null);
        refuseUnless(count, "--tau-count", tauCount != null);
        refuseUnless(count, "--readout-start", readoutStart != null);
        refuseUnless(count, "--count-scale", countScale != null);
        refuseUnless(ttfs, "--tau0", tau0 != null);
        refuseUnless(ttfs, "--alpha", alpha != null);
        refuseUnless(ttfs, "--tau1", tau1 != null);
        refuseUnless(loss.equals("first-spike-linear"), "--coefficients", coefficients != null);
        refuseUnless(loss.equals("target-mse"), "--targets", targets != null);
        if (labelled && label == null) {
            throw new IllegalArgumentException("--loss " + loss + " needs --label (the sample's class)");
        }
    }

    private void refuseUnless(boolean applies, String option, boolean given) {
        if (given && !applies) {
            throw new IllegalArgumentException(option + " does not apply to --loss " + loss + " (it would be ignored)");
        }
    }

    private Gradients maxVoltage(GradientMethod m, SimulationResult r, int out, int size) {
        if (!(m instanceof EventProp)) {
            throw new IllegalArgumentException("--loss max-voltage-ce needs --method eventprop");
        }
        requireLabelBelow(size);
        return ((EventProp) m).computeMaxVoltage(r, out, new MaxVoltageCrossEntropy(), label);
    }

    private Gradients spikeCount(GradientMethod m, SimulationResult r, int out, int size) {
        if (!(m instanceof EventProp)) {
            throw new IllegalArgumentException("--loss count-ce needs --method eventprop");
        }
        if (tauCount == null) {
            throw new IllegalArgumentException("--loss count-ce needs --tau-count");
        }
        double tau = Arguments.requirePositive(tauCount, "--tau-count");
        double start = Arguments.requireNonNegative(readoutStart == null ? 0 : readoutStart, "--readout-start");
        double scale = Arguments.requirePositive(countScale == null ? 1 : countScale, "--count-scale");
        requireLabelBelow(size);
        SpikeCountCrossEntropy countLoss = new SpikeCountCrossEntropy(tau, start, scale);
        return m.computeAllSpikes(r, out, countLoss, label);
    }

    private void requireLabelBelow(int size) {
        if (label < 0 || label >= size) {
            throw new IllegalArgumentException("--label must be in [0, " + size + ") for population " + population
                    + ", got " + label);
        }
    }

    private SpikeTimeLoss lossFunction(Population out, int size) {
        switch (loss) {
            case "ttfs-ce":
                if (tau0 == null) {
                    throw new IllegalArgumentException("--loss ttfs-ce needs --tau0");
                }
                requireLabelBelow(size);
                double a = alpha == null ? 0 : alpha;
                if (a != 0 && tau1 == null) {
                    throw new IllegalArgumentException("--alpha needs --tau1");
                }
                return new TtfsCrossEntropy(tau0, a, tau1 == null ? 1 : tau1);
            case "first-spike-linear":
                requireCount("--coefficients", coefficients, size);
                return new FirstSpikeLinear(coefficients);
            default: // target-mse: requireOnlyOptionsOfTheLoss refused any other name
                requireCount("--targets", targets, size);
                return TargetMse.fixed(targets, out.params().tauMem());
        }
    }

    private void requireCount(String option, double[] values, int size) {
        if (values == null || values.length != size) {
            throw new IllegalArgumentException(option + " needs " + size + " values (one per neuron of " + population
                    + "), got " + (values == null ? 0 : values.length));
        }
    }

    static ObjectNode toJson(String method, Network net, SpikeTrains input, Gradients g) {
        ObjectNode root = Json.object();
        root.put("method", method);
        root.put("loss", g.loss());
        ArrayNode projections = root.putArray("projections");
        List<Projection> list = net.projections();
        for (int p = 0; p < list.size(); p++) {
            Projection pr = list.get(p);
            ObjectNode o = projections.addObject();
            o.put("source", net.population(pr.source()).name());
            o.put("target", net.population(pr.target()).name());
            putLikeWeights(o.putArray("weights"), net, pr, g.weights(p));
            o.put("delay", g.delay(p));
            putLikeWeights(o.putArray("delays"), net, pr, g.delays(p));
        }
        ObjectNode inputs = root.putObject("inputTimes");
        for (String name : input.populations()) {
            ArrayNode a = inputs.putArray(name);
            for (double v : g.inputTimes(net.populationIndex(name))) {
                a.add(v);
            }
        }
        return root;
    }

    /** Per-synapse values {@code d} shaped like the projection's weights: a matrix for dense, else a list. */
    private static void putLikeWeights(ArrayNode target, Network net, Projection pr, double[] d) {
        if (pr.layout() == SynapseLayout.DENSE) {
            int cols = net.population(pr.target()).size();
            for (int i = 0; i < net.population(pr.source()).size(); i++) {
                ArrayNode row = target.addArray();
                for (int j = 0; j < cols; j++) {
                    row.add(d[i * cols + j]);
                }
            }
        } else {
            for (double v : d) {
                target.add(v);
            }
        }
    }
}

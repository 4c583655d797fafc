package org.eventsnn.core.io.nir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;

/**
 * Writes an eventsnn network as a NIR graph: an Input node per input population, a CubaLIF
 * node per LIF population (same names; {@code r = tau_syn} and {@code w_in = 1}, so that NIR's
 * weight equals eventsnn's bit for bit), or a LIF node ({@code r = tau}) for a population of
 * delta synapses (an IF node, {@code r = 1}, when it has no leak: {@code tauMem = Double.MAX_VALUE},
 * leak 0; an LI or CubaLI node for a population that feeds none and never fires: threshold
 * {@code Double.MAX_VALUE}, reset 0), a Linear node (weight of shape (target, source)) per projection, followed by
 * a Delay node when the delay is not zero (per target element; per-synapse delays that differ
 * only by source neuron: a Delay per source element before the Linear), and an Output node after
 * every LIF population that feeds no other (after the last LIF population if all do, after the
 * inputs if there is none). Each population and projection also keeps its
 * eventsnn JSON under the node's {@code eventsnn} metadata key, which {@link NirImport} reads
 * back. What NIR cannot express (a refractory period, receptors with different time constants,
 * initial potentials other than the leak) is refused, or with {@code lossy} written without it
 * and a warning per feature.
 */
public final class NirExport {
    /** Largest dense Linear weight matrix written (a Java array's limit, 16 GiB of doubles). */
    static final long MAX_DENSE_ENTRIES = Integer.MAX_VALUE - 8;

    private NirExport() {
    }

    /**
     * Writes {@code network} to {@code file} atomically. Without {@code lossy} a feature NIR
     * cannot express is an {@link IllegalArgumentException} naming population and feature and
     * nothing is written; with it each such feature is a warning.
     */
    public static void write(Network network, Path file, boolean lossy, Consumer<String> warnings) throws IOException {
        NirHdf5.write(graph(network, lossy, warnings), file);
    }

    static NirGraph graph(Network network, boolean lossy, Consumer<String> warnings) {
        ObjectNode json = ModelFiles.toJson(network);
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        List<String[]> edges = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        List<Population> pops = network.populations();
        for (Population p : pops) {
            requireNodeName(p.name());
            taken.add(p.name());
        }
        for (int i = 0; i < pops.size(); i++) {
            Population p = pops.get(i);
            String meta = metadata("population", i, json.get("populations").get(i));
            if (p.isInput()) {
                nodes.put(p.name(), new NirNode(p.name(), "Input", Map.of("shape", NdArray.vector(new double[] {p.size()})),
                        Map.of(), meta));
            } else {
                checkExpressible(p, lossy, warnings);
                boolean lif = allDelta(p.params());
                boolean readout = network.outgoingCount(i) == 0 && neverFires(p);
                boolean noLeak = lif && !readout && withoutLeak(p);
                boolean integrator = readout && lif && withoutLeak(p);
                String type = integrator ? "I" : readout ? (lif ? "LI" : "CubaLI") : noLeak ? "IF" : lif ? "LIF" : "CubaLIF";
                Map<String, NdArray> params = integrator ? readout(integrateAndFire(p))
                        : readout ? readout(lif ? lif(p) : cubaLif(p)) : noLeak ? integrateAndFire(p) : lif ? lif(p) : cubaLif(p);
                nodes.put(p.name(), new NirNode(p.name(), type, params, Map.of(), meta));
            }
        }
        for (int j = 0; j < network.projections().size(); j++) {
            Projection pr = network.projection(j);
            Population src = network.population(pr.source());
            Population dst = network.population(pr.target());
            String linear = fresh("proj" + j, taken);
            long entries = (long) dst.size() * src.size();
            if (entries > MAX_DENSE_ENTRIES) {
                throw new IllegalArgumentException("projection " + j + " (" + src.name() + " -> " + dst.name() + "): NIR's"
                        + " Linear is dense and would hold " + entries + " weights, more than " + MAX_DENSE_ENTRIES);
            }
            double[] w = new double[(int) entries];
            for (int s = 0; s < pr.synapseCount(); s++) {
                w[pr.post(s) * src.size() + pr.pre(s)] += pr.weight(s);
            }
            nodes.put(linear, new NirNode(linear, "Linear",
                    Map.of("weight", new NdArray(w, new int[] {dst.size(), src.size()})), Map.of(),
                    metadata("projection", j, json.get("projections").get(j))));
            double[] before = null; // a Delay per source element, before the Linear
            double[] after = null; // a Delay per target element, after it
            if (!pr.hasSynapseDelays()) {
                after = pr.delay() != 0 ? LinearOp.filled(dst.size(), pr.delay()) : null;
            } else if ((after = perSide(pr, dst.size(), false)) == null && (before = perSide(pr, src.size(), true)) == null) {
                String feature = "delays that differ between the synapses of one source neuron and of one target neuron"
                        + " (NIR's Delay holds one delay per element)";
                if (!lossy) {
                    throw new IllegalArgumentException("projection " + j + " (" + src.name() + " -> " + dst.name() + "): "
                            + feature + ": not expressible in NIR (--lossy writes it without, keeping it in eventsnn metadata)");
                }
                warnings.accept("projection " + j + " (" + src.name() + " -> " + dst.name() + "): " + feature
                        + ": written without delays; kept in the node's eventsnn metadata");
            }
            String first = linear;
            if (before != null) {
                first = fresh("proj" + j + "_delay", taken);
                nodes.put(first, new NirNode(first, "Delay", Map.of("delay", NdArray.vector(before)), Map.of(), null));
                edges.add(new String[] {first, linear});
            }
            edges.add(new String[] {src.name(), first});
            String last = linear;
            if (after != null && !allZero(after)) {
                String delay = fresh("proj" + j + "_delay", taken);
                nodes.put(delay, new NirNode(delay, "Delay", Map.of("delay", NdArray.vector(after)), Map.of(), null));
                edges.add(new String[] {linear, delay});
                last = delay;
            }
            edges.add(new String[] {last, dst.name()});
        }
        addOutputs(network, nodes, edges, taken);
        return new NirGraph(NirGraph.WRITTEN_VERSION, nodes, edges);
    }

    /**
     * The delays of a projection with a delay per synapse as one per target element (or, with
     * {@code bySource}, per source element) when every synapse onto that element has the same
     * delay, else null; elements without synapses get 0.
     */
    private static double[] perSide(Projection pr, int size, boolean bySource) {
        double[] d = new double[size];
        boolean[] seen = new boolean[size];
        for (int s = 0; s < pr.synapseCount(); s++) {
            int e = bySource ? pr.pre(s) : pr.post(s);
            if (seen[e] && Double.compare(d[e], pr.delay(s)) != 0) {
                return null;
            }
            seen[e] = true;
            d[e] = pr.delay(s);
        }
        return d;
    }

    private static boolean allZero(double[] d) {
        for (double x : d) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** True if every receptor is a delta synapse: the population is NIR's LIF. */
    private static boolean allDelta(NeuronParameters q) {
        for (int k = 0; k < q.receptorCount(); k++) {
            if (!q.isDeltaReceptor(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True if every neuron is NIR's IF as import maps it: membrane time constant
     * {@link CubaLifNode#NO_LEAK_TAU_MEM}, leak 0 and a threshold above 0 (every receptor a delta synapse).
     */
    private static boolean withoutLeak(Population p) {
        for (int i = 0; i < p.size(); i++) {
            NeuronParameters q = p.params(i);
            if (q.tauMem() != CubaLifNode.NO_LEAK_TAU_MEM || Double.compare(q.leak(), 0.0) != 0 || !(q.threshold() > 0)) {
                return false;
            }
        }
        return true;
    }

    /** True if every neuron has threshold {@link CubaLifNode#READOUT_THRESHOLD} and reset 0: NIR's LI or CubaLI. */
    private static boolean neverFires(Population p) {
        for (int i = 0; i < p.size(); i++) {
            NeuronParameters q = p.params(i);
            if (q.threshold() != CubaLifNode.READOUT_THRESHOLD || Double.compare(q.reset(), 0.0) != 0) {
                return false;
            }
        }
        return true;
    }

    /** LIF or CubaLIF parameters without threshold and reset: LI or CubaLI. */
    private static Map<String, NdArray> readout(Map<String, NdArray> spiking) {
        spiking.remove("v_threshold");
        spiking.remove("v_reset");
        return spiking;
    }

    private static void addOutputs(Network network, Map<String, NirNode> nodes, List<String[]> edges, Set<String> taken) {
        List<Population> leaves = new ArrayList<>();
        Population lastLif = null;
        for (int p = 0; p < network.populations().size(); p++) {
            Population pop = network.population(p);
            if (!pop.isInput()) {
                lastLif = pop;
                if (network.outgoingCount(p) == 0) {
                    leaves.add(pop);
                }
            }
        }
        if (leaves.isEmpty() && lastLif != null) {
            leaves.add(lastLif);
        }
        if (leaves.isEmpty()) {
            // inputs only: an Output per input keeps the edge list non-empty (jHDF 0.13.0 cannot write empty datasets)
            leaves.addAll(network.populations());
        }
        for (Population pop : leaves) {
            String out = fresh("output_" + pop.name(), taken);
            nodes.put(out, new NirNode(out, "Output", Map.of("shape", NdArray.vector(new double[] {pop.size()})), Map.of(), null));
            edges.add(new String[] {pop.name(), out});
        }
    }

    private static void requireNodeName(String name) {
        if (name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("population " + name + ": name cannot be an HDF5 group name ('/' or a dot alone)");
        }
    }

    private static String fresh(String base, Set<String> taken) {
        String name = base;
        while (!taken.add(name)) {
            name = name + "_";
        }
        return name;
    }

    private static String metadata(String kind, int index, JsonNode fragment) {
        ObjectNode m = Json.object();
        m.put("index", index);
        m.set(kind, fragment);
        try {
            return Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses (or, when lossy, warns about) each feature of {@code p} that NIR's CubaLIF cannot hold. */
    private static void checkExpressible(Population p, boolean lossy, Consumer<String> warnings) {
        List<String> lost = new ArrayList<>();
        if (p.params().refractory() != 0) {
            lost.add("refractory period " + p.params().refractory() + " s (NIR's CubaLIF and LIF have none)");
        }
        for (int i = 0; i < p.size(); i++) {
            NeuronParameters q = p.params(i);
            if (!sameTaus(q)) {
                lost.add(q.hasDeltaReceptor() ? "receptors " + q.receptorNames() + " mixing delta synapses (time constant"
                        + " 0) and currents" + (p.hasNeuronParams() ? " (neuron " + i + ")" : "")
                        + " (NIR's LIF has only the one, CubaLIF only the other)"
                        : "receptors " + q.receptorNames() + " with different time constants"
                        + (p.hasNeuronParams() ? " (neuron " + i + ")" : "") + " (NIR's CubaLIF has one synaptic current)");
                break;
            }
        }
        for (int i = 0; i < p.size(); i++) {
            if (Double.compare(p.initialV(i), p.params(i).leak()) != 0) {
                lost.add("initial membrane potential " + p.initialV(i) + " of neuron " + i
                        + " other than the leak (NIR has no initial state)");
                break;
            }
        }
        for (String feature : lost) {
            if (!lossy) {
                throw new IllegalArgumentException("population " + p.name() + ": " + feature
                        + ": not expressible in NIR (--lossy writes it without, keeping it in eventsnn metadata)");
            }
            warnings.accept("population " + p.name() + ": " + feature + ": written without it; kept in the node's eventsnn metadata");
        }
    }

    private static boolean sameTaus(NeuronParameters q) {
        for (int k = 1; k < q.receptorCount(); k++) {
            if (Double.compare(q.receptorTau(k), q.receptorTau(0)) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The time constant of the first receptor that is not a delta synapse (there is one: else the node is a LIF). */
    private static double firstCurrentTau(NeuronParameters q) {
        for (int k = 0; k < q.receptorCount(); k++) {
            if (!q.isDeltaReceptor(k)) {
                return q.receptorTau(k);
            }
        }
        throw new IllegalStateException("no current receptor");
    }

    /** LIF parameters per neuron: r = tau makes NIR's weight W equal eventsnn's jump r W / tau. */
    private static Map<String, NdArray> lif(Population p) {
        int n = p.size();
        double[] tau = new double[n];
        double[] leak = new double[n];
        double[] threshold = new double[n];
        double[] reset = new double[n];
        for (int i = 0; i < n; i++) {
            NeuronParameters q = p.params(i);
            tau[i] = q.tauMem();
            leak[i] = q.leak();
            threshold[i] = q.threshold();
            reset[i] = q.reset();
        }
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put("tau", NdArray.vector(tau));
        m.put("r", NdArray.vector(tau.clone()));
        m.put("v_leak", NdArray.vector(leak));
        m.put("v_threshold", NdArray.vector(threshold));
        m.put("v_reset", NdArray.vector(reset));
        return m;
    }

    /** IF parameters per neuron: r = 1 makes NIR's weight W equal eventsnn's jump r W. */
    private static Map<String, NdArray> integrateAndFire(Population p) {
        int n = p.size();
        double[] threshold = new double[n];
        double[] reset = new double[n];
        for (int i = 0; i < n; i++) {
            threshold[i] = p.params(i).threshold();
            reset[i] = p.params(i).reset();
        }
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put("r", NdArray.vector(LinearOp.filled(n, 1.0)));
        m.put("v_threshold", NdArray.vector(threshold));
        m.put("v_reset", NdArray.vector(reset));
        return m;
    }

    /** CubaLIF parameters per neuron: r = tau_syn and w_in = 1 make NIR's weight W equal eventsnn's r w_in W / tau_syn. */
    private static Map<String, NdArray> cubaLif(Population p) {
        int n = p.size();
        double[] tauSyn = new double[n];
        double[] tauMem = new double[n];
        double[] leak = new double[n];
        double[] threshold = new double[n];
        double[] reset = new double[n];
        for (int i = 0; i < n; i++) {
            NeuronParameters q = p.params(i);
            tauSyn[i] = firstCurrentTau(q);
            tauMem[i] = q.tauMem();
            leak[i] = q.leak();
            threshold[i] = q.threshold();
            reset[i] = q.reset();
        }
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put("tau_syn", NdArray.vector(tauSyn));
        m.put("tau_mem", NdArray.vector(tauMem));
        m.put("r", NdArray.vector(tauSyn.clone()));
        m.put("v_leak", NdArray.vector(leak));
        m.put("v_threshold", NdArray.vector(threshold));
        m.put("v_reset", NdArray.vector(reset));
        m.put("w_in", NdArray.vector(LinearOp.filled(n, 1.0)));
        return m;
    }
}

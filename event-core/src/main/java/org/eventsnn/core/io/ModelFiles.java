package org.eventsnn.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import org.eventsnn.core.model.MemoryEstimate;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.PoissonDrive;
import org.eventsnn.core.model.PopulationKind;
import org.eventsnn.core.model.ProceduralConnectivity;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.model.Sampler;
import org.eventsnn.core.model.SynapseLayout;

/**
 * The {@code eventsnn-model} JSON format (version 1), documented in docs/formats.md. Reading
 * validates everything and reports the first problem with file, field and value; unknown
 * fields inside populations, params and projections are rejected so that a misspelt name
 * cannot silently fall back to a default.
 */
public final class ModelFiles {
    /** The {@code format} field of model files. */
    public static final String FORMAT = "eventsnn-model";
    /** The version of the format this class reads and writes. */
    public static final int VERSION = 1;
    private static final Set<String> POPULATION_FIELDS = Set.of("name", "type", "size", "params", "initialV",
            "neuronParams", "poisson");
    private static final Set<String> PARAM_FIELDS = Set.of("tauMem", "tauSyn", "receptors", "threshold", "leak",
            "reset", "refractory");
    private static final Set<String> PROJECTION_FIELDS = Set.of("source", "target", "receptor", "delay", "delays",
            "weights", "connections", "random", "procedural");
    private static final Set<String> PROCEDURAL_FIELDS = Set.of("rule", "probability", "seed", "weight", "delay",
            "store", "precision", "sampler");

    private ModelFiles() {
    }

    /** Reads and validates a model file. */
    public static Network read(Path file) {
        return fromJson(Json.read(file), file.toString());
    }

    /** Validates a model given as a JSON tree; {@code source} names it in error messages. */
    public static Network fromJson(JsonNode json, String source) {
        NodeReader root = NodeReader.root(source, json);
        FormatHeader.require(root, FORMAT, VERSION);
        Network.Builder b = Network.builder();
        NodeReader pops = root.field("populations");
        if (pops.size() == 0) {
            throw pops.error("a model needs at least one population");
        }
        for (int i = 0; i < pops.size(); i++) {
            NodeReader p = pops.at(i);
            try {
                b.add(population(p));
            } catch (IllegalArgumentException e) {
                throw p.invalid(e);
            }
        }
        NodeReader projs = root.has("projections") ? root.field("projections") : null;
        requireRandomProjectionsFit(json, source);
        for (int i = 0; projs != null && i < projs.size(); i++) {
            projection(b, projs.at(i));
        }
        return b.build();
    }

    /**
     * Refuses, before drawing them, random projections whose synapses cannot fit in the heap
     * (the file stores only their settings). Fields are read leniently here; they are
     * validated when each projection is built.
     */
    private static void requireRandomProjectionsFit(JsonNode json, String source) {
        java.util.Map<String, Double> sizes = new java.util.HashMap<>();
        double neurons = 0;
        for (JsonNode p : json.path("populations")) {
            sizes.put(p.path("name").asText(), p.path("size").asDouble());
            neurons += p.path("size").asDouble();
        }
        double synapses = 0;
        for (JsonNode p : json.path("projections")) {
            JsonNode r = p.path("random");
            if (r.isObject()) {
                synapses += sizes.getOrDefault(p.path("source").asText(), 0.0)
                        * sizes.getOrDefault(p.path("target").asText(), 0.0) * Math.max(0, r.path("probability").asDouble());
            }
        }
        MemoryEstimate.requireFits(source + ": the model with its random projections", synapses,
                MemoryEstimate.bytes(neurons, synapses, MemoryEstimate.BYTES_PER_SYNAPSE));
    }

    private static Population population(NodeReader p) {
        p.allowOnly(POPULATION_FIELDS);
        String name = p.field("name").asText();
        NodeReader typeNode = p.field("type");
        PopulationKind kind = PopulationKind.fromFileName(typeNode.asText());
        if (kind == null) {
            throw typeNode.error("expected \"input\" or \"lif\"");
        }
        NodeReader sizeNode = p.field("size");
        int size = sizeNode.asInt();
        if (size < 1) {
            throw sizeNode.error("a population needs at least one neuron");
        }
        if (kind == PopulationKind.INPUT) {
            if (p.has("params") || p.has("initialV") || p.has("neuronParams") || p.has("poisson")) {
                throw p.error("an input population takes no params, initialV, neuronParams or poisson");
            }
            return Population.input(name, size);
        }
        NeuronParameters params = p.has("params") ? params(p.field("params"), NeuronParameters.builder())
                : NeuronParameters.builder().build();
        Population pop = Population.lif(name, size, params);
        if (p.has("initialV")) {
            NodeReader v = p.field("initialV");
            double[] initial = v.asDoubleArray();
            if (initial.length != size) {
                throw v.error("expected " + size + " values, one per neuron, got " + initial.length);
            }
            pop = Population.lif(name, size, params, initial);
        }
        pop = p.has("neuronParams") ? withNeuronParams(pop, p.field("neuronParams")) : pop;
        return p.has("poisson") ? pop.withPoisson(poisson(p.field("poisson"), params)) : pop;
    }

    /** The {@code poisson} object: rate (> 0, spikes/s per neuron), weight, receptor (optional with one), seed, sampler. */
    private static PoissonDrive poisson(NodeReader d, NeuronParameters params) {
        d.allowOnly(Set.of("rate", "weight", "receptor", "seed", "sampler"));
        NodeReader rateNode = d.field("rate");
        double rate = rateNode.asDouble();
        if (!(rate > 0)) {
            throw rateNode.error("a rate must be > 0 (spikes per second)");
        }
        int receptor = 0;
        if (d.has("receptor")) {
            NodeReader r = d.field("receptor");
            receptor = params.receptorIndex(r.asText());
            if (receptor < 0) {
                throw r.error("not one of the receptors " + params.receptorNames());
            }
        } else if (params.receptorCount() != 1) {
            throw d.error("name the receptor, one of " + params.receptorNames());
        }
        return new PoissonDrive(rate, d.field("weight").asDouble(), receptor, d.field("seed").asLong(), sampler(d));
    }

    /** The optional {@code sampler} field of a {@code poisson} or {@code procedural} object (default inversion). */
    private static Sampler sampler(NodeReader d) {
        if (!d.has("sampler")) {
            return Sampler.INVERSION;
        }
        NodeReader sn = d.field("sampler");
        Sampler sampler = Sampler.ofFieldValue(sn.asText());
        if (sampler == null) {
            throw sn.error("expected \"" + Sampler.INVERSION.fieldValue() + "\" or \"" + Sampler.ZIGGURAT.fieldValue() + "\"");
        }
        return sampler;
    }

    /** Per-neuron parameters: one params object per neuron, missing fields taken from the population's. */
    private static Population withNeuronParams(Population pop, NodeReader list) {
        if (list.size() != pop.size()) {
            throw list.error("expected " + pop.size() + " params objects, one per neuron, got " + list.size());
        }
        NeuronParameters[] each = new NeuronParameters[pop.size()];
        for (int i = 0; i < each.length; i++) {
            each[i] = params(list.at(i), pop.params().toBuilder());
        }
        try {
            return pop.withNeuronParams(each);
        } catch (IllegalArgumentException e) {
            throw list.invalid(e);
        }
    }

    private static NeuronParameters params(NodeReader p, NeuronParameters.Builder b) {
        p.allowOnly(PARAM_FIELDS);
        if (p.has("tauMem")) {
            b.tauMem(positive(p.field("tauMem")));
        }
        if (p.has("tauSyn") && p.has("receptors")) {
            throw p.field("receptors").error("give either tauSyn or receptors, not both");
        }
        if (p.has("tauSyn")) {
            b.tauSyn(nonNegative(p.field("tauSyn")));
        }
        if (p.has("receptors")) {
            NodeReader r = p.field("receptors");
            int n = 0;
            for (Iterator<String> it = r.keys(); it.hasNext(); it.next()) {
                n++;
            }
            if (n == 0) {
                throw r.error("name at least one receptor");
            }
            String[] names = new String[n];
            double[] taus = new double[n];
            Iterator<String> it = r.keys();
            for (int k = 0; k < n; k++) {
                names[k] = it.next();
                taus[k] = nonNegative(r.field(names[k]));
            }
            b.receptors(names, taus);
        }
        if (p.has("threshold")) {
            b.threshold(p.field("threshold").asDouble());
        }
        if (p.has("leak")) {
            b.leak(p.field("leak").asDouble());
        }
        if (p.has("reset")) {
            b.reset(p.field("reset").asDouble());
        }
        if (p.has("refractory")) {
            NodeReader r = p.field("refractory");
            if (r.asDouble() < 0) {
                throw r.error("must be >= 0");
            }
            b.refractory(r.asDouble());
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw p.invalid(e);
        }
    }

    private static double positive(NodeReader n) {
        double v = n.asDouble();
        if (!(v > 0) || 1 / v == Double.POSITIVE_INFINITY) {
            throw n.error("must be > 0 with a finite inverse (at least about 5.6e-309)");
        }
        return v;
    }

    /** A synaptic time constant: 0 declares a delta synapse. */
    private static double nonNegative(NodeReader n) {
        double v = n.asDouble();
        if (!(v >= 0)) {
            throw n.error("must be >= 0 (0 makes a delta synapse)");
        }
        if (1 / v == Double.POSITIVE_INFINITY && v != 0) {
            throw n.error("must be 0 (a delta synapse) or have a finite inverse (at least about 5.6e-309)");
        }
        return v;
    }

    private static void projection(Network.Builder b, NodeReader p) {
        p.allowOnly(PROJECTION_FIELDS);
        String source = p.field("source").asText();
        String target = p.field("target").asText();
        String receptor = p.has("receptor") ? p.field("receptor").asText() : null;
        double delay = 0;
        if (p.has("delay")) {
            NodeReader d = p.field("delay");
            delay = d.asDouble();
            if (delay < 0) {
                throw d.error("a delay must be >= 0");
            }
        }
        int forms = (p.has("weights") ? 1 : 0) + (p.has("connections") ? 1 : 0) + (p.has("random") ? 1 : 0)
                + (p.has("procedural") ? 1 : 0);
        if (forms != 1) {
            throw p.error("give exactly one of weights, connections, random, procedural");
        }
        if (p.has("procedural")) {
            if (p.has("delay") || p.has("delays")) {
                throw p.field(p.has("delay") ? "delay" : "delays").error("a procedural projection gives its delay"
                        + " inside procedural");
            }
            ProceduralConnectivity rule = proceduralRule(p.field("procedural"));
            try {
                b.connectProcedural(source, target, receptor, rule);
            } catch (IllegalArgumentException e) {
                throw p.invalid(e);
            }
            return;
        }
        if (p.has("delays") && p.has("delay")) {
            throw p.field("delays").error("give either delay (one for all synapses) or delays (one per synapse), not both");
        }
        if (p.has("delays") && p.has("random")) {
            throw p.field("delays").error("a random projection takes one delay; give delays with weights or connections");
        }
        try {
            if (p.has("weights")) {
                NodeReader w = p.field("weights");
                double[][] m = new double[w.size()][];
                for (int i = 0; i < m.length; i++) {
                    m[i] = w.at(i).asDoubleArray();
                }
                if (p.has("delays")) {
                    b.connectDense(source, target, receptor, delayMatrix(p.field("delays"), m), m);
                } else {
                    b.connectDense(source, target, receptor, delay, m);
                }
            } else if (p.has("connections")) {
                NodeReader c = p.field("connections");
                c.allowOnly(Set.of("source", "target", "weight"));
                int[] pre = c.field("source").asIntArray();
                int[] post = c.field("target").asIntArray();
                double[] w = c.field("weight").asDoubleArray();
                if (p.has("delays")) {
                    b.connectList(source, target, receptor, delayList(p.field("delays"), w.length), pre, post, w);
                } else {
                    b.connectList(source, target, receptor, delay, pre, post, w);
                }
            } else {
                NodeReader r = p.field("random");
                r.allowOnly(Set.of("probability", "weight", "seed"));
                b.connectRandom(source, target, receptor, delay, new Projection.RandomConnectivity(
                        r.field("probability").asDouble(), r.field("weight").asDouble(), r.field("seed").asLong()));
            }
        } catch (IllegalArgumentException e) {
            throw p.invalid(e);
        }
    }

    /** The {@code procedural} object: rule, probability, seed, weight and delay (numbers or {mean, sd[, min]}), store. */
    private static ProceduralConnectivity proceduralRule(NodeReader r) {
        r.allowOnly(PROCEDURAL_FIELDS);
        NodeReader rule = r.field("rule");
        if (!ProceduralConnectivity.PAIRWISE_BERNOULLI.equals(rule.asText())) {
            throw rule.error("the only rule is \"" + ProceduralConnectivity.PAIRWISE_BERNOULLI + "\"");
        }
        NodeReader prob = r.field("probability");
        double p = prob.asDouble();
        if (!(p >= 0 && p <= 1)) {
            throw prob.error("a probability must be in [0, 1]");
        }
        long seed = r.field("seed").asLong();
        double[] w = normal(r.field("weight"), false);
        double[] d = r.has("delay") ? normal(r.field("delay"), true) : new double[] {0, 0, 0};
        boolean store = false;
        if (r.has("store")) {
            NodeReader st = r.field("store");
            if (!st.isBoolean()) {
                throw st.error("expected true or false");
            }
            store = st.asBoolean();
        }
        ProceduralConnectivity.Precision precision = ProceduralConnectivity.Precision.FLOAT64;
        if (r.has("precision")) {
            NodeReader pn = r.field("precision");
            precision = ProceduralConnectivity.Precision.ofFieldValue(pn.asText());
            if (precision == null) {
                throw pn.error("expected \"float64\" or \"float32\"");
            }
        }
        Sampler sampler = sampler(r);
        try {
            return new ProceduralConnectivity(p, seed, w[0], w[1], d[0], d[1], d[2], store, precision, sampler);
        } catch (IllegalArgumentException e) {
            throw r.invalid(e);
        }
    }

    /** A fixed value (a number) or {mean, sd} (and for a delay, min): {mean, sd, min}, checked. */
    private static double[] normal(NodeReader n, boolean delay) {
        if (!n.isObject()) {
            double v = n.asDouble();
            if (delay && v < 0) {
                throw n.error("a delay must be >= 0");
            }
            return new double[] {v, 0, 0};
        }
        n.allowOnly(delay ? Set.of("mean", "sd", "min") : Set.of("mean", "sd"));
        double mean = n.field("mean").asDouble();
        if (delay && mean < 0) {
            throw n.field("mean").error("a delay must be >= 0");
        }
        double sd = 0;
        if (n.has("sd")) {
            sd = n.field("sd").asDouble();
            if (sd < 0) {
                throw n.field("sd").error("must be >= 0");
            }
        }
        double min = 0;
        if (n.has("min")) {
            NodeReader m = n.field("min");
            min = m.asDouble();
            if (min < 0 || min > mean) {
                throw m.error("must be >= 0 and at most the mean " + mean);
            }
        }
        return new double[] {mean, sd, min};
    }

    /** Per-synapse delays shaped like the weight matrix {@code weights}, each finite and >= 0. */
    private static double[][] delayMatrix(NodeReader d, double[][] weights) {
        if (d.size() != weights.length) {
            throw d.error("expected " + weights.length + " rows, shaped like weights, got " + d.size());
        }
        double[][] m = new double[weights.length][];
        for (int i = 0; i < m.length; i++) {
            m[i] = delayList(d.at(i), weights[i].length);
        }
        return m;
    }

    /** {@code n} per-synapse delays, each finite and >= 0. */
    private static double[] delayList(NodeReader d, int n) {
        if (d.size() != n) {
            throw d.error("expected " + n + " delays, one per synapse as the weights, got " + d.size());
        }
        double[] v = d.asDoubleArray();
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0) {
                throw d.at(i).error("a delay must be >= 0");
            }
        }
        return v;
    }

    /** Writes {@code network} as a model file, atomically. */
    public static void write(Network network, Path file) throws IOException {
        Json.write(file, toJson(network));
    }

    /** The model file's JSON tree; projections keep the layout they were given in. */
    public static ObjectNode toJson(Network network) {
        return toJson(network, false);
    }

    /**
     * The model file's JSON tree; with {@code explicitLists} random projections are written as
     * synapse lists, for tools that do not implement the generator.
     */
    public static ObjectNode toJson(Network network, boolean explicitLists) {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode pops = root.putArray("populations");
        for (Population pop : network.populations()) {
            ObjectNode p = pops.addObject();
            p.put("name", pop.name());
            p.put("type", pop.kind().fileName());
            p.put("size", pop.size());
            if (!pop.isInput()) {
                p.set("params", paramsJson(pop.params()));
                if (pop.hasInitialV()) {
                    ArrayNode v = p.putArray("initialV");
                    for (int i = 0; i < pop.size(); i++) {
                        v.add(pop.initialV(i));
                    }
                }
                if (pop.poisson() != null) {
                    PoissonDrive d = pop.poisson();
                    ObjectNode o = p.putObject("poisson");
                    o.put("rate", d.rate());
                    o.put("weight", d.weight());
                    o.put("receptor", pop.params().receptorName(d.receptor()));
                    o.put("seed", d.seed());
                    if (d.sampler() != Sampler.INVERSION) {
                        o.put("sampler", d.sampler().fieldValue());
                    }
                }
                if (pop.hasNeuronParams()) {
                    ArrayNode each = p.putArray("neuronParams");
                    for (int i = 0; i < pop.size(); i++) {
                        each.add(paramsJson(pop.params(i)));
                    }
                }
            }
        }
        ArrayNode projs = root.putArray("projections");
        for (Projection pr : network.projections()) {
            ObjectNode p = projs.addObject();
            Population target = network.population(pr.target());
            p.put("source", network.population(pr.source()).name());
            p.put("target", target.name());
            if (!target.params().hasSingleDefaultReceptor() || target.params().receptorCount() > 1) {
                p.put("receptor", target.params().receptorName(pr.receptor()));
            }
            if (pr.layout() == SynapseLayout.PROCEDURAL) {
                p.set("procedural", proceduralJson(pr.procedural()));
                continue;
            }
            if (!pr.hasSynapseDelays()) {
                p.put("delay", pr.delay());
            }
            writeSynapses(p, pr, network.population(pr.source()).size(), target.size(), explicitLists);
            if (pr.hasSynapseDelays()) {
                writeDelays(p, pr, network.population(pr.source()).size(), target.size());
            }
        }
        return root;
    }

    private static ObjectNode proceduralJson(ProceduralConnectivity rule) {
        ObjectNode o = Json.object();
        o.put("rule", ProceduralConnectivity.PAIRWISE_BERNOULLI);
        o.put("probability", rule.probability());
        o.put("seed", rule.seed());
        ObjectNode w = o.putObject("weight");
        w.put("mean", rule.weightMean());
        w.put("sd", rule.weightSd());
        ObjectNode d = o.putObject("delay");
        d.put("mean", rule.delayMean());
        d.put("sd", rule.delaySd());
        d.put("min", rule.delayMinGiven());
        if (rule.store()) {
            o.put("store", true);
        }
        if (rule.precision() != ProceduralConnectivity.Precision.FLOAT64) {
            o.put("precision", rule.precision().fieldValue());
        }
        if (rule.sampler() != Sampler.INVERSION) {
            o.put("sampler", rule.sampler().fieldValue());
        }
        return o;
    }

    private static ObjectNode paramsJson(NeuronParameters np) {
        ObjectNode o = Json.object();
        o.put("tauMem", np.tauMem());
        if (np.hasSingleDefaultReceptor()) {
            o.put("tauSyn", np.receptorTau(0));
        } else {
            ObjectNode r = o.putObject("receptors");
            for (int k = 0; k < np.receptorCount(); k++) {
                r.put(np.receptorName(k), np.receptorTau(k));
            }
        }
        o.put("threshold", np.threshold());
        o.put("leak", np.leak());
        o.put("reset", np.reset());
        o.put("refractory", np.refractory());
        return o;
    }

    private static void writeSynapses(ObjectNode p, Projection pr, int sources, int targets, boolean explicitLists) {
        if (pr.layout() == SynapseLayout.DENSE) {
            ArrayNode rows = p.putArray("weights");
            for (int i = 0; i < sources; i++) {
                ArrayNode row = rows.addArray();
                for (int j = 0; j < targets; j++) {
                    row.add(pr.weight(i * targets + j));
                }
            }
            return;
        }
        if (!explicitLists && pr.layout() == SynapseLayout.RANDOM && !pr.hasSynapseDelays()
                && allWeightsEqual(pr, pr.random().weight())) {
            ObjectNode r = p.putObject("random");
            r.put("probability", pr.random().probability());
            r.put("weight", pr.random().weight());
            r.put("seed", pr.random().seed());
            return;
        }
        ObjectNode c = p.putObject("connections");
        ArrayNode src = c.putArray("source");
        ArrayNode dst = c.putArray("target");
        ArrayNode w = c.putArray("weight");
        for (int s = 0; s < pr.synapseCount(); s++) {
            src.add(pr.pre(s));
            dst.add(pr.post(s));
            w.add(pr.weight(s));
        }
    }

    /** Per-synapse delays shaped as the synapses were just written: a matrix for weights, else a list. */
    private static void writeDelays(ObjectNode p, Projection pr, int sources, int targets) {
        ArrayNode d = p.putArray("delays");
        if (pr.layout() == SynapseLayout.DENSE) {
            for (int i = 0; i < sources; i++) {
                ArrayNode row = d.addArray();
                for (int j = 0; j < targets; j++) {
                    row.add(pr.delay(i * targets + j));
                }
            }
            return;
        }
        for (int s = 0; s < pr.synapseCount(); s++) {
            d.add(pr.delay(s));
        }
    }

    private static boolean allWeightsEqual(Projection pr, double w) {
        for (int s = 0; s < pr.synapseCount(); s++) {
            if (pr.weight(s) != w) {
                return false;
            }
        }
        return true;
    }
}

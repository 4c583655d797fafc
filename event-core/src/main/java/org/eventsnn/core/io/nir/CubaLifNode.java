package org.eventsnn.core.io.nir;

import java.util.Arrays;
import java.util.Set;
import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;

/**
 * A CubaLIF, LIF or IF node's parameters per neuron, validated, with the constant input its
 * biases add; it becomes a LIF population with one receptor (docs/nir.md, "CubaLIF, equation by
 * equation"): a current of time constant {@code tau_syn} (CubaLIF) or a delta synapse (LIF,
 * whose {@code tau} is the membrane's, {@code w_in} being 1 and {@code tau_syn} 0; IF, the same
 * without leak: {@code tauMem} {@link #NO_LEAK_TAU_MEM} and leak 0). LI and CubaLI, non-spiking
 * readouts, are LIF and CubaLIF whose threshold is never reached ({@link #READOUT_THRESHOLD}).
 */
final class CubaLifNode {
    /**
     * The membrane time constant of an IF neuron: {@code exp(-dt / Double.MAX_VALUE)} is 1.0
     * exactly in double for every {@code dt} from 0 to 1e291 s, so with leak 0 the
     * potential stays the same bits between jumps (docs/nir.md, "IF").
     */
    static final double NO_LEAK_TAU_MEM = Double.MAX_VALUE;
    private static final Set<String> FIELDS = Set.of("tau_syn", "tau_mem", "r", "v_leak", "v_threshold", "v_reset", "w_in");
    private static final Set<String> LIF_FIELDS = Set.of("tau", "r", "v_leak", "v_threshold", "v_reset");
    private static final Set<String> IF_FIELDS = Set.of("r", "v_threshold", "v_reset");
    private static final Set<String> LI_FIELDS = Set.of("tau", "r", "v_leak");
    private static final Set<String> I_FIELDS = Set.of("r");
    private static final Set<String> CUBA_LI_FIELDS = Set.of("tau_syn", "tau_mem", "r", "v_leak", "w_in");
    /** The threshold of a non-spiking readout (LI, CubaLI): never reached. */
    static final double READOUT_THRESHOLD = Double.MAX_VALUE;
    final NirNode node;
    /** True for a LIF or IF node: delta synapses. */
    final boolean delta;
    /** True for an IF node: no leak. */
    final boolean noLeak;
    /** True for a non-spiking readout (LI, CubaLI): threshold {@link #READOUT_THRESHOLD}, reset 0. */
    final boolean readout;
    final int[] shape;
    final int size;
    final double[] tauSyn;
    final double[] tauMem;
    final double[] r;
    final double[] vLeak;
    final double[] vThreshold;
    final double[] vReset;
    final double[] wIn;
    final double[] constant;
    final NodeOps ops;

    CubaLifNode(NirNode n, NodeOps ops) {
        this.node = n;
        this.ops = ops;
        this.noLeak = n.type().equals("IF") || n.type().equals("I");
        this.readout = n.type().equals("LI") || n.type().equals("CubaLI") || n.type().equals("I");
        this.delta = noLeak || n.type().equals("LIF") || n.type().equals("LI");
        NdArray thr = ops.require(n, !readout ? "v_threshold" : noLeak ? "r" : delta ? "tau" : "tau_mem");
        this.shape = thr.rank() == 0 ? new int[] {1} : thr.shape();
        this.size = thr.size();
        this.tauSyn = delta ? new double[size] : field("tau_syn", Double.NaN, true);
        this.tauMem = noLeak ? LinearOp.filled(size, NO_LEAK_TAU_MEM) : field(delta ? "tau" : "tau_mem", Double.NaN, true);
        this.r = field("r", Double.NaN, false);
        this.vLeak = noLeak ? new double[size] : field("v_leak", Double.NaN, false);
        this.vThreshold = readout ? LinearOp.filled(size, READOUT_THRESHOLD) : field("v_threshold", Double.NaN, false);
        this.vReset = readout ? new double[size] : field("v_reset", 0.0, false);
        this.wIn = delta ? LinearOp.filled(size, 1.0) : field("w_in", 1.0, false);
        for (int i = 0; i < size; i++) {
            if (!(vThreshold[i] > vReset[i])) {
                throw ops.error(n, "v_threshold" + index(i), vThreshold[i] + " (v_reset " + vReset[i] + ")",
                        "eventsnn needs v_threshold > v_reset");
            }
            if (noLeak && !(vThreshold[i] > 0)) {
                throw ops.error(n, "v_threshold" + index(i), Double.toString(vThreshold[i]), "an IF neuron starts at"
                        + " v = 0 and, without leak, would sit at or above a threshold <= 0 for good; eventsnn needs"
                        + " v_threshold > 0");
            }
        }
        Set<String> known = readout ? (noLeak ? I_FIELDS : delta ? LI_FIELDS : CUBA_LI_FIELDS)
                : noLeak ? IF_FIELDS : delta ? LIF_FIELDS : FIELDS;
        for (String f : n.arrays().keySet()) {
            if (!known.contains(f)) {
                throw ops.error(n, f, null, "unknown " + n.type() + " parameter (expected " + known + ")");
            }
        }
        this.constant = new double[size];
    }

    private String index(int i) {
        return size > 1 ? "[" + i + "]" : "";
    }

    /** The field per neuron: one value per neuron, or one value (w_in may be scalar), or the default when absent. */
    private double[] field(String f, double absent, boolean timeConstant) {
        NdArray a = node.array(f);
        if (a == null) {
            if (Double.isNaN(absent)) {
                throw ops.error(node, f, null, node.string(f) != null ? "expected numbers" : "missing");
            }
            return LinearOp.filled(size, absent);
        }
        if (a.size() != size && !(a.size() == 1 && f.equals("w_in"))) {
            throw ops.error(node, f, "shape " + Arrays.toString(a.shape()), "v_threshold has shape " + Arrays.toString(shape));
        }
        double[] v = a.size() == size ? a.values().clone() : LinearOp.filled(size, a.get(0));
        for (int i = 0; i < v.length; i++) {
            if (timeConstant ? !(v[i] > 0) || Double.isInfinite(v[i]) : !Double.isFinite(v[i])) {
                throw ops.error(node, f + index(i), Double.toString(v[i]), timeConstant
                        ? "a time constant must be a finite number > 0" : "must be finite");
            }
        }
        return v;
    }

    void addConstant(IntArrayList post, DoubleArrayList value) {
        for (int k = 0; k < post.size(); k++) {
            constant[post.get(k)] += value.get(k);
        }
    }

    /**
     * eventsnn weight of one unit of NIR weight into neuron i: (r / tau_syn) * w_in, the jump of
     * the current (CubaLIF); (r / tau) * 1, the jump of v (LIF); r * 1, the jump of v (IF).
     */
    double weightFactor(int i) {
        if (noLeak) {
            return r[i] * wIn[i];
        }
        return delta ? (r[i] / tauMem[i]) * wIn[i] : (r[i] / tauSyn[i]) * wIn[i];
    }

    NeuronParameters params(int i) {
        if (noLeak && constant[i] != 0) {
            throw ops.error(node, "neuron " + i, null, "a bias reaches this " + node.type() + " neuron (constant input " + constant[i]
                    + "): without leak it is a steady drift dv/dt = r c, which eventsnn cannot represent (a bias"
                    + " shifts the leak, and " + node.type() + " has none)");
        }
        double leak = constant[i] == 0 ? vLeak[i] : vLeak[i] + (r[i] * wIn[i]) * constant[i];
        try {
            return NeuronParameters.builder().tauMem(tauMem[i]).tauSyn(tauSyn[i]).threshold(vThreshold[i])
                    .leak(leak).reset(vReset[i]).build();
        } catch (IllegalArgumentException e) {
            throw ops.error(node, "neuron " + i, null, e.getMessage());
        }
    }

    Population population() {
        NeuronParameters[] each = new NeuronParameters[size];
        boolean uniform = true;
        for (int i = 0; i < size; i++) {
            each[i] = params(i);
            uniform &= each[i].equals(each[0]);
        }
        Population p = Population.lif(node.name(), size, each[0]);
        return uniform ? p : p.withNeuronParams(each);
    }
}

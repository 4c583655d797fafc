package org.eventsnn.core.kernel;

import java.util.Arrays;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.solver.CrossingSolver;
import org.eventsnn.core.solver.LambertW;

/**
 * One LIF population with {@code tauMem = tauSyn}, fed without delays, simulated over a window
 * in closed form (docs/exactness.md, "Layer kernels"). Its inputs, every spike of its source
 * populations, are sorted once by time; each input's factors are computed once and shared by
 * all its neurons. In {@code s = t / tauMem}, after the inputs so far (input j at {@code s_j}
 * with weight {@code w_j}) a neuron's current is {@code I = e^-s P} and its membrane
 * {@code u = e^-s (s P - Q)}, with {@code P = sum w_j e^(s_j)} and {@code Q = sum w_j s_j e^(s_j)}.
 * Per interval between inputs the membrane's one turning point {@code s* = 1 + Q/P} decides
 * whether it reaches {@code theta = threshold - leak}; a crossing is
 * {@code s = Q/P - W0(-(theta/P) e^(Q/P))} by {@link LambertW#w0OnNegativeAxis} (no correction
 * step, so the one exponential of a crossing is that of W's argument), or the project's
 * {@link CrossingSolver} where {@code Q/P} would overflow the exponential. A spike
 * holds u at the reset for the refractory period; after it Q is set so that {@code u = reset}.
 *
 * <p>The state of the last {@link LayerKernels#run} is readable for gradient methods: the
 * sorted inputs with their factors, the weights, and per spike the decay {@code e^-s} and the
 * current there. Keeps its buffers; not thread-safe.
 */
public final class EqualTausLayer {
    /** Buckets of the counting sort of the inputs (where there are more than 16). */
    private static final int BUCKETS = 256;

    private final int population;
    private final int neurons;
    /** Per population of the network: the first input slot of its neurons, or -1 if it does not feed this layer. */
    private final int[] slotBase;
    /** Per input slot: the global index of its source neuron. */
    private final int[] slotNeuron;
    /** Weights by input slot, then neuron: {@code w[slot * neurons + h]}, summed over parallel synapses. */
    private final double[] w;
    private final double alpha;
    private final double theta;
    private final double uReset;
    /** The refractory period in units of tauMem. */
    private final double refractory;
    private final CrossingSolver solver;
    /** Spikes kept per neuron; a neuron firing more often makes the run fail. */
    private final int capacity;

    /** The sorted inputs of the last run: time, slot, and which spike of its source it is. */
    private double[] time = new double[0];
    private int[] slot = new int[0];
    private int[] origin = new int[0];
    /** Per sorted input j (and the window's end at index m): s_j, e^(s_j), s_j e^(s_j), e^(-s_j). */
    private double[] s = new double[1];
    private double[] e = new double[1];
    private double[] f = new double[1];
    private double[] ie = new double[1];
    private int inputCount;
    private final int[] bucketStart = new int[BUCKETS + 1];
    private double end;

    /** Per neuron: spikes found in the last run; per spike ({@code h * capacity + c}): time, e^-s, current. */
    private final int[] count;
    private final double[] spikeTime;
    private final double[] spikeDecay;
    private final double[] spikeCurrent;

    /** For population {@code population} of {@code net}, which {@link LayerKernels#unsuitedReason} accepts. */
    EqualTausLayer(Network net, int population, int capacity) {
        this.population = population;
        NeuronParameters p = net.population(population).params();
        neurons = net.population(population).size();
        slotBase = new int[net.populations().size()];
        Arrays.fill(slotBase, -1);
        int slots = 0;
        for (Projection j : net.projections()) {
            if (j.target() == population && slotBase[j.source()] < 0) {
                slotBase[j.source()] = slots;
                slots += net.population(j.source()).size();
            }
        }
        slotNeuron = new int[slots];
        for (int q = 0; q < slotBase.length; q++) {
            for (int i = 0; slotBase[q] >= 0 && i < net.population(q).size(); i++) {
                slotNeuron[slotBase[q] + i] = net.offset(q) + i;
            }
        }
        w = new double[slots * neurons];
        alpha = 1 / p.tauMem();
        theta = p.threshold() - p.leak();
        uReset = p.reset() - p.leak();
        refractory = p.refractory() * alpha;
        solver = new CrossingSolver(p);
        this.capacity = capacity;
        count = new int[neurons];
        spikeTime = new double[neurons * capacity];
        spikeDecay = new double[neurons * capacity];
        spikeCurrent = new double[neurons * capacity];
        loadWeights(net);
    }

    /** Takes the weights of {@code net}, which has this layer's structure. */
    void loadWeights(Network net) {
        Arrays.fill(w, 0);
        for (Projection j : net.projections()) {
            if (j.target() == population) {
                int base = slotBase[j.source()];
                for (int k = 0; k < j.synapseCount(); k++) {
                    w[(base + j.pre(k)) * neurons + j.post(k)] += j.weight(k);
                }
            }
        }
    }

    /** The network index of this layer's population. */
    public int population() {
        return population;
    }

    /** Number of neurons. */
    public int neurons() {
        return neurons;
    }

    /** 1 / tauMem. */
    public double alpha() {
        return alpha;
    }

    /** threshold - leak. */
    public double theta() {
        return theta;
    }

    /** The input slot of neuron {@code i} of network population {@code pop}, or -1 if that population does not feed this layer. */
    public int slotOf(int pop, int i) {
        return slotBase[pop] < 0 ? -1 : slotBase[pop] + i;
    }

    /** The global index of the source neuron of input slot {@code slot}. */
    public int slotNeuron(int slot) {
        return slotNeuron[slot];
    }

    /** The summed weight from input slot {@code slot} into neuron {@code h}. */
    public double weight(int slot, int h) {
        return w[slot * neurons + h];
    }

    /** Number of inputs of the last run (every spike of the sources). */
    public int inputCount() {
        return inputCount;
    }

    /** Time of sorted input j. */
    public double inputTime(int j) {
        return time[j];
    }

    /** Input slot of sorted input j. */
    public int inputSlot(int j) {
        return slot[j];
    }

    /** Which spike of its source sorted input j is: its index in the input train, or the neuron's spike number. */
    public int inputOrigin(int j) {
        return origin[j];
    }

    /** {@code t_j / tauMem} of sorted input j. */
    public double inputScaledTime(int j) {
        return s[j];
    }

    /** {@code exp(t_j / tauMem)} of sorted input j. */
    public double inputGrowth(int j) {
        return e[j];
    }

    /** Spikes of neuron h in the last run (at most the capacity, else the run failed). */
    public int spikeCount(int h) {
        return count[h];
    }

    /** Time of spike c of neuron h. */
    public double spikeTime(int h, int c) {
        return spikeTime[h * capacity + c];
    }

    /** {@code exp(-t / tauMem)} at spike c of neuron h. */
    public double spikeDecay(int h, int c) {
        return spikeDecay[h * capacity + c];
    }

    /** The synaptic current at spike c of neuron h (in membrane units, as {@code u}). */
    public double spikeCurrent(int h, int c) {
        return spikeCurrent[h * capacity + c];
    }

    /**
     * Simulates the layer for the m inputs {@code (inSlot[i], inTime[i], inOrigin[i])}, all in
     * {@code [0, duration]}; returns false if a neuron fired more often than the capacity (its
     * further spikes are then missing).
     */
    boolean run(int[] inSlot, double[] inTime, int[] inOrigin, int m, double duration) {
        sort(inSlot, inTime, inOrigin, m, duration);
        factors(m, duration);
        boolean complete = true;
        for (int h = 0; h < neurons; h++) {
            int c = neuron(h, m);
            count[h] = Math.min(c, capacity);
            complete &= c <= capacity;
        }
        return complete;
    }

    /**
     * Sorts the inputs by time into {@link #time}, {@link #slot}, {@link #origin}: by a counting
     * sort into buckets of equal width, then an insertion sort, which moves little (the order of
     * equal times does not matter: a zero-length interval is skipped, so all their weights count
     * before any test).
     */
    private void sort(int[] inSlot, double[] inTime, int[] inOrigin, int m, double duration) {
        if (time.length < m) {
            int n = Math.max(m, 2 * time.length);
            time = new double[n];
            slot = new int[n];
            origin = new int[n];
            s = new double[n + 1];
            e = new double[n + 1];
            f = new double[n + 1];
            ie = new double[n + 1];
        }
        if (m > 16) {
            Arrays.fill(bucketStart, 0);
            double scale = BUCKETS / duration;
            for (int i = 0; i < m; i++) {
                bucketStart[Math.min((int) (inTime[i] * scale), BUCKETS - 1) + 1]++;
            }
            for (int b = 1; b <= BUCKETS; b++) {
                bucketStart[b] += bucketStart[b - 1];
            }
            for (int i = 0; i < m; i++) {
                int k = bucketStart[Math.min((int) (inTime[i] * scale), BUCKETS - 1)]++;
                time[k] = inTime[i];
                slot[k] = inSlot[i];
                origin[k] = inOrigin[i];
            }
        } else {
            System.arraycopy(inTime, 0, time, 0, m);
            System.arraycopy(inSlot, 0, slot, 0, m);
            System.arraycopy(inOrigin, 0, origin, 0, m);
        }
        for (int i = 1; i < m; i++) {
            double t = time[i];
            if (time[i - 1] > t) {
                int n = slot[i];
                int o = origin[i];
                int j = i;
                do {
                    time[j] = time[j - 1];
                    slot[j] = slot[j - 1];
                    origin[j] = origin[j - 1];
                    j--;
                } while (j > 0 && time[j - 1] > t);
                time[j] = t;
                slot[j] = n;
                origin[j] = o;
            }
        }
        inputCount = m;
    }

    private void factors(int m, double duration) {
        for (int j = 0; j < m; j++) {
            double sj = time[j] * alpha;
            double ej = Math.exp(sj);
            s[j] = sj;
            e[j] = ej;
            f[j] = sj * ej;
            ie[j] = 1 / ej;
        }
        end = duration * alpha;
        s[m] = end;
        ie[m] = Math.exp(-end);
    }

    /** Neuron h's spikes over the window; returns their number, or capacity + 1 once it exceeds the capacity. */
    private int neuron(int h, int m) {
        double pSum = 0;
        double qSum = 0;
        double free = 0; // s where the refractory period ends
        int c = 0;
        for (int k = 0; k < m; k++) {
            double wk = w[slot[k] * neurons + h];
            pSum += wk * e[k];
            qSum += wk * f[k];
            double a = s[k];
            double b = s[k + 1];
            if (!(b > a) || free >= b) {
                continue; // an empty interval, or clamped throughout
            }
            double ea = ie[k];
            if (free > a) { // the refractory period ends inside: u = reset there
                a = free;
                double ef = Math.exp(free);
                ea = 1 / ef;
                qSum = free * pSum - uReset * ef;
            }
            double eb = ie[k + 1];
            while (pSum * ea > theta) { // else the current, falling, stays below theta, and u cannot reach it
                double ratio = qSum / pSum;
                double peak = 1 + ratio;
                if (!(peak > a) || !crosses(pSum, qSum, a, b, ea, eb, peak)) {
                    break;
                }
                double sc;
                double decay;
                if (ratio <= 600) {
                    double w0 = LambertW.w0OnNegativeAxis(-(theta / pSum) * Math.exp(ratio));
                    sc = ratio - w0;
                    boolean inside = sc >= a && sc <= b;
                    if (!(sc == sc)) {
                        sc = peak; // rounding put W's argument just below -1/e: a grazing peak
                    }
                    sc = Math.min(Math.max(sc, a), b);
                    // on W's path u = theta at s, so e^-s = theta / (s P - Q) = -theta / (P W)
                    decay = inside ? -theta / (pSum * w0) : Math.exp(-sc);
                } else {
                    double ua = (a * pSum - qSum) * ea;
                    sc = a + solver.next(ua, pSum * ea, (b - a) / alpha) * alpha;
                    if (!(sc <= b)) {
                        break;
                    }
                    decay = Math.exp(-sc);
                }
                if (c == capacity) {
                    return capacity + 1;
                }
                int at = h * capacity + c++;
                spikeTime[at] = sc / alpha;
                spikeDecay[at] = decay;
                spikeCurrent[at] = pSum * decay;
                free = sc + refractory;
                if (free >= end) {
                    return c;
                }
                if (free >= b) {
                    break;
                }
                a = free;
                double ef = Math.exp(free);
                ea = 1 / ef;
                qSum = free * pSum - uReset * ef;
            }
        }
        return c;
    }

    /**
     * Whether the membrane, below theta at {@code a} and rising there (its turning point
     * {@code peak} lies after {@code a}), reaches theta by {@code b}: at the end if it rises
     * throughout, else at the peak, whose value is {@code P e^-peak} (bounded first by the chord
     * of the convex {@code e^-s}).
     */
    private boolean crosses(double pSum, double qSum, double a, double b, double ea, double eb, double peak) {
        if ((b * pSum - qSum) * eb >= theta) {
            return true;
        }
        if (peak >= b) {
            return false; // rising throughout, below theta at the end
        }
        if (pSum * (ea + (peak - a) / (b - a) * (eb - ea)) < theta * (1 - 1e-9)) {
            return false; // e^-s lies below its chord: the peak value is below theta
        }
        return pSum * Math.exp(-peak) >= theta;
    }
}

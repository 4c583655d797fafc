package org.eventsnn.core.kernel;

import java.util.Arrays;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.core.solver.CrossingSolver;

/**
 * One LIF population whose neurons share one parameter set with one current receptor, fed
 * without delays, simulated over a window by a layer kernel: its inputs, every spike of its
 * source populations, are sorted once by time, and what depends on the inputs alone is computed
 * once and shared by all its neurons ({@link EqualTausLayer} for {@code tauSyn = tauMem},
 * {@link UnequalTausLayer} otherwise). The state of the last {@link LayerKernels#run} is
 * readable for gradient methods: the sorted inputs, the weights, and per spike its time and the
 * synaptic current there. Keeps its buffers; not thread-safe.
 */
public abstract class KernelLayer {
    /** Most buckets of the counting sort of the inputs (used where there are more than 16): one or two per input. */
    private static final int BUCKETS = 256;

    private final int population;
    final int neurons;
    /** Per population of the network: the first input slot of its neurons, or -1 if it does not feed this layer. */
    private final int[] slotBase;
    /** Per input slot: the global index of its source neuron. */
    private final int[] slotNeuron;
    /** Weights by input slot, then neuron: {@code w[slot * neurons + h]}, summed over parallel synapses. */
    final double[] w;
    /** Per projection of the network: each synapse's index into {@link #w}, or null. */
    private final int[][] weightIndex;
    /** Per projection into this layer: where its run starts if its weight indices are consecutive (dense, one source), else -1. */
    private final int[] consecutiveFrom;
    final double alpha;
    final double theta;
    final double uReset;
    final CrossingSolver solver;
    /** True while a run stops each neuron at its first spike ({@link LayerKernels#run(SpikeTrains, int)}). */
    boolean firstSpikeOnly;
    /** Most spikes a neuron may fire in a run: a neuron firing more often makes the run fail. */
    static final int MAX_CAPACITY = 256;
    /** Spikes kept per neuron; grows (up to {@link #MAX_CAPACITY}) when a neuron fires more often. */
    int capacity;

    /** The sorted inputs of the last run: time, slot, and which spike of its source it is. */
    double[] time = new double[0];
    int[] slot = new int[0];
    private int[] origin = new int[0];
    private int inputCount;
    private final int[] bucketStart = new int[BUCKETS + 1];

    /** Per neuron: spikes found in the last run; per spike ({@code h * capacity + c}): time, current. */
    private final int[] count;
    double[] spikeTime;
    double[] spikeCurrent;

    /** For population {@code population} of {@code net}, which {@link LayerKernels#unsuitedReason} accepts. */
    KernelLayer(Network net, int population, int capacity) {
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
        solver = new CrossingSolver(p);
        this.capacity = capacity;
        count = new int[neurons];
        spikeTime = new double[neurons * capacity];
        spikeCurrent = new double[neurons * capacity];
        weightIndex = weightIndex(net);
        consecutiveFrom = new int[weightIndex.length];
        for (int i = 0; i < weightIndex.length; i++) {
            consecutiveFrom[i] = consecutiveFrom(weightIndex[i]);
        }
        loadWeights(net);
    }

    /** Takes the weights of {@code net}, which has this layer's structure. */
    final void loadWeights(Network net) {
        Arrays.fill(w, 0);
        for (int i = 0; i < net.projections().size(); i++) {
            int[] index = weightIndex[i];
            if (index != null) {
                double[] weights = net.projection(i).weights();
                for (int k = 0; k < index.length; k++) {
                    w[index[k]] += weights[k];
                }
            }
        }
    }

    /**
     * Copies values held like the weights ({@code bySlot[slot * neurons + h]}, e.g. their
     * gradients) into projection {@code projection}'s synapse order, into {@code synapses}, for a
     * projection into this layer; each of parallel synapses gets their pair's value.
     */
    public final void toSynapseOrder(double[] bySlot, int projection, double[] synapses) {
        int[] index = weightIndex[projection];
        if (consecutiveFrom[projection] >= 0) {
            System.arraycopy(bySlot, consecutiveFrom[projection], synapses, 0, index.length);
            return;
        }
        for (int k = 0; k < index.length; k++) {
            synapses[k] = bySlot[index[k]];
        }
    }

    /**
     * True if projection {@code projection} (into this layer) holds its synapses in the layer's
     * order: synapse k is entry k of the weights ({@code slot * neurons + h}), all of them, so
     * that values held like the weights are already in its synapse order
     * ({@link #toSynapseOrder} would copy them unchanged).
     */
    public final boolean inLayerOrder(int projection) {
        return consecutiveFrom[projection] == 0 && weightIndex[projection].length == w.length;
    }

    /** {@code index[0]} if the indices count up by one from it, else -1 (also for none). */
    private static int consecutiveFrom(int[] index) {
        if (index == null || index.length == 0) {
            return -1;
        }
        for (int k = 1; k < index.length; k++) {
            if (index[k] != index[0] + k) {
                return -1;
            }
        }
        return index[0];
    }

    /** The bucket of time t, {@code (t - first) * scale} cut to the last: it never decreases as t grows. */
    private static int bucket(double t, double first, double scale, int buckets) {
        return Math.min((int) ((t - first) * scale), buckets - 1);
    }

    /** Per projection of {@code net}: each synapse's index into {@link #w}, or null for projections into other populations. */
    private int[][] weightIndex(Network net) {
        int[][] index = new int[net.projections().size()][];
        for (int i = 0; i < index.length; i++) {
            Projection j = net.projection(i);
            if (j.target() == population) {
                int base = slotBase[j.source()];
                index[i] = new int[j.synapseCount()];
                for (int k = 0; k < index[i].length; k++) {
                    index[i][k] = (base + j.pre(k)) * neurons + j.post(k);
                }
            }
        }
        return index;
    }

    /** The network index of this layer's population. */
    public final int population() {
        return population;
    }

    /** Number of neurons. */
    public final int neurons() {
        return neurons;
    }

    /** 1 / tauMem. */
    public final double alpha() {
        return alpha;
    }

    /** threshold - leak. */
    public final double theta() {
        return theta;
    }

    /** reset - leak. */
    public final double reset() {
        return uReset;
    }

    /** The input slot of neuron {@code i} of network population {@code pop}, or -1 if that population does not feed this layer. */
    public final int slotOf(int pop, int i) {
        return slotBase[pop] < 0 ? -1 : slotBase[pop] + i;
    }

    /** Number of input slots: the neurons of every population that feeds this layer. */
    public final int slotCount() {
        return slotNeuron.length;
    }

    /** The global index of the source neuron of input slot {@code slot}. */
    public final int slotNeuron(int slot) {
        return slotNeuron[slot];
    }

    /** The summed weight from input slot {@code slot} into neuron {@code h}. */
    public final double weight(int slot, int h) {
        return w[slot * neurons + h];
    }

    /** Number of inputs of the last run (every spike of the sources). */
    public final int inputCount() {
        return inputCount;
    }

    /** Time of sorted input j. */
    public final double inputTime(int j) {
        return time[j];
    }

    /** Input slot of sorted input j. */
    public final int inputSlot(int j) {
        return slot[j];
    }

    /** Which spike of its source sorted input j is: its index in the input train, or the neuron's spike number. */
    public final int inputOrigin(int j) {
        return origin[j];
    }

    /** Spikes kept per neuron: at least the most any neuron fired in the last run. */
    public final int spikeCapacity() {
        return capacity;
    }

    /** Spikes of neuron h in the last run (at most the capacity, else the run failed). */
    public final int spikeCount(int h) {
        return count[h];
    }

    /** Time of spike c of neuron h. */
    public final double spikeTime(int h, int c) {
        return spikeTime[h * capacity + c];
    }

    /** The synaptic current at spike c of neuron h (in membrane units, as {@code u}). */
    public final double spikeCurrent(int h, int c) {
        return spikeCurrent[h * capacity + c];
    }

    /**
     * Simulates the layer for the m inputs {@code (inSlot[i], inTime[i], inOrigin[i])}, all in
     * {@code [0, duration]}; returns false if a neuron fired more than {@link #MAX_CAPACITY} times
     * (its further spikes are then missing).
     */
    final boolean run(int[] inSlot, double[] inTime, int[] inOrigin, int m, double duration) {
        sort(inSlot, inTime, inOrigin, m);
        factors(m, duration);
        while (true) {
            boolean complete = true;
            for (int h = 0; h < neurons; h++) {
                int c = neuron(h, m);
                count[h] = Math.min(c, capacity);
                complete &= c <= capacity;
            }
            if (complete || capacity == MAX_CAPACITY) {
                return complete;
            }
            capacity = Math.min(4 * capacity, MAX_CAPACITY); // and again, as if it had been so from the start
            spikeTime = new double[neurons * capacity];
            spikeCurrent = new double[neurons * capacity];
            spikesGrew();
        }
    }

    /** Called once {@link #capacity} has grown: per-spike arrays of the subclass follow. */
    abstract void spikesGrew();

    /** Computes the factors of the m sorted inputs (and the window's end) shared by all neurons. */
    abstract void factors(int m, double duration);

    /** Neuron h's spikes over the window; returns their number, or capacity + 1 once it exceeds the capacity. */
    abstract int neuron(int h, int m);

    /** Makes the per-input factor arrays hold at least n + 1 entries. */
    abstract void ensureFactors(int n);

    /**
     * Sorts the inputs by time into {@link #time}, {@link #slot}, {@link #origin}, stably (equal
     * times keep their order, so the sums over them round the same way): by a counting sort into
     * buckets of equal width between the earliest and the latest input, then an insertion sort,
     * which moves little.
     */
    private void sort(int[] inSlot, double[] inTime, int[] inOrigin, int m) {
        if (time.length < m) {
            int n = Math.max(m, 2 * time.length);
            time = new double[n];
            slot = new int[n];
            origin = new int[n];
            ensureFactors(n);
        }
        double first = Double.POSITIVE_INFINITY; // with 16 inputs or fewer, no buckets
        double last = Double.NEGATIVE_INFINITY;
        if (m > 16) {
            for (int i = 0; i < m; i++) {
                double t = inTime[i];
                first = t < first ? t : first;
                last = t > last ? t : last;
            }
        }
        if (last > first) {
            int buckets = Math.min(2 * Integer.highestOneBit(m), BUCKETS);
            Arrays.fill(bucketStart, 0, buckets + 1, 0);
            double scale = buckets / (last - first);
            for (int i = 0; i < m; i++) {
                bucketStart[bucket(inTime[i], first, scale, buckets) + 1]++;
            }
            for (int b = 1; b <= buckets; b++) {
                bucketStart[b] += bucketStart[b - 1];
            }
            for (int i = 0; i < m; i++) {
                int k = bucketStart[bucket(inTime[i], first, scale, buckets)]++;
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
}

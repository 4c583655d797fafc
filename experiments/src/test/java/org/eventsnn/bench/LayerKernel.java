package org.eventsnn.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.core.solver.CrossingSolver;
import org.eventsnn.core.solver.LambertW;
import org.eventsnn.core.solver.LifDynamics;
import org.eventsnn.datasets.LabelledSpikes;
import org.eventsnn.datasets.YinYang;
import org.eventsnn.experiments.train.Presets;
import org.eventsnn.experiments.train.YinYangTask;
import org.eventsnn.gradients.GradientMethod;
import org.eventsnn.gradients.Gradients;
import org.eventsnn.gradients.SpikeTimeLoss;

/**
 * How fast could a layer kernel be (issue 21)? Straight-line kernels for both layers of a
 * Yin-Yang preset (one receptor, no delays) and, for {@code fastdeep}, Fast and Deep's backward
 * pass on them, checked against the engine (every spike) and {@code FastAndDeep} (every weight
 * gradient) and timed against them, on the first 1000 training samples, at the initial weights
 * (seed 1) or a model's (docs/throughput.md, "A layer kernel, measured"). Per sample a layer's
 * inputs are sorted, the factors of each input (or each interval between inputs) are computed
 * once and shared by all neurons, and each neuron walks the intervals with its state in locals.
 *
 * <p>{@link EqualTaus} ({@code fastdeep}) keeps the membrane in absolute form: with
 * {@code s = t / tauMem} and input j at {@code s_j} with weight {@code w_j}, after the inputs so
 * far {@code I = e^-s P} and {@code u = e^-s (s P - Q)}, {@code P = sum w_j e^(s_j)},
 * {@code Q = sum w_j s_j e^(s_j)}. Per interval the membrane's one peak {@code s* = 1 + Q/P}
 * (where it meets the current) decides: rising to the interval's end, the end's value decides; a
 * peak inside, a chord bound of {@code e^-s*} or else {@code P e^-s* >= theta}. A crossing is
 * {@code s = Q/P - W0(-(theta/P) e^(Q/P))}. A spike resets u and clamps it for the refractory
 * period; after it {@code Q} is set so that {@code u = reset}. States whose {@code Q/P} would
 * overflow the exponential go to the project's {@link CrossingSolver}. W0 is
 * {@link LambertW#w0OnNegativeAxis} (no correction step: one exponential per crossing with W's
 * argument), as the project's kernel {@code EqualTausLayer} solves, or, timed and checked beside
 * it, the previous one, {@link LambertW#w0} (a start and a Halley step: two exponentials); the
 * spikes of the two are compared too. {@link OneRatio}
 * ({@code eventprop}, {@code jaxsnn}) shares the engine's per-interval factors and decides and
 * solves with the project's solver.
 *
 * <p>Usage: {@code java -cp experiments/target/eventsnn.jar .../LayerKernel.java [PRESET] [MODEL] [ROUNDS]}
 * (PRESET {@code fastdeep} by default; MODEL a {@code model.json} of that preset) prints the
 * checks (every mismatch, the largest differences) and the median CPU time per sample (5
 * warm-up rounds, then ROUNDS, default 9, each timing every part twice in alternating order):
 * the hidden kernel against the engine on the hidden layer alone, both kernels against the
 * training forward pass (stopped once every output fired), then kernels and backward pass
 * against that forward pass and the preset's gradient method; for {@code fastdeep} each of
 * the three kernel parts also with the previous W, with the per-round ratio previous / new.
 */
public final class LayerKernel {
    private static final int SAMPLES = 1000;
    /** Buckets of the counting sort of a layer's inputs (where there are more than 16). */
    private static final int BUCKETS = 256;

    private LayerKernel() {
    }

    /** A kernel for one LIF layer fed by one input population without delays; scratch and results held. */
    abstract static class Kernel {
        /** The layer's population index. */
        final int layer;
        final int neurons;
        /** Per population of the network, the first input slot of its neurons in {@link #w}; -1 if it does not feed the layer. */
        final int[] slotBase;
        /** Weights by input slot then neuron: {@code w[slot * neurons + h]}. */
        final double[] w;
        final double alpha;
        final double theta;
        final double uReset;
        final int maxSpikes;
        final CrossingSolver solver;
        /** The sorted input spikes' times and slots. */
        final double[] time;
        final int[] source;
        /** The number of inputs of the last run. */
        int inputCount;
        private final int[] bucketStart = new int[BUCKETS + 1];
        /** Spike counts and times of the last sample: {@code spikes[h * maxSpikes + c]}. */
        final int[] count;
        final double[] spikes;

        Kernel(Network net, int layer, int maxInputs, int maxSpikes) {
            this.layer = layer;
            Population target = net.population(layer);
            NeuronParameters p = target.params();
            if (target.hasNeuronParams() || target.hasInitialV() || p.receptorCount() != 1 || p.isDeltaReceptor(0)
                    || !(p.threshold() - p.leak() > 0)) {
                throw new IllegalArgumentException("a kernel wants one current receptor, u(0) = 0, theta > 0");
            }
            neurons = target.size();
            slotBase = new int[net.populations().size()];
            Arrays.fill(slotBase, -1);
            int slots = 0;
            for (Projection j : net.projections()) {
                if (j.target() == layer) {
                    if (j.hasSynapseDelays() || j.delay() != 0) {
                        throw new IllegalArgumentException("a kernel wants no delays");
                    }
                    if (slotBase[j.source()] < 0) {
                        slotBase[j.source()] = slots;
                        slots += net.population(j.source()).size();
                    }
                }
            }
            w = new double[slots * neurons];
            for (Projection j : net.projections()) {
                if (j.target() == layer) {
                    for (int k = 0; k < j.synapseCount(); k++) {
                        w[(slotBase[j.source()] + j.pre(k)) * neurons + j.post(k)] += j.weight(k);
                    }
                }
            }
            alpha = 1 / p.tauMem();
            theta = p.threshold() - p.leak();
            uReset = p.reset() - p.leak();
            this.maxSpikes = maxSpikes;
            solver = new CrossingSolver(p);
            time = new double[maxInputs];
            source = new int[maxInputs];
            count = new int[neurons];
            spikes = new double[neurons * maxSpikes];
        }

        /** The kernel for population {@code layer} of {@code net}: {@link EqualTaus} where it applies, else {@link OneRatio}. */
        static Kernel of(Network net, int layer, int maxInputs, boolean halley) {
            NeuronParameters p = net.population(layer).params();
            return p.receptorTau(0) == p.tauMem() ? new EqualTaus(net, layer, maxInputs, halley)
                    : new OneRatio(net, layer, maxInputs);
        }

        /**
         * The layer's spikes for input spikes {@code (slot[i], at[i])}, i < m, all in
         * {@code [0, duration]}, over that window; returns their number. The inputs are sorted by
         * time: by a counting sort into {@link #BUCKETS} buckets of equal width, then an insertion
         * sort, which moves little (the order of equal times does not matter).
         */
        final int run(int[] slot, double[] at, int m, double duration) {
            double[] sortedTime = time;
            int[] sortedSource = source;
            if (m > 16) {
                Arrays.fill(bucketStart, 0);
                double scale = BUCKETS / duration;
                for (int i = 0; i < m; i++) {
                    bucketStart[Math.min((int) (at[i] * scale), BUCKETS - 1) + 1]++;
                }
                for (int b = 1; b <= BUCKETS; b++) {
                    bucketStart[b] += bucketStart[b - 1];
                }
                for (int i = 0; i < m; i++) {
                    int k = bucketStart[Math.min((int) (at[i] * scale), BUCKETS - 1)]++;
                    sortedTime[k] = at[i];
                    sortedSource[k] = slot[i];
                }
            } else {
                System.arraycopy(at, 0, sortedTime, 0, m);
                System.arraycopy(slot, 0, sortedSource, 0, m);
            }
            for (int i = 1; i < m; i++) {
                double t = sortedTime[i];
                if (sortedTime[i - 1] > t) {
                    int n = sortedSource[i];
                    int j = i;
                    do {
                        sortedTime[j] = sortedTime[j - 1];
                        sortedSource[j] = sortedSource[j - 1];
                        j--;
                    } while (j > 0 && sortedTime[j - 1] > t);
                    sortedTime[j] = t;
                    sortedSource[j] = n;
                }
            }
            inputCount = m;
            factors(m, duration);
            int total = 0;
            for (int h = 0; h < neurons; h++) {
                int c = neuron(h, m);
                count[h] = c;
                total += c;
            }
            return total;
        }

        /** Computes the per-input factors shared by all neurons for the m sorted inputs. */
        abstract void factors(int m, double duration);

        /** Neuron h's spikes into {@link #spikes}; returns their number. */
        abstract int neuron(int h, int m);

        /** Records neuron h's spike number c at time t. */
        final void record(int h, int c, double t) {
            if (c < maxSpikes) {
                spikes[h * maxSpikes + c] = t;
            }
        }
    }

    /**
     * tauMem = tauSyn: the membrane in absolute form, {@code u = e^-s (s P - Q)} (see the class
     * comment), its crossings by Lambert W.
     */
    static final class EqualTaus extends Kernel {
        /** The refractory period in units of tauMem. */
        private final double refractory;
        /** Per sorted input j (and the window's end last): s_j, e^(s_j), s_j e^(s_j), e^(-s_j). */
        private final double[] s;
        private final double[] e;
        private final double[] f;
        private final double[] ie;
        private double end;

        /** Per spike ({@code h * maxSpikes + c}): {@code e^-s} and the current there, for {@link Backward}. */
        final double[] spikeDecay;
        final double[] spikeCurrent;

        /** True: crossings by {@link LambertW#w0} (two exponentials), else by {@link LambertW#w0OnNegativeAxis} (one). */
        private final boolean halley;

        EqualTaus(Network net, int layer, int maxInputs, boolean halley) {
            super(net, layer, maxInputs, 64);
            this.halley = halley;
            spikeDecay = new double[neurons * maxSpikes];
            spikeCurrent = new double[neurons * maxSpikes];
            refractory = net.population(layer).params().refractory() * alpha;
            s = new double[maxInputs + 1];
            e = new double[maxInputs + 1];
            f = new double[maxInputs + 1];
            ie = new double[maxInputs + 1];
        }

        @Override
        void factors(int m, double duration) {
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

        @Override
        int neuron(int h, int m) {
            double pSum = 0;
            double qSum = 0;
            double free = 0; // s where the refractory period ends
            int c = 0;
            for (int k = 0; k < m; k++) {
                double wk = w[source[k] * neurons + h];
                pSum += wk * e[k];
                qSum += wk * f[k];
                double a = s[k];
                double b = s[k + 1];
                double ea = ie[k];
                if (!(b > a) || free >= b) {
                    continue; // an empty interval, or clamped throughout
                }
                if (free > a) { // the refractory period ends inside: u = reset there
                    a = free;
                    double ef = Math.exp(free);
                    ea = 1 / ef;
                    qSum = free * pSum - uReset * ef;
                }
                double eb = ie[k + 1];
                while (pSum * ea > theta) { // the current at a exceeds theta (else u cannot reach it)
                    double ratio = qSum / pSum;
                    double peak = 1 + ratio;
                    if (!(peak > a)) {
                        break; // falling throughout
                    }
                    boolean crosses;
                    if ((b * pSum - qSum) * eb >= theta) {
                        crosses = true;
                    } else if (peak >= b) {
                        crosses = false; // rising throughout, below theta at the end
                    } else if (pSum * (ea + (peak - a) / (b - a) * (eb - ea)) < theta * (1 - 1e-9)) {
                        crosses = false; // e^-s lies below its chord: the peak value is below theta
                    } else {
                        crosses = pSum * Math.exp(-peak) >= theta;
                    }
                    if (!crosses) {
                        break;
                    }
                    double sc;
                    double w0 = Double.NaN;
                    boolean viaW = false;
                    if (ratio <= 600) {
                        double z = -(theta / pSum) * Math.exp(ratio);
                        w0 = halley ? LambertW.w0(z) : LambertW.w0OnNegativeAxis(z);
                        sc = ratio - w0;
                        viaW = sc >= a && sc <= b;
                        if (!(sc == sc)) {
                            sc = peak; // rounding put the argument just below -1/e: a grazing peak
                        }
                        sc = Math.min(Math.max(sc, a), b);
                    } else {
                        double ua = (a * pSum - qSum) * ea;
                        sc = a + solver.next(ua, pSum * ea, (b - a) / alpha) * alpha;
                        if (!(sc <= b)) {
                            break;
                        }
                    }
                    if (c < maxSpikes) {
                        // on W's path, u = theta at s: e^-s = theta / (s P - Q) = -theta / (P W)
                        double decay = viaW ? -theta / (pSum * w0) : Math.exp(-sc);
                        spikeDecay[h * maxSpikes + c] = decay;
                        spikeCurrent[h * maxSpikes + c] = pSum * decay;
                    }
                    record(h, c++, sc / alpha);
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
    }

    /**
     * tauMem != tauSyn, no refractory period: per interval between inputs, the engine's own factors
     * ({@link LifDynamics}: membrane decay, current decay, kernel) are computed once and shared by
     * all neurons, whose state {@code (u, I)} is two locals; the interval's end value and
     * {@link CrossingSolver#staysBelowOver} or {@link CrossingSolver#peaksBelow} decide, else
     * {@link CrossingSolver#next} solves (as the engine does).
     */
    static final class OneRatio extends Kernel {
        private final LifDynamics dynamics;
        /** Per interval j (from sorted input j to the next, or the window's end): its length and factors. */
        private final double[] span;
        private final double[] membrane;
        private final double[] current;
        private final double[] kernel;

        OneRatio(Network net, int layer, int maxInputs) {
            super(net, layer, maxInputs, 256);
            NeuronParameters p = net.population(layer).params();
            if (p.refractory() != 0) {
                throw new IllegalArgumentException("this kernel wants tauMem = tauSyn or no refractory period");
            }
            dynamics = new LifDynamics(p);
            span = new double[maxInputs];
            membrane = new double[maxInputs];
            current = new double[maxInputs];
            kernel = new double[maxInputs];
        }

        @Override
        void factors(int m, double duration) {
            for (int j = 0; j < m; j++) {
                double dt = (j + 1 < m ? time[j + 1] : duration) - time[j];
                double em = dynamics.membraneDecay(dt);
                double ec = dynamics.currentDecay(0, dt);
                span[j] = dt;
                membrane[j] = em;
                current[j] = ec;
                kernel[j] = dynamics.kernel(0, dt, ec, em);
            }
        }

        @Override
        int neuron(int h, int m) {
            double u = 0;
            double cur = 0;
            int c = 0;
            for (int k = 0; k < m; k++) {
                cur += w[source[k] * neurons + h];
                double dt = span[k];
                if (!(dt > 0)) {
                    continue;
                }
                double uEnd = u * membrane[k] + cur * kernel[k];
                double curEnd = cur * current[k];
                if (uEnd < theta && (solver.staysBelowOver(u, cur, uEnd, curEnd, Math.abs(cur))
                        || solver.peaksBelow(u, cur))) {
                    u = uEnd;
                    cur = curEnd;
                    continue;
                }
                double t0 = time[k];
                double left = dt;
                while (true) {
                    double tc = solver.next(u, cur, left);
                    if (tc == Double.POSITIVE_INFINITY) {
                        if (left == dt) {
                            u = uEnd;
                            cur = curEnd;
                        } else {
                            double em = dynamics.membraneDecay(left);
                            double ec = dynamics.currentDecay(0, left);
                            u = u * em + cur * dynamics.kernel(0, left, ec, em);
                            cur *= ec;
                        }
                        break;
                    }
                    record(h, c++, t0 + tc);
                    cur *= dynamics.currentDecay(0, tc);
                    u = uReset;
                    t0 += tc;
                    left -= tc;
                }
            }
            return c;
        }
    }

    /** Both layers' kernels: the hidden layer, then the output layer fed by the input and hidden spikes. */
    static final class Forward {
        final Kernel hidden;
        final Kernel output;
        private final int inputPopulation;
        private final int hiddenPopulation;
        private final int[] slot;
        private final double[] at;

        Forward(Network net, int maxInputs, boolean halley) {
            inputPopulation = net.populationIndex(YinYangTask.INPUT);
            hiddenPopulation = net.populationIndex(YinYangTask.HIDDEN);
            hidden = Kernel.of(net, hiddenPopulation, maxInputs, halley);
            int most = maxInputs + hidden.neurons * hidden.maxSpikes;
            output = Kernel.of(net, net.populationIndex(YinYangTask.OUTPUT), most, halley);
            slot = new int[most];
            at = new double[most];
        }

        /** The hidden layer's spikes for input neurons {@code from} firing at {@code times}; returns their number. */
        int hidden(int[] from, double[] times, double duration) {
            int base = hidden.slotBase[inputPopulation];
            for (int j = 0; j < times.length; j++) {
                slot[j] = base + from[j];
            }
            return hidden.run(slot, times, times.length, duration);
        }

        /** {@link #hidden}, then the output layer's spikes; returns the output spikes' number. */
        int both(int[] from, double[] times, double duration) {
            hidden(from, times, duration);
            int m = 0;
            int inBase = output.slotBase[inputPopulation];
            if (inBase >= 0) {
                for (int j = 0; j < times.length; j++) {
                    slot[m] = inBase + from[j];
                    at[m++] = times[j];
                }
            }
            int hBase = output.slotBase[hiddenPopulation];
            for (int h = 0; h < hidden.neurons; h++) {
                for (int c = 0, k = Math.min(hidden.count[h], hidden.maxSpikes); c < k; c++) {
                    slot[m] = hBase + h;
                    at[m++] = hidden.spikes[h * hidden.maxSpikes + c];
                }
            }
            return output.run(slot, at, m, duration);
        }
    }

    /**
     * Fast and Deep's gradients (first spikes, every neuron firing at most once) for both
     * {@link EqualTaus} kernels of a {@link Forward}, from their sorted inputs and shared factors:
     * at a spike at {@code s} an input at {@code s_j < s} has {@code e^-(s - s_j)} = the spike's
     * {@code e^-s} times the input's {@code e^(s_j)}, so its kernel {@code (s - s_j) e^-(s - s_j)}
     * and slope need no exponential; {@code dt/dw_j = -K / Vdot}, chained from the outputs to
     * the hidden spikes as {@code FastAndDeep} does.
     */
    static final class Backward {
        private final EqualTaus hidden;
        private final EqualTaus output;
        private final int hiddenBase;
        final double[] times;
        final boolean[] fired;
        final double[] dLdtOutput;
        private final double[] dLdtHidden;
        /** Weight gradients by input slot then neuron, as the kernels' weights. */
        final double[] dwHidden;
        final double[] dwOutput;

        Backward(Forward f, Network net) {
            hidden = (EqualTaus) f.hidden;
            output = (EqualTaus) f.output;
            hiddenBase = output.slotBase[net.populationIndex(YinYangTask.HIDDEN)];
            times = new double[output.neurons];
            fired = new boolean[output.neurons];
            dLdtOutput = new double[output.neurons];
            dLdtHidden = new double[hidden.neurons];
            dwHidden = new double[hidden.w.length];
            dwOutput = new double[output.w.length];
        }

        /** The gradients of the last {@link Forward#both}'s spikes; returns the loss. */
        double compute(SpikeTimeLoss loss, int label, double duration) {
            for (int o = 0; o < output.neurons; o++) {
                fired[o] = output.count[o] > 0;
                times[o] = fired[o] ? output.spikes[o * output.maxSpikes] : duration;
            }
            double l = loss.evaluate(times, fired, label, dLdtOutput);
            Arrays.fill(dLdtHidden, 0);
            Arrays.fill(dwOutput, 0);
            Arrays.fill(dwHidden, 0);
            for (int o = 0; o < output.neurons; o++) {
                if (fired[o] && dLdtOutput[o] != 0) {
                    chain(output, o, dLdtOutput[o], dLdtHidden, dwOutput);
                }
            }
            for (int h = 0; h < hidden.neurons; h++) {
                if (hidden.count[h] > 0 && dLdtHidden[h] != 0) {
                    chain(hidden, h, dLdtHidden[h], null, dwHidden);
                }
            }
            return l;
        }

        /** Adds the weight gradients of neuron n's first spike, and (if dLda is not null) dL/dt of the hidden inputs' spikes. */
        private void chain(EqualTaus k, int n, double dLdt, double[] dLda, double[] dw) {
            int at = n * k.maxSpikes;
            double t = k.spikes[at];
            double decayAtSpike = k.spikeDecay[at];
            double factor = dLdt / ((k.spikeCurrent[at] - k.theta) * k.alpha);
            double s = t * k.alpha;
            double[] time = k.time;
            for (int j = 0; j < k.inputCount && time[j] < t; j++) {
                double decay = decayAtSpike * k.e[j];
                double kernel = (s - k.s[j]) * decay;
                int slot = k.source[j];
                dw[slot * k.neurons + n] -= factor * kernel;
                int h = slot - hiddenBase;
                if (dLda != null && h >= 0 && h < dLda.length) {
                    dLda[h] += factor * k.w[slot * k.neurons + n] * k.alpha * (decay - kernel);
                }
            }
        }
    }

    /** Checks and times the kernels; see the class comment. */
    public static void main(String[] args) {
        String preset = "fastdeep";
        String model = null;
        int rounds = 9;
        for (String a : args) {
            if (Arrays.asList(Presets.NAMES).contains(a)) {
                preset = a;
            } else if (a.matches("[0-9]+")) {
                rounds = Integer.parseInt(a);
            } else {
                model = a;
            }
        }
        YinYangTask task = new YinYangTask(Presets.get(preset));
        Network net = model != null ? ModelFiles.read(Path.of(model)) : task.initialNetwork(1);
        LabelledSpikes data = task.data(YinYang.Split.TRAIN);
        int n = Math.min(SAMPLES, data.sampleCount());
        SpikeTrains[] inputs = new SpikeTrains[n];
        int[][] from = new int[n][];
        double[][] at = new double[n][];
        int maxInputs = 0;
        for (int i = 0; i < n; i++) {
            inputs[i] = data.input(i);
            from[i] = inputs[i].neurons(YinYangTask.INPUT);
            at[i] = inputs[i].times(YinYangTask.INPUT);
            maxInputs = Math.max(maxInputs, at[i].length);
        }
        double duration = inputs[0].duration();
        Forward forward = new Forward(net, maxInputs, false);
        boolean equalTaus = forward.hidden instanceof EqualTaus && forward.output instanceof EqualTaus;
        Forward previous = equalTaus ? new Forward(net, maxInputs, true) : null; // with the previous W
        Simulator full = new Simulator(net);

        // 1. the checks, against the engine over the whole window and the preset's gradient method
        checkSpikes(net, forward, full, inputs, from, at, duration, "");
        if (equalTaus) {
            checkSpikes(net, previous, full, inputs, from, at, duration, " (previous W)");
            compareW(forward, previous, from, at, duration);
        }
        Backward backward = equalTaus ? new Backward(forward, net) : null;
        Backward previousBackward = equalTaus ? new Backward(previous, net) : null;
        GradientMethod method = task.newMethod().withoutSynapseDelayGradients();
        SpikeTimeLoss loss = task.loss();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = data.label(i);
        }
        if (equalTaus) {
            checkGradients(net, forward, backward, full, method, loss, inputs, from, at, labels, duration, "");
            checkGradients(net, previous, previousBackward, full, method, loss, inputs, from, at, labels, duration,
                    " (previous W)");
        }

        // 2. the timing: kernel against the engine on the hidden layer alone, both layers'
        // kernels against the training forward pass (stopped once every output has fired)
        int hp = net.populationIndex(YinYangTask.HIDDEN);
        Simulator alone = new Simulator(hiddenOnly(net, hp));
        Part run = (part, i) -> {
            if (part == 0) {
                return forward.hidden(from[i], at[i], duration);
            } else if (part == 1) {
                SimulationResult res = alone.run(inputs[i]);
                int c = res.record().count();
                alone.recycle(res);
                return c;
            } else if (part == 2) {
                return forward.both(from[i], at[i], duration);
            } else if (part == 3) {
                SimulationResult res = full.runUntilAllFired(inputs[i], YinYangTask.OUTPUT_INDEX);
                int c = res.record().count();
                full.recycle(res);
                return c;
            } else if (part == 4) {
                forward.both(from[i], at[i], duration);
                return (long) (1e6 * backward.compute(loss, labels[i], duration));
            } else if (part == 6) {
                return previous.hidden(from[i], at[i], duration);
            } else if (part == 7) {
                return previous.both(from[i], at[i], duration);
            } else if (part == 8) {
                previous.both(from[i], at[i], duration);
                return (long) (1e6 * previousBackward.compute(loss, labels[i], duration));
            } else {
                SimulationResult res = full.runUntilAllFired(inputs[i], YinYangTask.OUTPUT_INDEX);
                double l = method.compute(res, YinYangTask.OUTPUT_INDEX, loss, labels[i]).loss();
                full.recycle(res);
                return (long) (1e6 * l);
            }
        };
        // the forward passes first, then (allocating gradients) the backward ones
        double[][] us;
        if (equalTaus) {
            double[][] first = time(run, new int[] {0, 1, 2, 3, 6, 7}, rounds, n);
            double[][] second = time(run, new int[] {4, 5, 8}, rounds, n);
            us = new double[][] {first[0], first[1], first[2], first[3], second[0], second[1], first[4], first[5],
                second[2]};
        } else {
            us = time(run, new int[] {0, 1, 2, 3}, rounds, n);
        }
        double[] hiddenRatio = new double[rounds];
        double[] forwardRatio = new double[rounds];
        double[] sampleRatio = new double[rounds];
        double[][] previousRatio = new double[3][rounds];
        for (int r = 0; r < rounds; r++) {
            hiddenRatio[r] = us[1][r] / us[0][r];
            forwardRatio[r] = us[3][r] / us[2][r];
            if (equalTaus) {
                sampleRatio[r] = us[5][r] / us[4][r];
                previousRatio[0][r] = us[6][r] / us[0][r];
                previousRatio[1][r] = us[7][r] / us[2][r];
                previousRatio[2][r] = us[8][r] / us[4][r];
            }
        }
        for (double[] o : previousRatio) {
            Arrays.sort(o);
        }
        for (double[] u : us) {
            Arrays.sort(u);
        }
        Arrays.sort(hiddenRatio);
        Arrays.sort(forwardRatio);
        Arrays.sort(sampleRatio);
        int mid = rounds / 2;
        System.out.printf("%s, %s weights, us CPU per sample (median of %d rounds of %d, both orders):%n", preset,
                model != null ? model : "initial", rounds, n);
        System.out.printf("  hidden layer (%d neurons): kernel (%s) %.2f, engine on the hidden layer alone %.2f,"
                + " ratio %.2f%n", forward.hidden.neurons, forward.hidden.getClass().getSimpleName(), us[0][mid],
                us[1][mid], hiddenRatio[mid]);
        System.out.printf("  forward: both kernels (whole window) %.2f, engine's training forward pass %.2f,"
                + " ratio %.2f%n", us[2][mid], us[3][mid], forwardRatio[mid]);
        if (equalTaus) {
            System.out.printf("  forward + backward: kernels %.2f, engine + %s %.2f, ratio %.2f%n", us[4][mid],
                    method.name(), us[5][mid], sampleRatio[mid]);
            System.out.printf("  with the previous W (LambertW.w0, two exponentials per crossing), and previous / new"
                    + " per round: hidden kernel %.2f (%.3f), both kernels %.2f (%.3f), forward + backward %.2f (%.3f)%n",
                    us[6][mid], previousRatio[0][mid], us[7][mid], previousRatio[1][mid], us[8][mid],
                    previousRatio[2][mid]);
        }
    }

    /** One part of the timing: sample i's work; returns a result, summed so that nothing is optimised away. */
    private interface Part {
        long run(int part, int i);
    }

    /**
     * Per part of {@code parts} (indexed as in {@code parts}), the CPU us per sample of every
     * round after 5 warm-up rounds; each round runs every part twice over the n samples, in
     * one order and then the other.
     */
    private static double[][] time(Part run, int[] parts, int rounds, int n) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[][] us = new double[parts.length][rounds];
        long sink = 0;
        for (int r = -5; r < rounds; r++) {
            long[] sum = new long[parts.length];
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < parts.length; k++) {
                    int index = (r + pass) % 2 == 0 ? k : parts.length - 1 - k;
                    long t0 = cpu.getCurrentThreadCpuTime();
                    for (int i = 0; i < n; i++) {
                        sink += run.run(parts[index], i);
                    }
                    sum[index] += cpu.getCurrentThreadCpuTime() - t0;
                }
            }
            if (r >= 0) {
                for (int k = 0; k < parts.length; k++) {
                    us[k][r] = sum[k] / 1e3 / (2 * n);
                }
            }
        }
        if (sink == 42) {
            System.out.println();
        }
        return us;
    }

    /** Compares a kernel's spikes with the engine's, sample by sample; prints every mismatch. */
    private static final class Check {
        private final String name;
        private final Kernel kernel;
        private final int offset;
        private final double[] engine;
        private final int[] engineCount;
        private double maxDiff;
        private long spikeCount;
        private int mismatches;

        Check(Network net, String population, String label, Kernel kernel) {
            name = population + label;
            this.kernel = kernel;
            offset = net.offset(net.populationIndex(population));
            engine = new double[kernel.neurons * kernel.maxSpikes];
            engineCount = new int[kernel.neurons];
        }

        void compare(int sample, SpikeRecord rec) {
            int max = kernel.maxSpikes;
            Arrays.fill(engineCount, 0);
            for (int r = 0; r < rec.count(); r++) {
                int h = rec.neuron(r) - offset;
                if (h >= 0 && h < kernel.neurons) {
                    if (engineCount[h] < max) {
                        engine[h * max + engineCount[h]] = rec.time(r);
                    }
                    engineCount[h]++;
                }
            }
            for (int h = 0; h < kernel.neurons; h++) {
                int c = kernel.count[h];
                spikeCount += engineCount[h];
                if (c != engineCount[h] || c > max) {
                    mismatches++;
                    System.out.printf("MISMATCH %s sample %d neuron %d: kernel %d spikes %s, engine %d %s%n", name,
                            sample, h, c, Arrays.toString(Arrays.copyOfRange(kernel.spikes, h * max,
                                    h * max + Math.min(c, max))), engineCount[h], Arrays.toString(
                                    Arrays.copyOfRange(engine, h * max, h * max + Math.min(engineCount[h], max))));
                    continue;
                }
                for (int k = 0; k < c; k++) {
                    double d = Math.abs(kernel.spikes[h * max + k] - engine[h * max + k]);
                    if (!(d <= 1e-12)) {
                        mismatches++;
                        System.out.printf("MISMATCH %s sample %d neuron %d spike %d: kernel %.17g, engine %.17g%n",
                                name, sample, h, k, kernel.spikes[h * max + k], engine[h * max + k]);
                    }
                    maxDiff = Math.max(maxDiff, d);
                }
            }
        }

        void print(int samples) {
            System.out.printf("check %s: %d samples, %d spikes, %d mismatches, max |t_kernel - t_engine| = %.3g s%n",
                    name, samples, spikeCount, mismatches, maxDiff);
        }
    }

    /**
     * Compares the spikes of the kernels with {@link LambertW#w0OnNegativeAxis} ({@code w}) and
     * with {@link LambertW#w0} ({@code halley}), sample by sample: spike counts that differ, and
     * the largest difference of a spike time (s, and relative).
     */
    private static void compareW(Forward w, Forward halley, int[][] from, double[][] at, double duration) {
        long spikes = 0;
        long differing = 0;
        int counts = 0;
        double maxDiff = 0;
        double maxRel = 0;
        for (int i = 0; i < from.length; i++) {
            w.both(from[i], at[i], duration);
            halley.both(from[i], at[i], duration);
            for (int layer = 0; layer < 2; layer++) {
                Kernel a = layer == 0 ? w.hidden : w.output;
                Kernel b = layer == 0 ? halley.hidden : halley.output;
                for (int h = 0; h < a.neurons; h++) {
                    if (a.count[h] != b.count[h]) {
                        counts++;
                        System.out.printf("COUNT sample %d layer %d neuron %d: %d spikes, with w0 %d%n", i, layer, h,
                                a.count[h], b.count[h]);
                        continue;
                    }
                    for (int c = 0, k = Math.min(a.count[h], a.maxSpikes); c < k; c++) {
                        double ta = a.spikes[h * a.maxSpikes + c];
                        double d = Math.abs(ta - b.spikes[h * b.maxSpikes + c]);
                        spikes++;
                        differing += d != 0 ? 1 : 0;
                        maxDiff = Math.max(maxDiff, d);
                        maxRel = Math.max(maxRel, d / ta);
                    }
                }
            }
        }
        System.out.printf("W compared (w0OnNegativeAxis against w0): %d spikes, %d counts differing, %d times differing,"
                + " max difference %.3g s (%.3g relative)%n", spikes, counts, differing, maxDiff, maxRel);
    }

    /** Checks both kernels' spikes of every sample against the engine's whole-window run; prints the result. */
    private static void checkSpikes(Network net, Forward forward, Simulator full, SpikeTrains[] inputs, int[][] from,
                                    double[][] at, double duration, String label) {
        Check hiddenCheck = new Check(net, YinYangTask.HIDDEN, label, forward.hidden);
        Check outputCheck = new Check(net, YinYangTask.OUTPUT, label, forward.output);
        for (int i = 0; i < inputs.length; i++) {
            forward.both(from[i], at[i], duration);
            SimulationResult res = full.run(inputs[i]);
            hiddenCheck.compare(i, res.record());
            outputCheck.compare(i, res.record());
            full.recycle(res);
        }
        hiddenCheck.print(inputs.length);
        outputCheck.print(inputs.length);
    }

    /**
     * Compares the kernels' gradients with the preset's method on the engine's training forward
     * pass, weight by weight (relative difference, over weights above 1e-12 of the largest).
     */
    private static void checkGradients(Network net, Forward forward, Backward backward, Simulator full,
                                       GradientMethod method, SpikeTimeLoss loss, SpikeTrains[] inputs, int[][] from,
                                       double[][] at, int[] labels, double duration, String label) {
        double maxRel = 0;
        double maxLoss = 0;
        long compared = 0;
        int worse = 0;
        for (int i = 0; i < inputs.length; i++) {
            forward.both(from[i], at[i], duration);
            double l = backward.compute(loss, labels[i], duration);
            SimulationResult res = full.runUntilAllFired(inputs[i], YinYangTask.OUTPUT_INDEX);
            Gradients g = method.compute(res, YinYangTask.OUTPUT_INDEX, loss, labels[i]);
            full.recycle(res);
            maxLoss = Math.max(maxLoss, Math.abs(l - g.loss()) / Math.max(1e-300, Math.abs(g.loss())));
            double scale = 0;
            for (int p = 0; p < g.projectionCount(); p++) {
                for (double d : g.weights(p)) {
                    scale = Math.max(scale, Math.abs(d));
                }
            }
            for (int p = 0; p < g.projectionCount(); p++) {
                Projection pr = net.projection(p);
                Kernel k = pr.target() == forward.hidden.layer ? forward.hidden : forward.output;
                double[] dw = k == forward.hidden ? backward.dwHidden : backward.dwOutput;
                double[] engine = g.weights(p);
                for (int syn = 0; syn < engine.length; syn++) {
                    double mine = dw[(k.slotBase[pr.source()] + pr.pre(syn)) * k.neurons + pr.post(syn)];
                    double d = Math.abs(mine - engine[syn]);
                    if (d == 0 || Math.abs(engine[syn]) <= 1e-12 * scale && d <= 1e-12 * scale) {
                        continue;
                    }
                    double rel = d / Math.abs(engine[syn]);
                    compared++;
                    maxRel = Math.max(maxRel, rel);
                    if (!(rel <= 1e-9) && worse++ < 10) {
                        System.out.printf("GRADIENT sample %d projection %d synapse %d: kernels %.17g, %s %.17g%n", i,
                                p, syn, mine, method.name(), engine[syn]);
                    }
                }
            }
        }
        System.out.printf("check gradients%s: %d samples, %d weights differing in any bit, %d beyond 1e-9 relative,"
                + " max relative difference %.3g; loss max relative difference %.3g%n", label, inputs.length, compared,
                worse, maxRel, maxLoss);
    }

    /** The input population, the layer and the projection into it, as the engine's network of the layer alone. */
    private static Network hiddenOnly(Network net, int hp) {
        Projection in = null;
        for (Projection j : net.projections()) {
            if (j.target() == hp) {
                in = j;
            }
        }
        Population src = net.population(in.source());
        Population hidden = net.population(hp);
        double[][] w = new double[src.size()][hidden.size()];
        for (int k = 0; k < in.synapseCount(); k++) {
            w[in.pre(k)][in.post(k)] += in.weight(k);
        }
        return Network.builder().add(Population.input(src.name(), src.size()))
                .add(Population.lif(hidden.name(), hidden.size(), hidden.params()))
                .connectDense(src.name(), hidden.name(), null, 0, w).build();
    }
}

package org.eventsnn.experiments.microcircuit;

import org.eventsnn.core.base.CounterStream;
import org.eventsnn.core.base.SplitMix64;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.PoissonDrive;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.ProceduralConnectivity;
import org.eventsnn.core.model.Sampler;

/**
 * The cortical microcircuit of Potjans and Diesmann (2014), as NEST's {@code Potjans_2014}
 * example builds it, in this model's units (mV as plain numbers, seconds): 8 populations of
 * iaf_psc_exp neurons, procedural pairwise-Bernoulli projections with normal weights and
 * delays, a Poisson background per neuron, and for a scale below 1 the example's DC
 * compensation (as a shift of the leak potential). docs/scale.md gives every number with its
 * source and the derivations line by line.
 *
 * <p>Reproducible from the seed S: 64 seeds are drawn from {@code SplitMix64(S)} for the
 * projections (target-major, source-minor, including absent ones), then 8 for the Poisson
 * drives, then one for the initial potentials; neuron i of population p starts at
 * {@code V0_mean[p] + V0_sd[p] * gaussian()} from the {@link CounterStream} keyed by (that
 * seed, global neuron index).
 */
public final class MicrocircuitModel {
    /** Population names, in the published order. */
    public static final String[] POPULATIONS = {"L23e", "L23i", "L4e", "L4i", "L5e", "L5i", "L6e", "L6i"};
    /** Full-scale population sizes (Potjans and Diesmann 2014, Table 5; NEST network_params.py N_full). */
    static final int[] FULL_SIZE = {20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948};
    /** External (background) in-degrees K_ext (paper Table 5; NEST K_ext). */
    static final int[] K_EXT = {1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100};
    /** Connection probabilities [target][source] (paper Table 5; NEST conn_probs). */
    static final double[][] CONN_PROBS = {
        {0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0},
        {0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0},
        {0.0077, 0.0059, 0.0497, 0.1350, 0.0067, 0.0003, 0.0453, 0.0},
        {0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0},
        {0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0},
        {0.0548, 0.0269, 0.0257, 0.0022, 0.0600, 0.3158, 0.0086, 0.0},
        {0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252},
        {0.0364, 0.0010, 0.0034, 0.0005, 0.0277, 0.0080, 0.0658, 0.1443}};
    /** Full-scale mean rates (spikes/s) NEST's example uses for the DC compensation (full_mean_rates). */
    static final double[] FULL_MEAN_RATES = {0.903, 2.965, 4.414, 5.876, 7.569, 8.633, 1.105, 7.829};
    /** Initial membrane potentials (mV), NEST's "optimized" V0 per population: means and sds. */
    static final double[] V0_MEAN = {-68.28, -63.16, -63.33, -63.45, -63.11, -61.66, -66.72, -61.43};
    static final double[] V0_SD = {5.36, 4.57, 4.74, 4.94, 4.94, 4.55, 5.46, 4.48};

    /** iaf_psc_exp parameters: C_m (pF), tau_m (ms), tau_syn (ms), t_ref (ms), E_L, V_th, V_reset (mV). */
    static final double C_M = 250;
    static final double TAU_M_MS = 10;
    static final double TAU_SYN_MS = 0.5;
    static final double T_REF_MS = 2;
    static final double E_L = -65;
    static final double V_TH = -50;
    static final double V_RESET = -65;
    /** Excitatory PSC amplitude (pA), its relative sd, the relative inhibitory strength, the L4e -> L23e factor. */
    static final double PSC_EXC = 87.8;
    static final double PSC_REL_SD = 0.1;
    static final double G = -4;
    static final double L4E_TO_L23E = 2;
    /** Mean delays (ms) of excitatory and inhibitory sources, relative sd, and the minimum (NEST's resolution). */
    static final double DELAY_EXC_MS = 1.5;
    static final double DELAY_INH_MS = 0.75;
    static final double DELAY_REL_SD = 0.5;
    static final double DELAY_MIN_MS = 0.1;
    /** Background rate per external synapse (spikes/s). */
    static final double BG_RATE = 8;

    private MicrocircuitModel() {
    }

    /** The weight in this model's units (mV of current jump) of a PSC amplitude J in pA: J tau_m / C_m. */
    static double weightOf(double psc) {
        return psc * TAU_M_MS / C_M;
    }

    /** Mean PSC (pA) from source population s (before scaling). */
    static double meanPsc(int target, int source) {
        double j = source % 2 == 0 ? PSC_EXC : G * PSC_EXC;
        return target == 0 && source == 2 ? L4E_TO_L23E * j : j;
    }

    /**
     * Full-scale total number of synapses from s to t as NEST's example computes it (fixed total
     * number with multapses): {@code log(1 - p) / log(1 - 1 / (N_s N_t))}.
     */
    static double fullSynapses(int target, int source) {
        double p = CONN_PROBS[target][source];
        double pairs = (double) FULL_SIZE[source] * FULL_SIZE[target];
        return Math.log(1 - p) / Math.log((pairs - 1) / pairs);
    }

    /**
     * The pairwise-Bernoulli probability giving NEST's expected number of synapses:
     * {@code fullSynapses / (N_s N_t)} (about {@code -log(1 - p)}).
     */
    static double bernoulliProbability(int target, int source) {
        return fullSynapses(target, source) / ((double) FULL_SIZE[source] * FULL_SIZE[target]);
    }

    /** Population size at {@code scale}: round(N_full scale). */
    static int size(int p, double scale) {
        return (int) Math.round(FULL_SIZE[p] * scale);
    }

    /**
     * NEST's DC compensation (pA) of population t for in-degrees scaled by {@code scale}:
     * {@code 0.001 tau_syn (1 - sqrt(scale)) (sum_s J_ts K_ts rate_s + J_ext K_ext bg_rate)},
     * K_ts the full-scale in-degree fullSynapses / N_t.
     */
    static double dcCompensation(int t, double scale) {
        double input = PSC_EXC * K_EXT[t] * BG_RATE;
        for (int s = 0; s < 8; s++) {
            input += meanPsc(t, s) * fullSynapses(t, s) / FULL_SIZE[t] * FULL_MEAN_RATES[s];
        }
        return 0.001 * TAU_SYN_MS * (1 - Math.sqrt(scale)) * input;
    }

    /**
     * The microcircuit at {@code scale} (0 &lt; scale &lt;= 1: neuron counts and in-degrees times
     * scale, weights over sqrt(scale), DC compensation) from seed {@code seed}; with
     * {@code store} its synapses are materialised.
     */
    public static Network build(double scale, long seed, boolean store) {
        return build(scale, seed, store, ProceduralConnectivity.Precision.FLOAT64, Sampler.ZIGGURAT);
    }

    /**
     * {@link #build(double, long, boolean)} with synapse values of {@code precision} (float32: each
     * weight and delay rounded to the nearest float32 value, 4 bytes per stored value), the
     * synapses' and the Poisson drive's variates drawn by {@code sampler}.
     */
    public static Network build(double scale, long seed, boolean store, ProceduralConnectivity.Precision precision,
                                Sampler sampler) {
        if (!(scale > 0 && scale <= 1)) {
            throw new IllegalArgumentException("--scale must be in (0, 1], got " + scale);
        }
        for (int p = 0; p < 8; p++) {
            if (size(p, scale) < 1) {
                throw new IllegalArgumentException("--scale " + scale + " leaves population " + POPULATIONS[p]
                        + " without neurons");
            }
        }
        SplitMix64 seeds = new SplitMix64(seed);
        long[][] projectionSeed = new long[8][8];
        for (int t = 0; t < 8; t++) {
            for (int s = 0; s < 8; s++) {
                projectionSeed[t][s] = seeds.nextLong();
            }
        }
        long[] driveSeed = new long[8];
        for (int p = 0; p < 8; p++) {
            driveSeed[p] = seeds.nextLong();
        }
        long initialSeed = seeds.nextLong();
        double root = Math.sqrt(scale);
        Network.Builder b = Network.builder();
        CounterStream stream = new CounterStream();
        int offset = 0;
        for (int p = 0; p < 8; p++) {
            int n = size(p, scale);
            double leak = E_L + TAU_M_MS / C_M * dcCompensation(p, scale);
            NeuronParameters params = NeuronParameters.builder().tauMem(TAU_M_MS * 1e-3)
                    .receptors(new String[] {"exc", "inh"}, new double[] {TAU_SYN_MS * 1e-3, TAU_SYN_MS * 1e-3})
                    .leak(leak).threshold(V_TH).reset(V_RESET).refractory(T_REF_MS * 1e-3).build();
            double[] v0 = new double[n];
            for (int i = 0; i < n; i++) {
                stream.start(initialSeed, offset + i);
                v0[i] = V0_MEAN[p] + V0_SD[p] * stream.nextGaussian();
            }
            offset += n;
            double rate = BG_RATE * Math.round(K_EXT[p] * scale);
            b.add(Population.lif(POPULATIONS[p], n, params, v0)
                    .withPoisson(new PoissonDrive(rate, weightOf(PSC_EXC) / root, 0, driveSeed[p], sampler)));
        }
        for (int t = 0; t < 8; t++) {
            for (int s = 0; s < 8; s++) {
                if (CONN_PROBS[t][s] == 0) {
                    continue;
                }
                double w = weightOf(meanPsc(t, s)) / root;
                double delay = (s % 2 == 0 ? DELAY_EXC_MS : DELAY_INH_MS) * 1e-3;
                b.connectProcedural(POPULATIONS[s], POPULATIONS[t], s % 2 == 0 ? "exc" : "inh",
                        new ProceduralConnectivity(bernoulliProbability(t, s), projectionSeed[t][s], w,
                                PSC_REL_SD * Math.abs(w), delay, DELAY_REL_SD * delay, DELAY_MIN_MS * 1e-3, store,
                                precision, sampler));
            }
        }
        return b.build();
    }
}

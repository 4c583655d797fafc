package org.eventsnn.experiments.cuba;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.ProceduralConnectivity;
import org.eventsnn.core.model.Projection.RandomConnectivity;
import org.eventsnn.core.model.Sampler;
import org.eventsnn.core.base.SplitMix64;

/**
 * The current-based benchmark network of Brette et al. 2007 (benchmark 2, "CUBA"), in this
 * model's units (mV as plain numbers, seconds): populations {@code exc} (the first 80 %) and
 * {@code inh}; tauMem 20 ms; receptors exc 5 ms, inh 10 ms; leak -49, threshold -50, reset -60,
 * refractory 5 ms; every ordered pair connected with probability 0.02, weight +1.62 from
 * excitatory and -9 from inhibitory neurons; no delays, no external input.
 *
 * <p>Reproducible from the seed S: initial potentials are {@code -60 + 10 u} with u drawn from
 * {@code SplitMix64(S)}, first for every excitatory neuron then every inhibitory one;
 * projections exc-exc, exc-inh, inh-exc, inh-inh use the {@code random} connectivity with seeds
 * S+1, S+2, S+3, S+4.
 */
public final class CubaModel {
    /** Probability that an ordered pair of neurons is connected. */
    public static final double CONNECTION_PROBABILITY = 0.02;
    /** Weight of every synapse from an excitatory neuron. */
    public static final double EXC_WEIGHT = 1.62;
    /** Weight of every synapse from an inhibitory neuron. */
    public static final double INH_WEIGHT = -9.0;

    private CubaModel() {
    }

    /** The neuron parameters shared by both populations. */
    public static NeuronParameters params() {
        return NeuronParameters.builder().tauMem(0.02)
                .receptors(new String[] {"exc", "inh"}, new double[] {0.005, 0.01})
                .leak(-49).threshold(-50).reset(-60).refractory(0.005).build();
    }

    /** The network of {@code neurons} neurons (at least 2). */
    public static Network build(int neurons, long seed) {
        return build(neurons, seed, CONNECTION_PROBABILITY, 0, false, Sampler.ZIGGURAT);
    }

    /**
     * The network with another connection probability and one delay for every synapse; with
     * {@code procedural} its projections are {@code procedural} (pairwise Bernoulli, fixed
     * weights and delay, seeds S+1..S+4, never stored) instead of {@code random}: the same
     * statistics, another draw of the synapses, whose skips {@code sampler} draws.
     */
    public static Network build(int neurons, long seed, double probability, double delay, boolean procedural,
                                Sampler sampler) {
        if (neurons < 2) {
            throw new IllegalArgumentException("--neurons must be >= 2, got " + neurons);
        }
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("--probability must be in [0, 1], got " + probability);
        }
        if (!(delay >= 0) || Double.isInfinite(delay)) {
            throw new IllegalArgumentException("--delay must be a finite number >= 0, got " + delay);
        }
        int exc = (int) Math.round(0.8 * neurons);
        int inh = neurons - exc;
        NeuronParameters p = params();
        SplitMix64 rng = new SplitMix64(seed);
        double[] vExc = new double[exc];
        double[] vInh = new double[inh];
        for (int i = 0; i < exc; i++) {
            vExc[i] = -60 + 10 * rng.nextDouble();
        }
        for (int i = 0; i < inh; i++) {
            vInh[i] = -60 + 10 * rng.nextDouble();
        }
        Network.Builder b = Network.builder()
                .add(Population.lif("exc", exc, p, vExc))
                .add(Population.lif("inh", inh, p, vInh));
        String[][] pairs = {{"exc", "exc"}, {"exc", "inh"}, {"inh", "exc"}, {"inh", "inh"}};
        for (int k = 0; k < pairs.length; k++) {
            String source = pairs[k][0];
            double w = source.equals("exc") ? EXC_WEIGHT : INH_WEIGHT;
            if (procedural) {
                b.connectProcedural(source, pairs[k][1], source, new ProceduralConnectivity(probability, seed + 1 + k, w, 0,
                        delay, 0, 0, false, ProceduralConnectivity.Precision.FLOAT64, sampler));
            } else {
                b.connectRandom(source, pairs[k][1], source, delay, new RandomConnectivity(probability, w, seed + 1 + k));
            }
        }
        return b.build();
    }
}

package org.eventsnn.core.model;

import java.util.SplittableRandom;

/** Random networks with delta synapses (receptors of time constant 0), for property tests. */
public final class DeltaNetworks {
    private DeltaNetworks() {
    }

    /**
     * Parameters with a delta receptor {@code d} and, when {@code withCurrent}, a current receptor
     * {@code syn}; sometimes a leak above threshold; with {@code singleSpike} a refractory period
     * longer than the window.
     */
    public static NeuronParameters params(SplittableRandom r, boolean withCurrent, boolean singleSpike) {
        double tauMem = r.nextDouble(0.002, 0.02);
        double threshold = r.nextDouble(0.3, 1.5);
        double leak = r.nextInt(4) == 0 ? threshold + r.nextDouble(0.01, 0.3) : r.nextInt(3) == 0 ? r.nextDouble(-0.3, 0.3) : 0.0;
        double reset = r.nextBoolean() ? Math.min(0.0, threshold - 0.3) : r.nextDouble(-0.5, 0.0);
        double refractory = singleSpike ? 1.0 : r.nextInt(3) == 0 ? 0.0 : r.nextDouble(0.0001, 0.003);
        NeuronParameters.Builder b = NeuronParameters.builder().tauMem(tauMem).threshold(threshold).leak(leak)
                .reset(reset).refractory(refractory);
        if (withCurrent) {
            double tauSyn = r.nextInt(4) == 0 ? tauMem : r.nextDouble(0.001, 0.02);
            return r.nextBoolean() ? b.receptors(new String[] {"syn", "d"}, new double[] {tauSyn, 0}).build()
                    : b.receptors(new String[] {"d", "syn"}, new double[] {0, tauSyn}).build();
        }
        return b.receptors(new String[] {"d"}, new double[] {0}).build();
    }

    /**
     * in -> hidden -> out (sometimes also in -> out and hidden -> hidden) where hidden has a delta
     * receptor and sometimes a current one, out only a delta receptor or both. A neuron whose leak
     * lies above threshold starts below threshold. Projections of LIF populations onto delta
     * synapses have a delay unless the target has a refractory period (a zero-delay cycle needs one).
     */
    public static Network network(long seed, boolean singleSpike) {
        SplittableRandom r = new SplittableRandom(seed);
        int nIn = 1 + r.nextInt(4);
        int nHidden = 1 + r.nextInt(6);
        int nOut = 1 + r.nextInt(3);
        NeuronParameters ph = params(r, r.nextInt(3) != 0, singleSpike);
        NeuronParameters po = params(r, r.nextInt(3) == 0, singleSpike);
        Network.Builder b = Network.builder()
                .add(Population.input("in", nIn))
                .add(Population.lif("hidden", nHidden, ph, start(r, nHidden, ph)))
                .add(Population.lif("out", nOut, po, start(r, nOut, po)));
        connect(r, b, "in", nIn, "hidden", nHidden, ph, true, 3.0 / nIn);
        connect(r, b, "hidden", nHidden, "out", nOut, po, false, 2.0 / nHidden);
        if (r.nextInt(3) == 0) {
            connect(r, b, "in", nIn, "out", nOut, po, true, 0.5 / nIn);
        }
        if (r.nextBoolean()) {
            connect(r, b, "hidden", nHidden, "hidden", nHidden, ph, false, 0.4 / nHidden);
        }
        return b.build();
    }

    private static void connect(SplittableRandom r, Network.Builder b, String source, int nSource, String target,
                                int nTarget, NeuronParameters p, boolean fromInput, double scale) {
        String receptor = p.receptorName(r.nextInt(p.receptorCount()));
        boolean delta = p.isDeltaReceptor(p.receptorIndex(receptor));
        double span = p.threshold() - Math.min(p.reset(), p.leak());
        double mean = scale * span * (delta ? 0.5 : 1.2);
        boolean zeroDelay = r.nextBoolean() && (fromInput || !delta || p.refractory() > 0);
        double delay = zeroDelay ? 0.0 : r.nextDouble(0.0001, 0.002);
        b.connectDense(source, target, receptor, delay, RandomNetworks.weights(r, nSource, nTarget, mean, Math.abs(mean)));
    }

    private static double[] start(SplittableRandom r, int n, NeuronParameters p) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = p.leak() < p.threshold() && r.nextBoolean() ? p.leak()
                    : p.reset() + r.nextDouble() * (p.threshold() - p.reset()) * 0.9;
        }
        return v;
    }
}

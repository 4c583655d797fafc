package org.eventsnn.core.model;

import org.eventsnn.core.record.SpikeTrains;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The one generator of random test networks and inputs: an input population, one or two LIF
 * layers with random parameters (tauMem/tauSyn ratios 1, 2 and arbitrary, one or two receptors,
 * leak above or below threshold, refractory or not; in a third of the networks every neuron
 * has parameters of its own), feed-forward, recurrent and self connections with delays.
 * Deterministic in the seed.
 */
public final class RandomNetworks {
    public static final double DURATION = 0.03;

    private RandomNetworks() {
    }

    public static NeuronParameters randomParams(SplittableRandom r) {
        double tauMem = r.nextDouble(0.002, 0.02);
        int shape = r.nextInt(4);
        double tauSyn = shape == 0 ? tauMem : shape == 1 ? tauMem / 2 : r.nextDouble(0.001, 0.02);
        double threshold = r.nextDouble(0.3, 1.5);
        double leak = r.nextInt(4) == 0 ? r.nextDouble(-0.3, threshold + 0.3) : 0.0;
        double reset = r.nextInt(2) == 0 ? 0.0 : r.nextDouble(-0.5, 0.0);
        if (reset >= threshold) {
            reset = threshold - 0.5;
        }
        NeuronParameters.Builder b = NeuronParameters.builder().tauMem(tauMem).threshold(threshold).leak(leak)
                .reset(reset).refractory(r.nextInt(3) == 0 ? 0.0 : r.nextDouble(0.0001, 0.003));
        if (r.nextInt(3) == 0) {
            b.receptors(new String[] {"exc", "inh"}, new double[] {tauSyn, r.nextDouble(0.001, 0.03)});
        } else {
            b.tauSyn(tauSyn);
        }
        return b.build();
    }

    /**
     * {@code p} with integer ratios tauMem / tau (the first receptor 3-20, any other 2-20), whose
     * crossings are solved as polynomials in exp(-t/tauMem); delta receptors stay.
     */
    public static NeuronParameters withIntegerRatios(NeuronParameters p, SplittableRandom r) {
        String[] names = new String[p.receptorCount()];
        double[] taus = new double[names.length];
        for (int k = 0; k < names.length; k++) {
            names[k] = p.receptorName(k);
            taus[k] = p.isDeltaReceptor(k) ? 0 : p.tauMem() / (k == 0 ? 3 + r.nextInt(18) : 2 + r.nextInt(19));
        }
        return p.toBuilder().receptors(names, taus).build();
    }

    /** By the seed, one of: {@link #network} (some recurrent), {@link #feedForward} single-spike or not. */
    public static Network mixed(long seed) {
        switch ((int) Math.floorMod(seed, 4L)) {
            case 0:
                return network(seed);
            case 1:
                return feedForward(seed, true);
            default:
                return feedForward(seed, false);
        }
    }

    public static Network network(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int nIn = 1 + r.nextInt(5);
        int nHidden = 1 + r.nextInt(6);
        int nOut = 1 + r.nextInt(4);
        NeuronParameters ph = randomParams(r);
        NeuronParameters po = r.nextBoolean() ? ph : randomParams(r);
        Network.Builder b = Network.builder()
                .add(Population.input("in", nIn))
                .add(Population.lif("hidden", nHidden, ph, initialV(r, nHidden, ph)))
                .add(Population.lif("out", nOut, po));
        b.connectDense("in", "hidden", receptor(r, ph), delay(r), weights(r, nIn, nHidden, 1.5, 1.0));
        b.connectDense("hidden", "out", receptor(r, po), delay(r), weights(r, nHidden, nOut, 1.0, 1.0));
        if (r.nextBoolean()) {
            b.connectDense("hidden", "hidden", receptor(r, ph), delay(r), weights(r, nHidden, nHidden, 0.0, 0.6));
        }
        if (r.nextInt(3) == 0) {
            b.connectDense("in", "out", receptor(r, po), delay(r), weights(r, nIn, nOut, 0.5, 0.5));
        }
        return sometimesPerNeuron(r, b.build());
    }

    /**
     * A feed-forward network in -> hidden -> out (plus sometimes in -> out), with delays, leak,
     * one or two receptors; with {@code singleSpike} every neuron fires at most once (refractory
     * period longer than the window), as Fast and Deep requires.
     */
    public static Network feedForward(long seed, boolean singleSpike) {
        SplittableRandom r = new SplittableRandom(seed);
        int nIn = 1 + r.nextInt(4);
        int nHidden = 1 + r.nextInt(6);
        int nOut = 1 + r.nextInt(3);
        NeuronParameters ph = randomParams(r);
        NeuronParameters po = r.nextBoolean() ? ph : randomParams(r);
        if (singleSpike) {
            ph = ph.toBuilder().refractory(1.0).build();
            po = po.toBuilder().refractory(1.0).build();
        }
        double wh = 1.2 * (ph.threshold() - ph.leak()) / Math.max(nIn, 1) * 3;
        double wo = 1.2 * (po.threshold() - po.leak()) / Math.max(nHidden, 1) * 3;
        Network.Builder b = Network.builder()
                .add(Population.input("in", nIn))
                .add(Population.lif("hidden", nHidden, ph))
                .add(Population.lif("out", nOut, po));
        b.connectDense("in", "hidden", receptor(r, ph), delay(r), weights(r, nIn, nHidden, Math.abs(wh), Math.abs(wh)));
        b.connectDense("hidden", "out", receptor(r, po), delay(r), weights(r, nHidden, nOut, Math.abs(wo), Math.abs(wo)));
        if (r.nextInt(3) == 0) {
            b.connectDense("in", "out", receptor(r, po), delay(r), weights(r, nIn, nOut, 0.3, 0.5));
        }
        return sometimesPerNeuron(r, b.build());
    }

    /** In a third of the draws, {@code net} with parameters of its own for every LIF neuron ({@link #vary}). */
    private static Network sometimesPerNeuron(SplittableRandom r, Network net) {
        if (r.nextInt(3) != 0) {
            return net;
        }
        for (int p = 0; p < net.populations().size(); p++) {
            Population pop = net.population(p);
            if (!pop.isInput()) {
                NeuronParameters[] each = new NeuronParameters[pop.size()];
                for (int i = 0; i < each.length; i++) {
                    each[i] = vary(r, pop.params());
                }
                net = net.withNeuronParams(p, each);
            }
        }
        return net;
    }

    /**
     * {@code p} as one neuron of a mismatched population: time constants within x0.8..1.25 (often
     * keeping tauSyn = tauMem when it held), threshold within 10 %, leak and reset shifted by up to
     * 10 % of threshold - reset; same receptors and refractory period.
     */
    public static NeuronParameters vary(SplittableRandom r, NeuronParameters p) {
        double tauMem = p.tauMem() * r.nextDouble(0.8, 1.25);
        boolean keepEqual = r.nextBoolean();
        String[] names = new String[p.receptorCount()];
        double[] taus = new double[names.length];
        for (int k = 0; k < names.length; k++) {
            names[k] = p.receptorName(k);
            taus[k] = keepEqual && p.receptorTau(k) == p.tauMem() ? tauMem : p.receptorTau(k) * r.nextDouble(0.8, 1.25);
        }
        double span = p.threshold() - p.reset();
        double threshold = p.threshold() + 0.1 * span * r.nextDouble(-1, 1);
        double reset = Math.min(p.reset() + 0.1 * span * r.nextDouble(-1, 1), threshold - 0.5 * span);
        return p.toBuilder().tauMem(tauMem).receptors(names, taus).threshold(threshold)
                .leak(p.leak() + 0.1 * span * r.nextDouble(-1, 1)).reset(reset).build();
    }

    /**
     * {@code net} with a delay per synapse on every projection: per projection, either all
     * equal (one random value), drawn from three random values (many ties within a row), or
     * each uniform in [0, 2 ms); every second projection also keeps zero delays in the mix.
     */
    public static Network withSynapseDelays(long seed, Network net) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        for (int j = 0; j < net.projections().size(); j++) {
            double[] d = new double[net.projection(j).synapseCount()];
            int kind = r.nextInt(3);
            double[] few = {r.nextDouble(0, 0.002), r.nextDouble(0, 0.002), j % 2 == 0 ? 0.0 : r.nextDouble(0, 0.002)};
            for (int s = 0; s < d.length; s++) {
                d[s] = kind == 0 ? few[0] : kind == 1 ? few[r.nextInt(3)] : r.nextDouble(0, 0.002);
            }
            net = net.withDelays(j, d);
        }
        return net;
    }

    /**
     * A recurrent network of procedural projections (input -> exc, exc -> exc/inh, inh -> exc/inh)
     * with random probabilities, normal weights of either sign and delays fixed or normal with a
     * minimum (sometimes 0), in either precision; with {@code store} the same rules materialise their synapses.
     */
    public static Network procedural(long seed, boolean store) {
        SplittableRandom r = new SplittableRandom(seed);
        int nIn = 1 + r.nextInt(6);
        int nExc = 2 + r.nextInt(30);
        int nInh = 1 + r.nextInt(10);
        NeuronParameters pe = randomParams(r);
        NeuronParameters pi = r.nextBoolean() ? pe : randomParams(r);
        Network.Builder b = Network.builder()
                .add(Population.input("in", nIn))
                .add(Population.lif("exc", nExc, pe, initialV(r, nExc, pe)))
                .add(Population.lif("inh", nInh, pi));
        String[][] pairs = {{"in", "exc"}, {"exc", "exc"}, {"exc", "inh"}, {"inh", "exc"}, {"inh", "inh"}};
        for (String[] pair : pairs) {
            NeuronParameters target = pair[1].equals("exc") ? pe : pi;
            double scale = target.threshold() - target.leak();
            double mean = (pair[0].equals("inh") ? -0.6 : pair[0].equals("in") ? 1.5 : 0.4) * Math.abs(scale)
                    * r.nextDouble(0.5, 1.5);
            double delayMean = r.nextDouble(0.0002, 0.002);
            boolean fixedDelay = r.nextInt(3) == 0;
            double p = r.nextInt(8) == 0 ? 1.0 : r.nextDouble(0.05, 0.6);
            b.connectProcedural(pair[0], pair[1], receptor(r, target), new ProceduralConnectivity(p, r.nextLong(),
                    mean, r.nextBoolean() ? 0 : Math.abs(mean) * r.nextDouble(0, 1.5), delayMean,
                    fixedDelay ? 0 : delayMean * r.nextDouble(0.1, 1), r.nextBoolean() ? 0 : delayMean * 0.3, store,
                    r.nextInt(3) == 0 ? ProceduralConnectivity.Precision.FLOAT32 : ProceduralConnectivity.Precision.FLOAT64,
                    r.nextBoolean() ? Sampler.ZIGGURAT : Sampler.INVERSION));
        }
        return b.build();
    }

    private static double[] initialV(SplittableRandom r, int n, NeuronParameters p) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextBoolean() && p.leak() < p.threshold() ? p.leak() : p.reset() + r.nextDouble() * (p.threshold() - p.reset()) * 0.9;
        }
        return v;
    }

    private static String receptor(SplittableRandom r, NeuronParameters p) {
        return p.receptorName(r.nextInt(p.receptorCount()));
    }

    private static double delay(SplittableRandom r) {
        return r.nextBoolean() ? 0.0 : r.nextDouble(0.0, 0.002);
    }

    public static double[][] weights(SplittableRandom r, int rows, int cols, double mean, double sd) {
        double[][] w = new double[rows][cols];
        for (double[] row : w) {
            for (int j = 0; j < cols; j++) {
                row[j] = mean + sd * gaussian(r);
            }
        }
        return w;
    }

    public static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** The spikes {@code (neuron[k], time[k])}, k < m, of population {@code population}, sorted by time, in a window of {@code window}. */
    public static SpikeTrains sortedTrains(String population, int[] neuron, double[] time, int m, double window) {
        Integer[] order = new Integer[m];
        for (int k = 0; k < m; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (x, y) -> Double.compare(time[x], time[y]));
        int[] sortedNeuron = new int[m];
        double[] sortedTime = new double[m];
        for (int k = 0; k < m; k++) {
            sortedNeuron[k] = neuron[order[k]];
            sortedTime[k] = time[order[k]];
        }
        return SpikeTrains.builder(window).add(population, sortedNeuron, sortedTime).build();
    }

    public static SpikeTrains input(long seed, Network net) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int n = net.population(0).size();
        int count = 1 + r.nextInt(4 * n);
        double[] t = new double[count];
        int[] neuron = new int[count];
        for (int i = 0; i < count; i++) {
            t[i] = r.nextInt(8) == 0 && i > 0 ? t[i - 1] : r.nextDouble(0, 0.02);
            neuron[i] = r.nextInt(n);
        }
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        return SpikeTrains.builder(DURATION).add("in", neuron, sorted).build();
    }
}

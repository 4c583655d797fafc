package org.eventsnn.core.kernel;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SpikeTrains;

/**
 * Random networks the layer kernels accept, with their inputs: an input population of 1-30
 * neurons and 1-3 LIF layers of 1-40 neurons, each with parameters of its own ({@code tauSyn =
 * tauMem} from 2 to 20 ms, threshold, leak below it, reset below threshold, refractory period
 * 0, short or longer than the window). Every layer is fed by the population before it and,
 * with probability 1/3 each, by earlier ones (skip connections), densely or sparsely (sparse
 * lists sometimes repeat a synapse), with weights of both signs. The window is 1/2 to 8 of the
 * shortest tauMem. Deterministic in the seed.
 */
final class KernelDraws {
    private KernelDraws() {
    }

    static Network network(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int layers = 1 + r.nextInt(3);
        int[] sizes = new int[layers + 1];
        sizes[0] = 1 + r.nextInt(30);
        NeuronParameters[] params = new NeuronParameters[layers + 1];
        Network.Builder b = Network.builder().add(Population.input("in", sizes[0]));
        for (int l = 1; l <= layers; l++) {
            sizes[l] = r.nextInt(4) == 0 ? 1 + r.nextInt(40) : 1 + r.nextInt(8);
            params[l] = params(r);
            b.add(Population.lif("l" + l, sizes[l], params[l]));
        }
        for (int l = 1; l <= layers; l++) {
            double theta = params[l].threshold() - params[l].leak();
            for (int q = 0; q < l; q++) {
                if (q == l - 1 || r.nextInt(3) == 0) {
                    // spikes per source neuron: up to 4 from the input, about 1-3 from a layer
                    double fanIn = sizes[q] * (q == 0 ? 2.0 : 1.5);
                    double scale = theta * Math.exp(r.nextDouble(Math.log(0.8), Math.log(3))) / Math.sqrt(fanIn);
                    connect(b, r, name(q), name(l), sizes[q], sizes[l], scale);
                }
            }
        }
        return b.build();
    }

    /**
     * {@code net} with every LIF population's tauSyn set to {@code tauMem / r}, r an integer from
     * 2 to 8 or not an integer from 0.3 to 6, and no refractory period: layers for
     * {@link UnequalTausLayer}.
     */
    static Network withUnequalTaus(Network net, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        Network out = net;
        for (int p = 0; p < net.populations().size(); p++) {
            Population pop = net.population(p);
            if (!pop.isInput()) {
                double ratio = r.nextBoolean() ? 2 + r.nextInt(7) : r.nextDouble(0.3, 6);
                NeuronParameters q = pop.params();
                out = out.withParams(p, q.toBuilder().tauSyn(q.tauMem() / ratio).refractory(0).build());
            }
        }
        return out;
    }

    private static String name(int l) {
        return l == 0 ? "in" : "l" + l;
    }

    static NeuronParameters params(SplittableRandom r) {
        double tauMem = r.nextDouble(0.002, 0.02);
        double threshold = r.nextDouble(0.3, 1.5);
        double leak = r.nextInt(3) == 0 ? r.nextDouble(-0.5, threshold - 0.05) : 0.0;
        double theta = threshold - leak;
        double reset = switch (r.nextInt(3)) {
            case 0 -> leak;
            case 1 -> leak - r.nextDouble(0, 0.8) * theta;
            default -> leak + r.nextDouble(0, 0.9) * theta; // above the leak, below threshold
        };
        double refractory = switch (r.nextInt(3)) {
            case 0 -> 0.0;
            case 1 -> tauMem * r.nextDouble(0.01, 0.5);
            default -> 1.0; // longer than any window: one spike
        };
        return NeuronParameters.builder().tauMem(tauMem).tauSyn(tauMem).threshold(threshold).leak(leak).reset(reset)
                .refractory(refractory).build();
    }

    private static void connect(Network.Builder b, SplittableRandom r, String from, String to, int nFrom, int nTo,
                                double scale) {
        double mean = r.nextDouble(-0.1, 1.0);
        if (r.nextBoolean()) {
            double[][] w = new double[nFrom][nTo];
            for (double[] row : w) {
                for (int j = 0; j < nTo; j++) {
                    row[j] = scale * (mean + gaussian(r));
                }
            }
            b.connectDense(from, to, 0.0, w);
            return;
        }
        double p = r.nextDouble(0.2, 0.9);
        int n = 0;
        int[] pre = new int[2 * nFrom * nTo];
        int[] post = new int[pre.length];
        double[] w = new double[pre.length];
        for (int i = 0; i < nFrom; i++) {
            for (int j = 0; j < nTo; j++) {
                int copies = r.nextDouble() < p ? r.nextInt(8) == 0 ? 2 : 1 : 0;
                for (int c = 0; c < copies; c++) {
                    pre[n] = i;
                    post[n] = j;
                    w[n++] = scale * (mean + gaussian(r)) / Math.sqrt(p);
                }
            }
        }
        b.connectList(from, to, null, 0.0, Arrays.copyOf(pre, n), Arrays.copyOf(post, n), Arrays.copyOf(w, n));
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** The shortest tauMem of the network's LIF populations. */
    static double shortestTauMem(Network net) {
        double tau = Double.POSITIVE_INFINITY;
        for (Population p : net.populations()) {
            tau = p.isInput() ? tau : Math.min(tau, p.params().tauMem());
        }
        return tau;
    }

    /**
     * Input of 0-4 spikes per neuron over a window of 1/2 to 8 of the shortest tauMem, the
     * spikes in its first 80 %; one in eight takes the time of the spike drawn before it
     * (simultaneous inputs), one in 40 lies at 0.
     */
    static SpikeTrains input(long seed, Network net) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        double window = shortestTauMem(net) * r.nextDouble(0.5, 8);
        int n = net.population(0).size();
        int[] neuron = new int[4 * n];
        double[] time = new double[4 * n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int k = r.nextInt(5); k > 0; k--) {
                int draw = r.nextInt(40);
                neuron[m] = i;
                time[m] = m > 0 && draw < 5 ? time[m - 1] : draw == 5 ? 0.0 : r.nextDouble(0, 0.8 * window);
                m++;
            }
        }
        return RandomNetworks.sortedTrains("in", neuron, time, m, window);
    }
}

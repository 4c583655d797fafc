package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.PoissonDrive;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.core.solver.LifDynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The state of neurons with several current receptors kept as coefficients on epochs
 * ({@link EpochGrid}) against the plain arithmetic ({@code u} and currents advanced span by
 * span), within the budgets of docs/exactness.md, "Epoch coefficients".
 */
class EpochCoefficientsTest {
    private static final double EPS = Math.ulp(1.0) / 2;
    /** The state's budget: this many units of {@code 2^-53} of its scale ... */
    private static final double STATE_BUDGET = 16;
    /** ... plus this many of its terms each times its decay's exponent (the rounding any exponential's argument meets). */
    private static final double EXPONENT_BUDGET = 4;
    private static final double OPERATION_BUDGET = 4;
    /** The spike times' budget against the plain arithmetic: the 50-digit references' 1e-12 s. */
    private static final double SPIKE_BUDGET = 1e-12;
    /**
     * In a draw whose spikes one ulp of every weight moves by more than {@code SPIKE_BUDGET /
     * LAST_BITS} (recurrence amplifies any last-bit change over a long run), the spike budget is
     * this many times that move instead: the epochs' rounding is a last-bit change of the same
     * kind (its largest difference has stayed within twice the move's).
     */
    private static final double LAST_BITS = 8;

    private static final NeuronStates.Pending NOTHING = NoPending.INSTANCE;

    /**
     * Random dynamics of 2-3 receptors (integer ratios, others, receptors of one rate) take
     * 2,000 inputs of either sign, spikes and refractory periods, over spans from 1e-7 to 40
     * epochs: after every change the membrane and total current stay within
     * {@link #STATE_BUDGET} units of {@code 2^-53} of the state's scale from the plain
     * arithmetic's, the scale being what the coefficients sum: every input's {@code |w|} and
     * {@code |c_k w|}, and the membrane's free part at every reset, each decayed since.
     */
    @Test
    void theStateStaysWithinItsBudgetOfThePlainArithmetic() {
        double[] worst = new double[1];
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            NeuronParameters p = severalReceptors(r).toBuilder().leak(0).build();
            LifDynamics d = new LifDynamics(p);
            EpochGrid grid = EpochGrid.of(d);
            assertNotNull(grid);
            int receptors = p.receptorCount();
            Network net = Network.builder().add(Population.input("in", 1))
                    .add(Population.lif("a", 1, p, new double[] {r.nextDouble(-1, 1)})).build();
            NeuronStates states = new NeuronStates(net, NOTHING, false);
            states.reset(0, net.populations().size(), 1e9, false);
            int g = 1;
            double u = net.population(1).initialV(0);
            double[] currents = new double[receptors];
            double last = 0;
            boolean clamped = false;
            double release = Double.NaN;
            double memMag = Math.abs(u);
            double[] curMag = new double[receptors];
            double memExp = 0; // the same terms, each times its decay's exponent
            double[] curExp = new double[receptors];
            double memOps = 0; // the scale at every rounding of the state, each decayed since
            double[] curOps = new double[receptors];
            double t = 0;
            double[] out = new double[2];
            for (int step = 0; step < 2000; step++) {
                int what = r.nextInt(40);
                double gap = r.nextInt(6) == 0 ? 0 : grid.width * Math.exp(r.nextDouble(Math.log(1e-5), Math.log(40)));
                double next = t + gap;
                boolean releaseFirst = clamped && release <= next;
                t = releaseFirst ? release : next;
                double dt = t - last;
                if (dt > 0) {
                    u = d.evolve(u, currents, 0, dt, clamped);
                    memExp = (memExp + d.alpha() * dt * memMag) * Math.exp(-d.alpha() * dt);
                    memMag *= Math.exp(-d.alpha() * dt);
                    memOps *= Math.exp(-d.alpha() * dt);
                    for (int k = 0; k < receptors; k++) {
                        curExp[k] = (curExp[k] + d.beta(k) * dt * curMag[k]) * Math.exp(-d.beta(k) * dt);
                        curMag[k] *= Math.exp(-d.beta(k) * dt);
                        curOps[k] *= Math.exp(-d.beta(k) * dt);
                    }
                    last = t;
                }
                if (releaseFirst) {
                    states.release(g, t);
                    clamped = false;
                    memMag = Math.abs(u) + freeMagnitude(grid, curMag); // the membrane's coefficient starts again
                    memExp = freeMagnitude(grid, curExp);
                } else if (what == 0 && !clamped) {
                    states.advanceToOwnSpike(g, t);
                    states.resetAfterSpike(g, t, false);
                    u = p.reset() - p.leak();
                    if (p.refractory() > 0) {
                        clamped = true;
                        release = t + p.refractory();
                    } else {
                        memMag = Math.abs(u) + freeMagnitude(grid, curMag);
                        memExp = freeMagnitude(grid, curExp);
                    }
                } else {
                    int k = r.nextInt(receptors);
                    double w = r.nextDouble(-1, 1.5) * Math.exp(r.nextDouble(-3, 3));
                    states.receive(g, t, k, w);
                    currents[k] += w;
                    curMag[k] += Math.abs(w);
                    memMag += Math.abs(grid.response[k] * w);
                }
                memOps += memMag + freeMagnitude(grid, curMag);
                for (int k = 0; k < receptors; k++) {
                    curOps[k] += curMag[k];
                }
                states.sample(g, t, out);
                double scale = STATE_BUDGET * (memMag + freeMagnitude(grid, curMag))
                        + EXPONENT_BUDGET * (memExp + freeMagnitude(grid, curExp))
                        + OPERATION_BUDGET * (memOps + freeMagnitude(grid, curOps));
                double current = 0;
                double currentScale = 0;
                for (int k = 0; k < receptors; k++) {
                    current += currents[k];
                    currentScale += STATE_BUDGET * curMag[k] + EXPONENT_BUDGET * curExp[k] + OPERATION_BUDGET * curOps[k];
                }
                double uError = Math.abs(out[0] - u) / (EPS * scale);
                double iError = Math.abs(out[1] - current) / (EPS * currentScale);
                worst[0] = Math.max(worst[0], Math.max(uError, currentScale > 0 ? iError : 0));
                String at = "seed " + seed + " step " + step + " t " + t;
                assertTrue(uError <= 1, at + ": membrane " + out[0] + " against " + u + ", " + uError + " of its budget");
                assertTrue(currentScale == 0 || iError <= 1, at + ": current " + out[1] + " against " + current + ", "
                        + iError + " of its budget");
            }
        });
        System.out.printf("epoch coefficients: state within %.3f of its budget%n", worst[0]);
    }

    /**
     * Epochs where they keep their budget and pay: several receptors, each 1.5 to 8 times faster
     * than the membrane, whatever the population's inputs (a rule by the dynamics alone keeps a
     * Poisson drive and the same trains as input spikes, or equal per-synapse delays and a
     * projection's delay, on the same bits).
     */
    @Test
    void onlyNeuronsOfSeveralFastReceptorsGoOnEpochs() {
        String[] names = {"exc", "inh"};
        NeuronParameters cuba = NeuronParameters.builder().tauMem(0.02).receptors(names, new double[] {0.005, 0.01})
                .threshold(1).build();
        NeuronParameters slow = cuba.toBuilder().receptors(names, new double[] {0.005, 0.015}).build();
        NeuronParameters microcircuit = cuba.toBuilder().receptors(names, new double[] {0.005, 0.001}).build();
        NeuronParameters delta = cuba.toBuilder().receptors(names, new double[] {0.005, 0}).build();
        NeuronParameters one = cuba.toBuilder().tauSyn(0.005).build();
        double[][] w = {{0.1, 0.2}};
        Network net = Network.builder().add(Population.input("in", 1)).add(Population.lif("cuba", 2, cuba))
                .add(Population.lif("again", 2, cuba.toBuilder().threshold(2).build()))
                .add(Population.lif("driven", 2, cuba).withPoisson(new PoissonDrive(100, 0.1, 0, 1)))
                .add(Population.lif("delays", 2, cuba)).add(Population.lif("slow", 2, slow))
                .add(Population.lif("microcircuit", 2, microcircuit))
                .add(Population.lif("delta", 2, delta)).add(Population.lif("one", 2, one))
                .connectDense("in", "cuba", "exc", 0.001, w).connectDense("in", "again", "inh", 0, w)
                .connectDense("in", "driven", "exc", 0, w).connectDense("in", "delays", "exc", 0, w).build()
                .withDelays(3, new double[] {0.001, 0.002});
        EpochGrid[] grids = EpochGrid.perNeuron(LifDynamics.perNeuron(net));
        assertNull(grids[0], "an input");
        assertNotNull(grids[1]);
        for (int g = 2; g <= 8; g++) {
            assertTrue(grids[g] == grids[1], "one grid for the same rates: neuron " + g);
        }
        for (int g = 9; g < grids.length; g++) {
            assertNull(grids[g], net.population(net.populationOf(g)).name());
        }
    }

    /** {@code sum_k |c_k| curMag_k}: the scale of the currents' share of the membrane. */
    private static double freeMagnitude(EpochGrid grid, double[] curMag) {
        double s = 0;
        for (int k = 0; k < curMag.length; k++) {
            s += Math.abs(grid.response[k]) * curMag[k];
        }
        return s;
    }

    /**
     * Random recurrent networks of neurons with 2-3 receptors (CUBA's shape: excitatory and
     * inhibitory populations, leak sometimes above threshold, refractory periods, zero delays
     * or some), driven by input spikes for 0.2-1 s, many epochs: every neuron fires as often as
     * under the plain arithmetic, each spike within {@link #SPIKE_BUDGET} (or {@link #LAST_BITS}
     * times what one ulp of every weight does to the draw, where that is larger), except in draws that
     * graze (moving every threshold by 1e-9 of threshold - leak, up or down, changes some
     * neuron's count under the plain arithmetic; at most 10 % of the draws). The plain arithmetic
     * is the same network with one more receptor, a delta synapse nothing connects to, which
     * keeps a neuron off epochs and changes no bit of its state.
     */
    @Test
    void spikesStayWithinTheReferenceBudgetOfThePlainArithmetic() {
        AtomicInteger compared = new AtomicInteger();
        AtomicInteger grazing = new AtomicInteger();
        AtomicLong spikes = new AtomicLong();
        AtomicInteger illConditioned = new AtomicInteger();
        double[] worst = new double[2];
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            NeuronParameters pe = severalReceptors(r);
            NeuronParameters pi = r.nextBoolean() ? pe : severalReceptors(r);
            double duration = r.nextDouble(0.2, 1.0);
            Draw draw = new Draw(r, pe, pi, duration);
            Network onEpochs = draw.network(pe, pi);
            NeuronParameters plainE = plain(pe);
            NeuronParameters plainI = pe == pi ? plainE : plain(pi);
            assertNotNull(EpochGrid.of(new LifDynamics(pe)));
            assertNull(EpochGrid.of(new LifDynamics(plainE)));
            double[][] reference = draw.run(draw.network(plainE, plainI));
            if (reference == null) {
                return; // runaway activity under both: nothing to compare
            }
            for (int sign = -1; sign <= 1; sign += 2) {
                double[][] moved = draw.run(draw.network(shifted(plainE, sign), shifted(plainI, sign)));
                if (moved == null || !sameCounts(reference, moved)) {
                    grazing.incrementAndGet();
                    return;
                }
            }
            double[][] nudged = draw.run(draw.network(plainE, plainI, true));
            double conditioning = 0; // how far one ulp of every weight moves this draw's spikes
            if (nudged != null && sameCounts(reference, nudged)) {
                for (int g = 0; g < reference.length; g++) {
                    for (int s = 0; s < reference[g].length; s++) {
                        conditioning = Math.max(conditioning, Math.abs(nudged[g][s] - reference[g][s]));
                    }
                }
            }
            worst[1] = Math.max(worst[1], conditioning);
            double budget = Math.max(SPIKE_BUDGET, LAST_BITS * conditioning);
            illConditioned.addAndGet(budget > SPIKE_BUDGET ? 1 : 0);
            double[][] got = draw.run(onEpochs);
            assertNotNull(got, "seed " + seed + ": the spike budget's failure on epochs only");
            for (int g = 0; g < reference.length; g++) {
                assertEquals(reference[g].length, got[g].length, "seed " + seed + ": spikes of neuron " + g);
                for (int s = 0; s < reference[g].length; s++) {
                    double error = Math.abs(got[g][s] - reference[g][s]);
                    worst[0] = Math.max(worst[0], error);
                    assertTrue(error <= budget, "seed " + seed + ": neuron " + g + " spike " + s + " at "
                            + got[g][s] + " against " + reference[g][s] + ", budget " + budget);
                }
                spikes.addAndGet(reference[g].length);
            }
            compared.incrementAndGet();
        });
        System.out.printf("epoch coefficients: %d draws compared, %d grazing, %d spikes, largest difference %.2e s"
                + " (every weight one ulp up, plain arithmetic: %.2e s; %d draws with a budget above 1e-12 s)%n",
                compared.get(), grazing.get(), spikes.get(), worst[0], worst[1], illConditioned.get());
        assertTrue(grazing.get() <= 12, "grazing draws: " + grazing.get());
        assertTrue(spikes.get() > 10_000, "spikes compared: " + spikes.get());
    }

    /** Random parameters with 2 or 3 current receptors, on epochs: each 1.5 to 8 times faster than the membrane. */
    private static NeuronParameters severalReceptors(SplittableRandom r) {
        double tauMem = r.nextDouble(0.005, 0.03);
        int n = 2 + r.nextInt(2);
        String[] names = new String[n];
        double[] taus = new double[n];
        for (int k = 0; k < n; k++) {
            names[k] = "r" + k;
            int shape = r.nextInt(4);
            taus[k] = shape == 0 ? tauMem / (2 + r.nextInt(7)) : shape == 1 && k > 0 ? taus[r.nextInt(k)]
                    : tauMem * r.nextDouble(0.13, 0.66);
        }
        double threshold = 1;
        double leak = r.nextInt(3) == 0 ? r.nextDouble(1.01, 1.3) : 0;
        return NeuronParameters.builder().tauMem(tauMem).receptors(names, taus).threshold(threshold).leak(leak)
                .reset(r.nextDouble(-0.5, 0)).refractory(r.nextInt(3) == 0 ? 0 : r.nextDouble(0.0005, 0.005)).build();
    }

    /** {@code p} with one more receptor, a delta synapse: the neuron keeps the plain arithmetic. */
    private static NeuronParameters plain(NeuronParameters p) {
        int n = p.receptorCount();
        String[] names = new String[n + 1];
        double[] taus = new double[n + 1];
        for (int k = 0; k < n; k++) {
            names[k] = p.receptorName(k);
            taus[k] = p.receptorTau(k);
        }
        names[n] = "plain";
        return p.toBuilder().receptors(names, taus).build();
    }

    /** {@code p} with its threshold moved by {@code sign 1e-9 |threshold - leak|}. */
    private static NeuronParameters shifted(NeuronParameters p, int sign) {
        return p.toBuilder().threshold(p.threshold() + sign * 1e-9 * Math.abs(p.threshold() - p.leak())).build();
    }

    private static boolean sameCounts(double[][] a, double[][] b) {
        for (int g = 0; g < a.length; g++) {
            if (a[g].length != b[g].length) {
                return false;
            }
        }
        return true;
    }

    /** One random recurrent network and its input, for any parameters of its two populations. */
    private static final class Draw {
        private final int nIn;
        private final int nExc;
        private final int nInh;
        private final double[] initialExc;
        private final double[][][] weights;
        private final double[] delays;
        private final SpikeTrains input;

        Draw(SplittableRandom r, NeuronParameters pe, NeuronParameters pi, double duration) {
            nIn = 2 + r.nextInt(5);
            nExc = 3 + r.nextInt(18);
            nInh = 1 + r.nextInt(8);
            initialExc = new double[nExc];
            for (int i = 0; i < nExc; i++) {
                initialExc[i] = pe.reset() + r.nextDouble() * (pe.threshold() - pe.reset()) * 0.9;
            }
            int[][] shape = {{nIn, nExc}, {nExc, nExc}, {nExc, nInh}, {nInh, nExc}, {nInh, nInh}};
            double[] mean = {0.6, 0.25, 0.3, -0.6, -0.3};
            double density = r.nextDouble(0.2, 0.8);
            weights = new double[shape.length][][];
            delays = new double[shape.length];
            for (int j = 0; j < shape.length; j++) {
                double[][] w = RandomNetworks.weights(r, shape[j][0], shape[j][1], mean[j], Math.abs(mean[j]) * 0.5);
                for (double[] row : w) {
                    for (int c = 0; c < row.length; c++) {
                        row[c] = r.nextDouble() < density ? row[c] * r.nextDouble(0.5, 2) / (1 + density * shape[j][0] / 4) : 0;
                    }
                }
                weights[j] = w;
                delays[j] = r.nextInt(3) == 0 ? r.nextDouble(0, 0.003) : 0;
            }
            double rate = r.nextDouble(20, 200);
            int count = (int) (rate * duration * nIn);
            int[] neuron = new int[count];
            double[] time = new double[count];
            for (int i = 0; i < count; i++) {
                neuron[i] = r.nextInt(nIn);
                time[i] = i > 0 && r.nextInt(10) == 0 ? time[i - 1] : r.nextDouble(0, duration);
            }
            input = RandomNetworks.sortedTrains("in", neuron, time, count, duration);
        }

        Network network(NeuronParameters pe, NeuronParameters pi) {
            return network(pe, pi, false);
        }

        /** With {@code nudged}, every nonzero weight one ulp up (a last-bit change of another kind, for scale). */
        Network network(NeuronParameters pe, NeuronParameters pi, boolean nudged) {
            double[][][] w = new double[weights.length][][];
            for (int j = 0; j < w.length; j++) {
                w[j] = new double[weights[j].length][];
                for (int i = 0; i < w[j].length; i++) {
                    w[j][i] = weights[j][i].clone();
                    for (int c = 0; nudged && c < w[j][i].length; c++) {
                        w[j][i][c] = w[j][i][c] == 0 ? 0 : Math.nextUp(w[j][i][c]);
                    }
                }
            }
            String exc = pe.receptorName(0);
            String inh = pe.receptorName(1);
            return Network.builder().add(Population.input("in", nIn)).add(Population.lif("exc", nExc, pe, initialExc))
                    .add(Population.lif("inh", nInh, pi))
                    .connectDense("in", "exc", exc, delays[0], w[0])
                    .connectDense("exc", "exc", exc, delays[1], w[1])
                    .connectDense("exc", "inh", pi.receptorName(0), delays[2], w[2])
                    .connectDense("inh", "exc", inh, delays[3], w[3])
                    .connectDense("inh", "inh", pi.receptorName(1), delays[4], w[4]).build();
        }

        /** Per LIF neuron its spike times, or null if the run hit the spike budget. */
        double[][] run(Network net) {
            SpikeRecord record;
            try {
                record = new Simulator(net, 200_000).run(input).record();
            } catch (SimulationLimitException e) {
                return null;
            }
            int lif = nExc + nInh;
            double[][] times = new double[lif][];
            int[] count = new int[lif];
            for (int s = 0; s < record.count(); s++) {
                if (record.neuron(s) >= nIn) {
                    count[record.neuron(s) - nIn]++;
                }
            }
            for (int g = 0; g < lif; g++) {
                times[g] = new double[count[g]];
            }
            Arrays.fill(count, 0);
            for (int s = 0; s < record.count(); s++) {
                int g = record.neuron(s) - nIn;
                if (g >= 0) {
                    times[g][count[g]++] = record.time(s);
                }
            }
            return times;
        }
    }
}

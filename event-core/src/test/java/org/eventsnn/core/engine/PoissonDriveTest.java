package org.eventsnn.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eventsnn.core.base.CounterStream;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.PoissonDrive;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.model.Sampler;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/**
 * Poisson drive, with either sampler: exponential intervals of the stated rate
 * (Kolmogorov-Smirnov at significance 0.001, fixed seeds), independent across neurons, and in a simulation exactly the spikes of
 * the same trains given as input spikes over one-to-one synapses with zero delay.
 */
class PoissonDriveTest {
    /** Neuron i's train up to {@code duration}, by the documented recurrence. */
    private static double[] train(PoissonDrive d, int i, double duration) {
        CounterStream s = new CounterStream();
        DoubleArrayList t = new DoubleArrayList();
        for (double x = d.first(i, s); x <= duration; x = d.next(x, s)) {
            t.add(x);
        }
        return t.toArray();
    }

    /** The Kolmogorov-Smirnov statistic of {@code x} against the exponential distribution of mean 1. */
    private static double ksExponential(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        double d = 0;
        for (int k = 0; k < s.length; k++) {
            double f = 1 - Math.exp(-s[k]);
            d = Math.max(d, Math.max((k + 1.0) / s.length - f, f - (double) k / s.length));
        }
        return d;
    }

    @Test
    void intervalsAreExponentialWithTheStatedRate() {
        double rate = 2400;
        for (Sampler sampler : Sampler.values()) {
            for (long seed : new long[] {5, 77, -3}) {
                intervalsAreExponential(new PoissonDrive(rate, 1, 0, seed, sampler), rate, sampler + " seed " + seed);
            }
        }
    }

    private static void intervalsAreExponential(PoissonDrive d, double rate, String what) {
        for (int i : new int[] {0, 1, 999}) {
            double[] t = train(d, i, 4.0);
            double[] scaled = new double[t.length];
            for (int k = 0; k < t.length; k++) {
                scaled[k] = (t[k] - (k == 0 ? 0 : t[k - 1])) * rate;
            }
            // KS critical value at significance 0.001: 1.949 / sqrt(n) (asymptotic)
            double critical = 1.949 / Math.sqrt(scaled.length);
            assertTrue(ksExponential(scaled) < critical, what + " neuron " + i + ": D = "
                    + ksExponential(scaled) + ", critical " + critical);
            // count ~ Poisson(9600): within 5 sd
            assertEquals(rate * 4.0, t.length, 5 * Math.sqrt(rate * 4.0), what + " neuron " + i);
        }
    }

    @Test
    void neuronsHaveIndependentTrains() {
        for (Sampler sampler : Sampler.values()) {
            neuronsHaveIndependentTrains(new PoissonDrive(1000, 1, 0, 11, sampler));
        }
    }

    private static void neuronsHaveIndependentTrains(PoissonDrive d) {
        int bins = 2000;
        int[][] counts = new int[4][bins];
        for (int i = 0; i < 4; i++) {
            for (double t : train(d, i, 2.0)) {
                counts[i][Math.min(bins - 1, (int) (t / 2.0 * bins))]++;
            }
        }
        for (int i = 0; i < 4; i++) {
            for (int j = i + 1; j < 4; j++) {
                double r = correlation(counts[i], counts[j]);
                // |r| of independent counts ~ N(0, 1/bins): below 4 sd
                assertTrue(Math.abs(r) < 4 / Math.sqrt(bins), "neurons " + i + ", " + j + ": r = " + r);
            }
        }
        assertNotEquals(train(d, 0, 1)[0], train(new PoissonDrive(1000, 1, 0, 12, d.sampler()), 0, 1)[0], "the seed matters");
    }

    private static double correlation(int[] a, int[] b) {
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int k = 0; k < a.length; k++) {
            sab += (a[k] - ma) * (b[k] - mb);
            saa += (a[k] - ma) * (a[k] - ma);
            sbb += (b[k] - mb) * (b[k] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    @Test
    void driveGivesTheSpikesOfTheSameTrainsAsInputBitForBit() {
        AtomicInteger spiking = new AtomicInteger();
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int nExc = 1 + r.nextInt(12);
            int nInh = 1 + r.nextInt(4);
            NeuronParameters pe = RandomNetworks.randomParams(r);
            NeuronParameters pi = RandomNetworks.randomParams(r);
            String receptor = pe.receptorName(r.nextInt(pe.receptorCount()));
            double scale = Math.abs(pe.threshold() - pe.leak());
            PoissonDrive drive = new PoissonDrive(r.nextDouble(200, 3000), scale * r.nextDouble(0.05, 0.4),
                    pe.receptorIndex(receptor), r.nextLong(), r.nextBoolean() ? Sampler.ZIGGURAT : Sampler.INVERSION);
            double duration = 0.05;
            double[][] wEI = RandomNetworks.weights(r, nExc, nInh, 0.3 * Math.abs(pi.threshold() - pi.leak()), 0.3);
            double[][] wIE = RandomNetworks.weights(r, nInh, nExc, -0.3 * scale, 0.3);
            double dEI = r.nextDouble(0, 0.002);
            double dIE = r.nextDouble(0, 0.002);
            String recI = pi.receptorName(r.nextInt(pi.receptorCount()));
            String recE = pe.receptorName(r.nextInt(pe.receptorCount()));
            Network driven = Network.builder()
                    .add(Population.lif("exc", nExc, pe).withPoisson(drive))
                    .add(Population.lif("inh", nInh, pi))
                    .connectDense("exc", "inh", recI, dEI, wEI)
                    .connectDense("inh", "exc", recE, dIE, wIE)
                    .build();
            IntArrayList neuron = new IntArrayList();
            DoubleArrayList time = new DoubleArrayList();
            int[] pre = new int[nExc];
            int[] post = new int[nExc];
            double[] w = new double[nExc];
            for (int i = 0; i < nExc; i++) {
                for (double t : train(drive, i, duration)) {
                    neuron.add(i);
                    time.add(t);
                }
                pre[i] = i;
                post[i] = i;
                w[i] = drive.weight();
            }
            int[] order = sortedByTime(time);
            int[] n = new int[order.length];
            double[] t = new double[order.length];
            for (int k = 0; k < order.length; k++) {
                n[k] = neuron.get(order[k]);
                t[k] = time.get(order[k]);
            }
            Network explicit = Network.builder()
                    .add(Population.input("bg", nExc))
                    .add(Population.lif("exc", nExc, pe))
                    .add(Population.lif("inh", nInh, pi))
                    .connectDense("exc", "inh", recI, dEI, wEI)
                    .connectDense("inh", "exc", recE, dIE, wIE)
                    .connectList("bg", "exc", receptor, 0.0, pre, post, w)
                    .build();
            SimulationResult a = new Simulator(driven).run(SpikeTrains.builder(duration).build());
            SimulationResult b = new Simulator(explicit).run(SpikeTrains.builder(duration).add("bg", n, t).build());
            for (String pop : new String[] {"exc", "inh"}) {
                assertArrayEquals(b.spikes().neurons(pop), a.spikes().neurons(pop), "seed " + seed + " " + pop);
                assertArrayEquals(b.spikes().times(pop), a.spikes().times(pop), 0.0, "seed " + seed + " " + pop);
            }
            if (a.spikes().count("exc") > 0) {
                spiking.incrementAndGet();
            }
        });
        assertTrue(spiking.get() > 50, "runs with spikes: " + spiking.get());
    }

    private static int[] sortedByTime(DoubleArrayList time) {
        Integer[] idx = new Integer[time.size()];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = k;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(time.get(x), time.get(y)));
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }
}

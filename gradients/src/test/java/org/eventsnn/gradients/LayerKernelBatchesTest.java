package org.eventsnn.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/**
 * Batches on layer kernels ({@link BatchGradients#withLayerKernels}) against the same batches on
 * the event queue, sample by sample, on random networks of Fast and Deep's kind (tauSyn = tauMem,
 * every neuron firing at most once or not; gradients where Fast and Deep applies) and of others
 * (tauSyn != tauMem: forward passes only): the same predictions and firing counts, losses and first
 * spikes within 1e-12 relative, weight gradients within 1e-9 relative (docs/exactness.md, "Layer
 * kernels"). Samples in which some neuron's firing changes when the threshold moves by 1e-9
 * relative (a grazing peak, where either answer is within rounding) are skipped and counted.
 */
class LayerKernelBatchesTest {
    /** A spike within this fraction of threshold of grazing may fire in one and not the other. */
    private static final double GRAZING = 1e-9;

    @Test
    void kernelBatchesAgreeWithTheQueueWithinBudgets() {
        AtomicInteger compared = new AtomicInteger();
        AtomicInteger grazing = new AtomicInteger();
        AtomicInteger withGradients = new AtomicInteger();
        AtomicInteger outputFired = new AtomicInteger();
        AtomicInteger unequal = new AtomicInteger();
        AtomicInteger eventProp = new AtomicInteger();
        AtomicInteger silentPenalised = new AtomicInteger();
        double[] worst = new double[2];
        qt().withExamples(250).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Network net = network(r);
            SpikeTrains in = input(r, net);
            if (grazes(net, in)) {
                grazing.incrementAndGet();
                return;
            }
            int label = r.nextInt(net.population(2).size());
            SpikeTimeLoss loss = new TtfsCrossEntropy(0.2 * tau(net), 0.005, tau(net));
            boolean overWindow = r.nextBoolean();
            Supplier<GradientMethod> method = methodFor(net, r);
            for (boolean gradients : method != null ? new boolean[] {true, false} : new boolean[] {false}) {
                Supplier<GradientMethod> m = method != null ? method : FastAndDeep::new;
                BatchResult queue = batch(net, in, label, loss, m, gradients, overWindow, false);
                BatchResult kernel = batch(net, in, label, loss, m, gradients, overWindow, true);
                String where = "seed " + seed + (gradients ? " with gradients" : " spikes only");
                assertEquals(queue.prediction(0), kernel.prediction(0), where + ": prediction");
                for (int g = 0; g < net.neuronCount(); g++) {
                    assertEquals(queue.firingSamples(g), kernel.firingSamples(g), where + ": firing of neuron " + g);
                }
                double[] tq = queue.firstSpikes(0);
                double[] tk = kernel.firstSpikes(0);
                for (int j = 0; j < tq.length; j++) {
                    assertTrue(tq[j] == tk[j] || Math.abs(tq[j] - tk[j]) <= 1e-12 * tq[j],
                            where + ": first spike of output " + j + ": " + tq[j] + " / " + tk[j]);
                }
                assertTrue(Math.abs(queue.meanLoss() - kernel.meanLoss()) <= 1e-12 * Math.abs(queue.meanLoss()) + 1e-300,
                        where + ": loss " + queue.meanLoss() + " / " + kernel.meanLoss());
                if (gradients) {
                    worst[0] = Math.max(worst[0], assertGradientsClose(queue.meanWeightGradients(),
                            kernel.meanWeightGradients(), where));
                    withGradients.incrementAndGet();
                    GradientMethod used = m.get();
                    if (used instanceof EventProp) {
                        eventProp.incrementAndGet();
                        if (((EventProp) used).silentPenalty() > 0 && queue.firstSpikes(0)[label] == Double.POSITIVE_INFINITY) {
                            silentPenalised.incrementAndGet(); // the label's maximum enters loss and gradients
                        }
                    }
                } else if (queue.prediction(0) >= 0) {
                    outputFired.incrementAndGet();
                }
            }
            compared.incrementAndGet();
            for (int p = 1; p <= 2; p++) {
                NeuronParameters q = net.population(p).params();
                if (q.receptorTau(0) != q.tauMem()) {
                    unequal.incrementAndGet();
                    break;
                }
            }
        });
        assertTrue(compared.get() > 200, "samples compared: " + compared.get() + ", grazing: " + grazing.get());
        assertTrue(withGradients.get() > 60 && eventProp.get() > 20 && outputFired.get() > 100 && unequal.get() > 40,
                "samples with gradients " + withGradients.get() + " (EventProp " + eventProp.get() + "), with an output"
                        + " spike " + outputFired.get() + ", with tauSyn != tauMem " + unequal.get());
        assertTrue(silentPenalised.get() > 3, "EventProp samples with a silent, penalised label: " + silentPenalised.get());
        System.out.printf("layer kernel batches: %d samples compared (%d with gradients, %d of them EventProp's, %d of"
                + " those with a silent, penalised label, %d with an output spike, %d with tauSyn != tauMem), %d grazing"
                + " skipped, worst gradient relative difference %.3g%n", compared.get(), withGradients.get(),
                eventProp.get(), silentPenalised.get(), outputFired.get(), unequal.get(), grazing.get(), worst[0]);
    }

    @Test
    void kernelBatchesAreTheSameBitsForAnyThreadCount() {
        qt().withExamples(30).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Network net = network(r);
            int n = 12;
            SpikeTrains[] inputs = new SpikeTrains[n];
            int[] labels = new int[n];
            int[] samples = new int[n];
            for (int i = 0; i < n; i++) {
                inputs[i] = input(new SplittableRandom(seed + i), net);
                labels[i] = i % net.population(2).size();
                samples[i] = i;
            }
            SpikeTimeLoss loss = new TtfsCrossEntropy(0.2 * tau(net), 0.005, tau(net));
            boolean gradients = fastAndDeep(net);
            BatchResult[] results = new BatchResult[3];
            for (int threads = 1; threads <= 3; threads++) {
                try (BatchGradients b = new BatchGradients(threads, FastAndDeep::new).withLayerKernels()) {
                    results[threads - 1] = b.run(net, inputs, labels, samples, 2, loss, gradients);
                }
            }
            for (int t = 1; t < 3; t++) {
                assertEquals(Double.doubleToLongBits(results[0].meanLoss()), Double.doubleToLongBits(results[t].meanLoss()),
                        "seed " + seed + ", " + (t + 1) + " threads: loss");
                for (int i = 0; i < n; i++) {
                    assertEquals(Arrays.toString(results[0].firstSpikes(i)), Arrays.toString(results[t].firstSpikes(i)));
                }
                if (gradients) {
                    assertEquals(Arrays.deepToString(results[0].meanWeightGradients()),
                            Arrays.deepToString(results[t].meanWeightGradients()), "seed " + seed);
                }
            }
        });
    }

    @Test
    void networksTheKernelsDoNotTakeRunOnTheForwardPassBitForBit() {
        SplittableRandom r = new SplittableRandom(5);
        Network equal = network(r);
        NeuronParameters p = equal.population(1).params();
        Network unequal = equal.withParams(1, p.toBuilder().tauSyn(p.tauMem() / 3).refractory(0.001).build());
        SpikeTrains in = input(r, unequal);
        SpikeTimeLoss loss = new TtfsCrossEntropy(0.2 * tau(unequal), 0.005, tau(unequal));
        BatchResult queue = batch(unequal, in, 0, loss, FastAndDeep::new, false, true, false);
        BatchResult kernel = batch(unequal, in, 0, loss, FastAndDeep::new, false, true, true);
        assertEquals(Double.doubleToLongBits(queue.meanLoss()), Double.doubleToLongBits(kernel.meanLoss()));
        assertEquals(Arrays.toString(queue.firstSpikes(0)), Arrays.toString(kernel.firstSpikes(0)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> {
            try (BatchGradients b = new BatchGradients(1, FastAndDeep::new)) {
                b.run(equal, new SpikeTrains[] {in}, new int[] {0}, new int[] {0}, 2, loss, false);
                b.withLayerKernels();
            }
        }, "layer kernels switched on after a batch");
    }

    /** An output index that names no LIF population gets the same message on the kernels as on the queue. */
    @Test
    void anOutputThatIsNoLifPopulationIsRefusedOnBothPaths() {
        SplittableRandom r = new SplittableRandom(7);
        Network net = network(r);
        SpikeTrains in = input(r, net);
        SpikeTimeLoss loss = new TtfsCrossEntropy(0.2 * tau(net), 0.005, tau(net));
        for (boolean kernels : new boolean[] {false, true}) {
            for (int output : new int[] {0, -1, net.populations().size()}) {
                IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> {
                            try (BatchGradients b = kernels ? new BatchGradients(1, FastAndDeep::new).withLayerKernels()
                                    : new BatchGradients(1, FastAndDeep::new)) {
                                b.run(net, new SpikeTrains[] {in}, new int[] {0}, new int[] {0}, output, loss, false);
                            }
                        }, "output " + output + ", kernels " + kernels);
                assertEquals("output population must be a LIF population of the network, got index " + output,
                        e.getMessage());
            }
        }
    }

    /** Asserts every weight gradient within 1e-9 relative of the queue's (1e-12 of the largest for tiny ones); returns the largest relative difference. */
    private static double assertGradientsClose(double[][] queue, double[][] kernel, String where) {
        double scale = 0;
        for (double[] g : queue) {
            for (double d : g) {
                scale = Math.max(scale, Math.abs(d));
            }
        }
        double worst = 0;
        for (int p = 0; p < queue.length; p++) {
            for (int k = 0; k < queue[p].length; k++) {
                double d = Math.abs(queue[p][k] - kernel[p][k]);
                assertTrue(d <= 1e-9 * Math.abs(queue[p][k]) + 1e-12 * scale,
                        where + ": dL/dw of projection " + p + " synapse " + k + ": " + queue[p][k] + " / " + kernel[p][k]);
                if (Math.abs(queue[p][k]) > 1e-12 * scale) {
                    worst = Math.max(worst, d / Math.abs(queue[p][k]));
                }
            }
        }
        return worst;
    }

    /**
     * Fast and Deep for networks whose neurons fire once with tauSyn = tauMem, EventProp (with a
     * silent-label penalty in half the draws) for networks with tauSyn != tauMem throughout, else
     * null (forward passes only).
     */
    private static Supplier<GradientMethod> methodFor(Network net, SplittableRandom r) {
        if (fastAndDeep(net)) {
            return FastAndDeep::new;
        }
        boolean unequal = true;
        for (int p = 1; p <= 2; p++) {
            NeuronParameters q = net.population(p).params();
            unequal &= q.receptorTau(0) != q.tauMem();
        }
        double penalty = r.nextBoolean() ? 0 : 100;
        return unequal ? () -> new EventProp(penalty) : null;
    }

    private static BatchResult batch(Network net, SpikeTrains in, int label, SpikeTimeLoss loss,
                                     Supplier<GradientMethod> method, boolean gradients, boolean overWindow,
                                     boolean kernels) {
        ForwardPass pass = overWindow ? ForwardPass.software().firingOverWindow() : ForwardPass.software();
        try (BatchGradients b = new BatchGradients(1, method, pass)) {
            if (kernels) {
                b.withLayerKernels();
            }
            return b.run(net, new SpikeTrains[] {in}, new int[] {label}, new int[] {0}, 2, loss, gradients);
        }
    }

    /** True if some neuron's spike count changes when every threshold moves by {@link #GRAZING} relative. */
    static boolean grazes(Network net, SpikeTrains in) {
        int[] low = counts(withThresholdScaled(net, 1 - GRAZING), in);
        int[] high = counts(withThresholdScaled(net, 1 + GRAZING), in);
        return !Arrays.equals(low, high);
    }

    private static int[] counts(Network net, SpikeTrains in) {
        SimulationResult r = new Simulator(net).run(in);
        SpikeRecord rec = r.record();
        int[] c = new int[net.neuronCount()];
        for (int s = 0; s < rec.count(); s++) {
            c[rec.neuron(s)]++;
        }
        return c;
    }

    private static Network withThresholdScaled(Network net, double factor) {
        Network out = net;
        for (int p = 0; p < net.populations().size(); p++) {
            Population pop = net.population(p);
            if (!pop.isInput()) {
                NeuronParameters q = pop.params();
                double theta = (q.threshold() - q.leak()) * factor;
                out = out.withParams(p, q.toBuilder().threshold(q.leak() + theta).build());
            }
        }
        return out;
    }

    private static double tau(Network net) {
        return net.population(1).params().tauMem();
    }

    /**
     * in -> hidden -> out, sometimes in -> out, tauSyn = tauMem (the same for both layers or
     * not), mixed-sign weights; refractory periods longer than the window (Fast and Deep's
     * single spikes) in most draws, else short or none.
     */
    static Network network(SplittableRandom r) {
        int nIn = 1 + r.nextInt(6);
        int nHidden = 1 + r.nextInt(30);
        int nOut = 1 + r.nextInt(4);
        NeuronParameters ph = params(r);
        NeuronParameters po = r.nextBoolean() ? ph : params(r);
        double wh = 2.5 * (ph.threshold() - ph.leak()) / nIn;
        double wo = 2.5 * (po.threshold() - po.leak()) / Math.sqrt(nHidden);
        Network.Builder b = Network.builder()
                .add(Population.input("in", nIn))
                .add(Population.lif("hidden", nHidden, ph))
                .add(Population.lif("out", nOut, po));
        b.connectDense("in", "hidden", null, 0, RandomNetworks.weights(r, nIn, nHidden, wh, wh));
        b.connectDense("hidden", "out", null, 0, RandomNetworks.weights(r, nHidden, nOut, wo, wo));
        if (r.nextInt(3) == 0) {
            b.connectDense("in", "out", null, 0, RandomNetworks.weights(r, nIn, nOut, 0.3 * wo, wo));
        }
        return b.build();
    }

    /**
     * tauSyn = tauMem in 7 draws of 10, with a refractory period longer than the window, short, or
     * none; else tauSyn = tauMem / r (r an integer from 2 to 8, or not an integer) without one.
     */
    private static NeuronParameters params(SplittableRandom r) {
        double tau = r.nextDouble(0.002, 0.02);
        double threshold = r.nextDouble(0.3, 1.5);
        double leak = r.nextInt(4) == 0 ? r.nextDouble(-0.3, 0.5 * threshold) : 0.0;
        double reset = r.nextInt(2) == 0 ? leak : leak - r.nextDouble(0, 0.5);
        if (r.nextInt(10) >= 7) {
            double ratio = r.nextBoolean() ? 2 + r.nextInt(7) : r.nextDouble(0.3, 6);
            return NeuronParameters.builder().tauMem(tau).tauSyn(tau / ratio).threshold(threshold).leak(leak)
                    .reset(reset).refractory(0).build();
        }
        int kind = r.nextInt(4);
        double refractory = kind < 2 ? 1.0 : kind == 2 ? r.nextDouble(0.0001, 0.003) : 0.0;
        return NeuronParameters.builder().tauMem(tau).tauSyn(tau).threshold(threshold).leak(leak).reset(reset)
                .refractory(refractory).build();
    }

    /** True if every LIF population fires at most once (Fast and Deep's assumption) with tauSyn = tauMem. */
    private static boolean fastAndDeep(Network net) {
        for (int p = 1; p <= 2; p++) {
            NeuronParameters q = net.population(p).params();
            if (q.refractory() < 1 || q.receptorTau(0) != q.tauMem()) {
                return false;
            }
        }
        return true;
    }

    /** 1-4 spikes per input neuron in a window of 1-8 tauMem, sometimes at equal times. */
    static SpikeTrains input(SplittableRandom r, Network net) {
        double duration = net.population(1).params().tauMem() * r.nextDouble(1, 8);
        duration = Math.min(duration, 7.99 * net.population(2).params().tauMem());
        int n = net.population(0).size();
        int count = n * (1 + r.nextInt(4));
        double[] t = new double[count];
        int[] neuron = new int[count];
        for (int i = 0; i < count; i++) {
            t[i] = r.nextInt(8) == 0 && i > 0 ? t[i - 1] : r.nextDouble(0, 0.7 * duration);
            neuron[i] = r.nextInt(n);
        }
        return RandomNetworks.sortedTrains("in", neuron, t, count, duration);
    }
}

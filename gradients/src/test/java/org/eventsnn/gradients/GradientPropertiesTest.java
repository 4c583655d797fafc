package org.eventsnn.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/**
 * Exact gradients against each other and against finite differences on random networks.
 * Error budgets: EventProp vs Fast and Deep 1e-9 relative (same quantities, different
 * arithmetic); analytic vs central differences 1e-5 relative plus 1e-7 of the largest
 * gradient entry plus the differences' rounding noise (4e-15 |L| / h); draws whose h and 2h
 * estimates disagree, or whose spike counts change within the step, are skipped.
 */
class GradientPropertiesTest {
    private static final int OUT = 2;

    private static SpikeTimeLoss randomLoss(SplittableRandom r, int outputs) {
        switch (r.nextInt(3)) {
            case 0:
                return new TtfsCrossEntropy(r.nextDouble(0.001, 0.01), r.nextBoolean() ? 0.005 : 0, 0.005);
            case 1: {
                double[] c = new double[outputs];
                for (int j = 0; j < outputs; j++) {
                    c[j] = r.nextDouble(-1, 1);
                }
                return new FirstSpikeLinear(c);
            }
            default:
                return TargetMse.byLabel(0.004, 0.008, 0.01);
        }
    }

    @Test
    void eventPropEqualsFastAndDeepOnSingleSpikeFeedForwardNetworks() {
        compareEventPropAndFastAndDeep(1500, false);
    }

    @Test
    void eventPropEqualsFastAndDeepWithSynapseDelays() {
        compareEventPropAndFastAndDeep(800, true);
    }

    private static void compareEventPropAndFastAndDeep(int examples, boolean synapseDelays) {
        AtomicInteger compared = new AtomicInteger();
        qt().withExamples(examples).forAll(longs().all()).checkAssert(seed -> {
            Network ff = RandomNetworks.feedForward(seed, true);
            Network net = synapseDelays ? RandomNetworks.withSynapseDelays(seed, ff) : ff;
            SpikeTrains in = RandomNetworks.input(seed, net);
            SimulationResult r = GradientTestRuns.simulate(net, in);
            SplittableRandom rnd = new SplittableRandom(seed);
            int outputs = net.population(OUT).size();
            SpikeTimeLoss loss = randomLoss(rnd, outputs);
            int label = rnd.nextInt(outputs);
            Gradients ep = new EventProp().compute(r, OUT, loss, label);
            Gradients fd = new FastAndDeep().compute(r, OUT, loss, label);
            assertEquals(ep.loss(), fd.loss(), 0.0);
            double tol = 1e-12 * Math.max(GradientTestRuns.weightScale(ep), 1);
            for (int p = 0; p < ep.projectionCount(); p++) {
                for (int s = 0; s < ep.weights(p).length; s++) {
                    double a = ep.weights(p)[s];
                    double b = fd.weights(p)[s];
                    assertEquals(a, b, 1e-9 * Math.abs(a) + tol, "seed " + seed + " projection " + p + " synapse " + s);
                }
                assertEquals(ep.delay(p), fd.delay(p), 1e-9 * Math.abs(ep.delay(p)) + 1e-9 * Math.abs(fd.delay(p)) + 1e-6,
                        "seed " + seed + " delay " + p);
            }
            double[] ta = ep.inputTimes(0);
            double[] tb = fd.inputTimes(0);
            assertEquals(in.count("in"), ta.length);
            for (int i = 0; i < ta.length; i++) {
                assertEquals(ta[i], tb[i], 1e-9 * Math.abs(ta[i]) + 1e-6, "seed " + seed + " input time " + i);
            }
            if (r.record().count() > in.count("in")) {
                compared.incrementAndGet();
            }
        });
        assertTrue(compared.get() > examples / 2, "networks with LIF spikes compared: " + compared.get());
    }

    /** Checks a few random weights, input times and delays of one network against finite differences. */
    private static int checkAgainstFiniteDifferences(long seed, Network net, GradientMethod method) {
        SpikeTrains in = RandomNetworks.input(seed, net);
        SimulationResult r = GradientTestRuns.simulate(net, in);
        if (r == null) {
            return 0;
        }
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        int outputs = net.population(OUT).size();
        SpikeTimeLoss loss = randomLoss(rnd, outputs);
        int label = rnd.nextInt(outputs);
        Gradients g = method.compute(r, OUT, loss, label);
        FiniteDifferences fd = FiniteDifferences.ofFirstSpikes(OUT, loss, label);
        // relative error of the gradient entry, plus rounding noise of the differences (loss to ~1e-15, over 2h)
        double noise = 4e-15 * Math.max(1, Math.abs(g.loss()));
        double floor = 1e-7 * Math.max(GradientTestRuns.weightScale(g), 1e-3) + noise / 1e-7;
        int checked = 0;
        for (int n = 0; n < 4; n++) {
            int p = rnd.nextInt(net.projections().size());
            int s = rnd.nextInt(net.projection(p).synapseCount());
            double[] w = net.projection(p).weights();
            int pp = p;
            double d = fd.derivative(w[s], 1e-7, x -> {
                double[] w2 = w.clone();
                w2[s] = x;
                return new Object[] {net.withWeights(pp, w2), in};
            });
            if (!Double.isNaN(d)) {
                assertEquals(d, g.weights(p)[s], 1e-5 * Math.abs(d) + floor,
                        "seed " + seed + " " + method.name() + " dL/dw projection " + p + " synapse " + s);
                checked++;
            }
        }
        double[] times = in.times("in");
        int[] neurons = in.neurons("in");
        int i = rnd.nextInt(times.length);
        double dt = fd.derivative(times[i], 1e-8, x -> {
            double[] t2 = times.clone();
            t2[i] = x;
            boolean sorted = (i == 0 || t2[i - 1] < x) && (i == t2.length - 1 || x < t2[i + 1]) && x >= 0;
            return sorted ? new Object[] {net, SpikeTrains.builder(in.duration()).add("in", neurons, t2).build()} : null;
        });
        if (!Double.isNaN(dt)) {
            assertEquals(dt, g.inputTimes(0)[i], 1e-5 * Math.abs(dt) + floor + noise / 1e-8,
                    "seed " + seed + " " + method.name() + " dL/dt input " + i);
            checked++;
        }
        int p = rnd.nextInt(net.projections().size());
        double[] delays = net.projection(p).delays();
        boolean perSynapse = net.projection(p).hasSynapseDelays();
        double delay = perSynapse ? 0 : net.projection(p).delay();
        if (net.projection(p).minDelay() > 1e-7) {
            // one delay: the derivative in it; a delay per synapse: in shifting all of them together
            double dd = fd.derivative(delay, 1e-8, x -> new Object[] {perSynapse ? net.withDelays(p, shifted(delays, x))
                    : net.withDelay(p, x), in});
            if (!Double.isNaN(dd)) {
                assertEquals(dd, g.delay(p), 1e-5 * Math.abs(dd) + floor + noise / 1e-8, "seed " + seed + " " + method.name()
                        + " dL/d(delay) projection " + p);
                checked++;
            }
        }
        return checked;
    }

    private static double[] shifted(double[] delays, double x) {
        double[] d = delays.clone();
        for (int s = 0; s < d.length; s++) {
            d[s] += x;
        }
        return d;
    }

    @Test
    void eventPropEqualsFiniteDifferencesWithSynapseDelays() {
        AtomicInteger checked = new AtomicInteger();
        qt().withExamples(800).forAll(longs().all()).checkAssert(seed -> checked.addAndGet(checkAgainstFiniteDifferences(
                seed, RandomNetworks.withSynapseDelays(seed, RandomNetworks.network(seed)), new EventProp())));
        assertTrue(checked.get() > 800, "derivatives checked: " + checked.get());
    }

    @Test
    void fastAndDeepEqualsFiniteDifferencesWithSynapseDelays() {
        AtomicInteger checked = new AtomicInteger();
        qt().withExamples(600).forAll(longs().all()).checkAssert(seed -> checked.addAndGet(checkAgainstFiniteDifferences(
                seed, RandomNetworks.withSynapseDelays(seed, RandomNetworks.feedForward(seed, true)), new FastAndDeep())));
        assertTrue(checked.get() > 600, "derivatives checked: " + checked.get());
    }

    @Test
    void eventPropEqualsFiniteDifferencesWithRecurrenceDelaysLeakAndManySpikes() {
        AtomicInteger checked = new AtomicInteger();
        qt().withExamples(1500).forAll(longs().all()).checkAssert(seed ->
                checked.addAndGet(checkAgainstFiniteDifferences(seed, RandomNetworks.network(seed), new EventProp())));
        assertTrue(checked.get() > 1500, "derivatives checked: " + checked.get());
    }

    @Test
    void fastAndDeepEqualsFiniteDifferences() {
        AtomicInteger checked = new AtomicInteger();
        qt().withExamples(1000).forAll(longs().all()).checkAssert(seed ->
                checked.addAndGet(checkAgainstFiniteDifferences(seed, RandomNetworks.feedForward(seed, true),
                        new FastAndDeep())));
        assertTrue(checked.get() > 1000, "derivatives checked: " + checked.get());
    }

    @Test
    void gradientMethodsRefuseGeneratedSynapses() {
        Network net = RandomNetworks.procedural(5, false);
        SimulationResult r = new Simulator(net).run(RandomNetworks.input(5, net));
        for (GradientMethod m : new GradientMethod[] {new EventProp(), new FastAndDeep()}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.compute(r, OUT, new TtfsCrossEntropy(0.001), 0));
            assertTrue(e.getMessage().contains("needs stored synapses") && e.getMessage().contains("store"), e.getMessage());
        }
        Network stored = RandomNetworks.procedural(5, true);
        new EventProp().compute(new Simulator(stored).run(RandomNetworks.input(5, stored)), OUT, new TtfsCrossEntropy(0.001), 0);
    }

    @Test
    void fastAndDeepRefusesRecurrenceAndRepeatedSpikes() {
        long seed = 3;
        for (; ; seed++) {
            Network net = RandomNetworks.network(seed);
            if (!net.isFeedForward()) {
                SimulationResult r = GradientTestRuns.simulate(net, RandomNetworks.input(seed, net));
                if (r != null) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> new FastAndDeep().compute(r, OUT, new TtfsCrossEntropy(0.001), 0));
                    assertTrue(e.getMessage().contains("feed-forward"), e.getMessage());
                    break;
                }
            }
        }
        for (seed = 0; ; seed++) {
            Network net = RandomNetworks.feedForward(seed, false);
            SimulationResult r = GradientTestRuns.simulate(net, RandomNetworks.input(seed, net));
            if (r == null) {
                continue;
            }
            int[] counts = new int[net.neuronCount()];
            boolean twice = false;
            for (int s = 0; s < r.record().count(); s++) {
                int g = r.record().neuron(s);
                twice |= g >= net.offset(1) && ++counts[g] > 1;
            }
            if (twice) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> new FastAndDeep().compute(r, OUT, new TtfsCrossEntropy(0.001), 0));
                assertTrue(e.getMessage().contains("at most once"), e.getMessage());
                break;
            }
        }
    }
}

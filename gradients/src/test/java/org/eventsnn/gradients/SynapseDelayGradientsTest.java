package org.eventsnn.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/**
 * Per-synapse delay gradients ({@link Gradients#delays}) against central finite differences of
 * one synapse's delay (all others fixed), against each other (EventProp and Fast and Deep on
 * single-spike feed-forward networks), and against the projection's shift gradient
 * ({@link Gradients#delay}), which they must sum to. Networks come with one delay per projection
 * or, half the time, a delay per synapse. Error budgets as in {@link GradientPropertiesTest}:
 * analytic vs differences 1e-5 relative plus 1e-7 of the largest weight gradient plus the
 * differences' rounding noise (4e-15 |L| / h); EventProp vs Fast and Deep 1e-9 relative plus
 * 1e-12 of the network's largest delay gradient (at least 1: entries that cancel to ~0); the
 * sum 1e-12 of the sum of magnitudes (rounding of two summation orders). Differences are taken
 * with step 1e-8 s on synapses whose delay exceeds 1e-7 s (delays stay >= 0; 1e-7 s and 1e-6 s
 * for the spike-count loss, whose sum over many spikes rounds more), and skipped where an
 * arrival changes sides with a spike within the step (the loss has a kink there).
 */
class SynapseDelayGradientsTest {
    private static final int OUT = 2;

    private static Network withOrWithoutSynapseDelays(long seed, Network net) {
        return (seed & 1) == 0 ? RandomNetworks.withSynapseDelays(seed, net) : net;
    }

    /** Per-synapse gradients sum to the projection's shift gradient. */
    private static void assertSumsToShift(Gradients g, long seed) {
        for (int p = 0; p < g.projectionCount(); p++) {
            double sum = 0;
            double magnitude = 0;
            for (double v : g.delays(p)) {
                sum += v;
                magnitude += Math.abs(v);
            }
            assertEquals(g.delay(p), sum, 1e-12 * magnitude, "seed " + seed + " projection " + p + " delay sum");
        }
    }

    /** Checks a few random synapses' delay gradients of one network; returns how many were checked. */
    private static int checkAgainstFiniteDifferences(long seed, Network net, GradientMethod method) {
        SpikeTrains in = RandomNetworks.input(seed, net);
        SimulationResult r = GradientTestRuns.simulate(net, in);
        if (r == null) {
            return 0;
        }
        SplittableRandom rnd = new SplittableRandom(seed + 7);
        int outputs = net.population(OUT).size();
        SpikeTimeLoss loss = GradientTestRuns.randomFirstSpikeLoss(rnd, outputs);
        int label = rnd.nextInt(outputs);
        Gradients g = method.compute(r, OUT, loss, label);
        assertSumsToShift(g, seed);
        FiniteDifferences fd = FiniteDifferences.ofFirstSpikes(OUT, loss, label);
        double h = 1e-8;
        double noise = 4e-15 * Math.max(1, Math.abs(g.loss()));
        double floor = 1e-7 * Math.max(GradientTestRuns.weightScale(g), 1e-3) + noise / h;
        return checkRandomSynapses(4, 1e-7, h, floor, rnd, net, in, fd, g, "seed " + seed + " " + method.name());
    }

    /**
     * Compares the gradient of {@code draws} random synapses' delays (those above
     * {@code minDelay}, so that both sides of the central difference are valid delays) with
     * central differences of step {@code h}, within 1e-5 relative plus {@code floor}; returns how
     * many were compared (a difference across a kink is NaN and skipped).
     */
    private static int checkRandomSynapses(int draws, double minDelay, double h, double floor, SplittableRandom rnd,
                                           Network net, SpikeTrains in, FiniteDifferences fd, Gradients g, String what) {
        int checked = 0;
        for (int n = 0; n < draws; n++) {
            int p = rnd.nextInt(net.projections().size());
            int s = rnd.nextInt(net.projection(p).synapseCount());
            double[] delays = net.projection(p).delays();
            if (!(delays[s] > minDelay)) {
                continue;
            }
            double d = fd.derivative(delays[s], h, x -> {
                double[] d2 = delays.clone();
                d2[s] = x;
                return new Object[] {net.withDelays(p, d2), in};
            });
            if (!Double.isNaN(d)) {
                assertEquals(d, g.delays(p)[s], 1e-5 * Math.abs(d) + floor,
                        what + " dL/d(delay) projection " + p + " synapse " + s);
                checked++;
            }
        }
        return checked;
    }

    @Test
    void eventPropEqualsFiniteDifferencesWithRecurrenceAndManySpikes() {
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger recurrent = new AtomicInteger();
        qt().withExamples(600).forAll(longs().all()).checkAssert(seed -> {
            Network net = withOrWithoutSynapseDelays(seed, RandomNetworks.network(seed));
            int c = checkAgainstFiniteDifferences(seed, net, new EventProp());
            checked.addAndGet(c);
            if (!net.isFeedForward()) {
                recurrent.addAndGet(c);
            }
        });
        assertTrue(checked.get() > 600, "derivatives checked: " + checked.get());
        assertTrue(recurrent.get() > 150, "derivatives checked on recurrent networks: " + recurrent.get());
    }

    /** The spike-count loss reads every output spike: its delay gradients through recurrence and many spikes. */
    @Test
    void eventPropEqualsFiniteDifferencesOfTheSpikeCountLoss() {
        AtomicInteger checked = new AtomicInteger();
        qt().withExamples(400).forAll(longs().all()).checkAssert(seed -> checkSpikeCountLoss(seed, checked));
        assertTrue(checked.get() > 300, "derivatives checked: " + checked.get());
    }

    /**
     * A seed the property found (the full suite, 2026-12-08): the label's count leads by far, the
     * loss is 1.9e-8, and its differences disagreed with EventProp by 5e-5 relative while the loss
     * lost its digits to cancellation ({@link SpikeCountLossTest}); they agree to 2e-12 now.
     */
    @Test
    void theSpikeCountLossOfALeadingLabelKeepsTheDigitsItsDifferencesNeed() {
        AtomicInteger checked = new AtomicInteger();
        checkSpikeCountLoss(-1692419698063459257L, checked);
        assertEquals(3, checked.get());
    }

    private static void checkSpikeCountLoss(long seed, AtomicInteger checked) {
        Network net = withOrWithoutSynapseDelays(seed, RandomNetworks.network(seed));
        SpikeTrains in = RandomNetworks.input(seed, net);
        SimulationResult r = GradientTestRuns.simulate(net, in);
        if (r == null) {
            return;
        }
        SplittableRandom rnd = new SplittableRandom(seed + 11);
        SpikeCountCrossEntropy loss = new SpikeCountCrossEntropy(rnd.nextDouble(0.002, 0.03),
                rnd.nextBoolean() ? 0 : rnd.nextDouble(0, 0.01), 1);
        int label = rnd.nextInt(net.population(OUT).size());
        Gradients g = new EventProp().computeAllSpikes(r, OUT, loss, label);
        assertSumsToShift(g, seed);
        FiniteDifferences fd = new FiniteDifferences(20_000,
                run -> new EventProp().computeAllSpikes(run, OUT, loss, label).loss());
        // the loss sums many spikes' terms, so over h = 1e-7 its rounding swamped the differences
        // (seed 857107936617598827: 3.8085e-5 against EventProp's 3.8226e-5, which h = 1e-6 gives);
        // delays within the stencil's 2h of 0 are not checked
        double h = 1e-6;
        double floor = 1e-7 * Math.max(GradientTestRuns.weightScale(g), 1e-3) + 4e-15 * Math.max(1, Math.abs(g.loss())) / h;
        checked.addAndGet(checkRandomSynapses(3, 10 * h, h, floor, rnd, net, in, fd, g, "seed " + seed + " count-ce"));
    }

    @Test
    void fastAndDeepEqualsFiniteDifferences() {
        AtomicInteger checked = new AtomicInteger();
        qt().withExamples(500).forAll(longs().all()).checkAssert(seed -> checked.addAndGet(checkAgainstFiniteDifferences(
                seed, withOrWithoutSynapseDelays(seed, RandomNetworks.feedForward(seed, true)), new FastAndDeep())));
        assertTrue(checked.get() > 500, "derivatives checked: " + checked.get());
    }

    @Test
    void eventPropEqualsFastAndDeepOnSingleSpikeFeedForwardNetworks() {
        AtomicInteger nonZero = new AtomicInteger();
        qt().withExamples(800).forAll(longs().all()).checkAssert(seed -> {
            Network net = withOrWithoutSynapseDelays(seed, RandomNetworks.feedForward(seed, true));
            SpikeTrains in = RandomNetworks.input(seed, net);
            SimulationResult r = GradientTestRuns.simulate(net, in);
            SplittableRandom rnd = new SplittableRandom(seed);
            int outputs = net.population(OUT).size();
            SpikeTimeLoss loss = GradientTestRuns.randomFirstSpikeLoss(rnd, outputs);
            int label = rnd.nextInt(outputs);
            Gradients ep = new EventProp().compute(r, OUT, loss, label);
            Gradients fd = new FastAndDeep().compute(r, OUT, loss, label);
            assertSumsToShift(ep, seed);
            assertSumsToShift(fd, seed);
            double scale = 1;
            for (int p = 0; p < ep.projectionCount(); p++) {
                for (double v : ep.delays(p)) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
            for (int p = 0; p < ep.projectionCount(); p++) {
                for (int s = 0; s < ep.delays(p).length; s++) {
                    double a = ep.delays(p)[s];
                    double b = fd.delays(p)[s];
                    assertEquals(a, b, 1e-9 * Math.abs(a) + 1e-12 * scale,
                            "seed " + seed + " projection " + p + " synapse " + s);
                    if (a != 0) {
                        nonZero.incrementAndGet();
                    }
                }
            }
        });
        assertTrue(nonZero.get() > 800, "non-zero delay gradients compared: " + nonZero.get());
    }
}

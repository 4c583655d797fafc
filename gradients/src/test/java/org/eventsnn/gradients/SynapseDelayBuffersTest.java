package org.eventsnn.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.function.Supplier;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/** Per-synapse delay gradients reused through a pool: handed out zeroed, the same bits as fresh arrays. */
class SynapseDelayBuffersTest {
    private static final int OUT = 2;

    @Test
    void aReleasedSetIsHandedOutAgainZeroed() {
        Network net = RandomNetworks.withSynapseDelays(2, RandomNetworks.feedForward(2, false));
        SynapseDelayBuffers buffers = new SynapseDelayBuffers();
        double[][] first = buffers.forSample(net);
        for (double[] a : first) {
            Arrays.fill(a, -2.5);
        }
        Gradients g = new Gradients(0, new double[first.length][], new double[first.length], buffers.returned(first),
                new double[0][], null, buffers);
        g.release();
        assertNull(g.delays(0));
        double[][] again = buffers.forSample(net);
        assertSame(first, again);
        for (int p = 0; p < again.length; p++) {
            assertEquals(net.projection(p).synapseCount(), again[p].length);
            for (double v : again[p]) {
                assertEquals(0.0, v);
            }
        }
    }

    /**
     * A method whose previous sample's gradients were summed and released (its arrays reused)
     * gives the same bits for the next sample as a fresh method: weights and per-synapse delays.
     */
    @Test
    void reusedArraysGiveTheSameBitsAsFreshOnes() {
        check(EventProp::new);
        check(FastAndDeep::new);
    }

    private static void check(Supplier<GradientMethod> methods) {
        qt().withExamples(30).forAll(longs().between(1, 1_000_000)).checkAssert(seed -> {
            Network net = RandomNetworks.withSynapseDelays(seed, RandomNetworks.feedForward(seed, true));
            SpikeTrains[] in = GradientTestRuns.boundedInputs(net, seed, 2);
            if (in == null) {
                return;
            }
            SimulationResult a = GradientTestRuns.simulate(net, in[0]);
            SimulationResult b = GradientTestRuns.simulate(net, in[1]);
            SpikeTimeLoss loss = new TtfsCrossEntropy(0.005, 0, 0.005);
            int label = 1 % net.population(OUT).size();
            GradientMethod reused = methods.get();
            Gradients ga = reused.compute(a, OUT, loss, 0);
            double[][] arraysOfA = new double[ga.projectionCount()][];
            for (int p = 0; p < arraysOfA.length; p++) {
                arraysOfA[p] = ga.delays(p);
            }
            ga.release();
            Gradients again = reused.compute(b, OUT, loss, label);
            Gradients fresh = methods.get().compute(b, OUT, loss, label);
            assertEquals(fresh.loss(), again.loss());
            for (int p = 0; p < fresh.projectionCount(); p++) {
                assertSame(arraysOfA[p], again.delays(p), "seed " + seed + ": the released set is reused");
                assertArrayEquals(fresh.weights(p), again.weights(p), "seed " + seed + " weights " + p);
                assertArrayEquals(fresh.delays(p), again.delays(p), "seed " + seed + " delays " + p);
                assertEquals(Double.doubleToRawLongBits(fresh.delay(p)), Double.doubleToRawLongBits(again.delay(p)));
            }
        });
    }
}

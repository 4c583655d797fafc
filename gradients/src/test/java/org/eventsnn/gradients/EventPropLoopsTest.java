package org.eventsnn.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/**
 * EventProp's loops for populations of one shared single-receptor dynamics (the row walked
 * whole, or only its targets with nonzero costates for a dense projection) against its general
 * loop, which the same network takes when every neuron is given the same parameters as its own
 * ({@code withNeuronParams}): every gradient bit for bit. Hidden layers of up to 150 neurons, so
 * that populations straddle the 64-neuron words of the live-neuron bits.
 */
class EventPropLoopsTest {
    private static final int OUT = 2;

    @Test
    void sharedDynamicsLoopsGiveTheGeneralLoopsBits() {
        AtomicInteger compared = new AtomicInteger();
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Network net = network(r);
            Network general = net;
            for (int p = 0; p < net.populations().size(); p++) {
                Population pop = net.population(p);
                if (!pop.isInput()) {
                    NeuronParameters[] each = new NeuronParameters[pop.size()];
                    Arrays.fill(each, pop.params());
                    general = general.withNeuronParams(p, each);
                }
            }
            SpikeTrains in = RandomNetworks.input(r.nextLong(), net);
            SimulationResult a = GradientTestRuns.simulate(net, in);
            SimulationResult b = GradientTestRuns.simulate(general, in);
            if (a == null || b == null) {
                return;
            }
            requireSameRecord(a.record(), b.record());
            SpikeTimeLoss loss = new TtfsCrossEntropy(0.005, 0, 0.005);
            int label = r.nextInt(net.population(OUT).size());
            Gradients ga = new EventProp().compute(a, OUT, loss, label);
            Gradients gb = new EventProp().compute(b, OUT, loss, label);
            assertEquals(Double.doubleToRawLongBits(gb.loss()), Double.doubleToRawLongBits(ga.loss()));
            boolean nonzero = false;
            for (int p = 0; p < ga.projectionCount(); p++) {
                assertArrayEquals(bits(gb.weights(p)), bits(ga.weights(p)), "seed " + seed + " weights " + p);
                assertArrayEquals(bits(gb.delays(p)), bits(ga.delays(p)), "seed " + seed + " delays " + p);
                assertEquals(Double.doubleToRawLongBits(gb.delay(p)), Double.doubleToRawLongBits(ga.delay(p)));
                for (double w : ga.weights(p)) {
                    nonzero |= w != 0;
                }
            }
            for (int p = 0; p < net.populations().size(); p++) {
                assertArrayEquals(bits(gb.inputTimes(p)), bits(ga.inputTimes(p)), "seed " + seed + " input times " + p);
            }
            if (nonzero) {
                compared.incrementAndGet();
            }
        });
        assertTrue(compared.get() > 50, "too few runs with gradients: " + compared.get());
    }

    /** in -> hidden -> out, dense, one receptor per population, sometimes in -> out and hidden -> hidden. */
    private static Network network(SplittableRandom r) {
        int nIn = 1 + r.nextInt(6);
        int nHidden = 1 + r.nextInt(150);
        int nOut = 1 + r.nextInt(4);
        NeuronParameters ph = params(r);
        NeuronParameters po = r.nextBoolean() ? ph : params(r);
        double wh = 3.0 / nIn;
        double wo = 3.0 / Math.sqrt(nHidden);
        Network.Builder b = Network.builder()
                .add(Population.input("in", nIn))
                .add(Population.lif("hidden", nHidden, ph))
                .add(Population.lif("out", nOut, po));
        b.connectDense("in", "hidden", 0.001 * r.nextInt(3), RandomNetworks.weights(r, nIn, nHidden, wh, wh));
        b.connectDense("hidden", "out", 0.001 * r.nextInt(3), RandomNetworks.weights(r, nHidden, nOut, wo, wo));
        if (r.nextInt(3) == 0) {
            b.connectDense("in", "out", 0.001, RandomNetworks.weights(r, nIn, nOut, 0.3, 0.5));
        }
        if (r.nextInt(4) == 0) {
            b.connectDense("hidden", "hidden", 0.002, RandomNetworks.weights(r, nHidden, nHidden, 0, 0.3 / Math.sqrt(nHidden)));
        }
        return b.build();
    }

    private static NeuronParameters params(SplittableRandom r) {
        double tauMem = 0.005 + 0.015 * r.nextDouble();
        double[] ratios = {1, 4, 2, 0.5 + 3 * r.nextDouble()};
        return NeuronParameters.builder().tauMem(tauMem).tauSyn(tauMem / ratios[r.nextInt(ratios.length)])
                .threshold(1).leak(0).reset(r.nextBoolean() ? 0 : -0.5)
                .refractory(r.nextBoolean() ? 0 : 0.002 * r.nextInt(3)).build();
    }

    private static void requireSameRecord(SpikeRecord a, SpikeRecord b) {
        assertEquals(a.count(), b.count());
        assertEquals(a.eventCount(), b.eventCount());
        for (int s = 0; s < a.count(); s++) {
            assertEquals(a.neuron(s), b.neuron(s));
            assertEquals(Double.doubleToRawLongBits(a.time(s)), Double.doubleToRawLongBits(b.time(s)));
        }
    }

    private static long[] bits(double[] x) {
        long[] out = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Double.doubleToRawLongBits(x[i]);
        }
        return out;
    }
}

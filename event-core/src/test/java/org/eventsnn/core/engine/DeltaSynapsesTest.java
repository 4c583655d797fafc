package org.eventsnn.core.engine;

import org.eventsnn.core.model.DeltaNetworks;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Delta synapses (receptors of time constant 0): spikes on threshold or at a jump that reaches
 * it, never a missed crossing (checked by {@link VoltageOracle}, which shares no state update
 * with the engine), the tie-breaking at one instant, and the limit of ever faster currents.
 */
class DeltaSynapsesTest {
    private static final int EXAMPLES = 800;

    private static SimulationResult simulate(long seed) {
        Network net = DeltaNetworks.network(seed, false);
        try {
            return new Simulator(net, 20_000).run(RandomNetworks.input(seed, net));
        } catch (SimulationLimitException e) {
            return null;
        }
    }

    @Test
    void everySpikeIsOnThresholdOrAtAJumpThatReachesIt() {
        AtomicInteger jumpSpikes = new AtomicInteger();
        AtomicInteger crossings = new AtomicInteger();
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> checkSpikes(seed, jumpSpikes, crossings));
        // a runaway neuron (refractory 0) whose spikes lie on a rise of 4.3e6 per second
        checkSpikes(-7003966633883099371L, new AtomicInteger(), new AtomicInteger());
        // both kinds of spike occur often in these networks
        assertTrue(jumpSpikes.get() > EXAMPLES && crossings.get() > EXAMPLES, jumpSpikes + " jump spikes, " + crossings
                + " crossings");
    }

    /** Every LIF spike of the network of {@code seed} is on threshold or at a jump that reaches it; counts both. */
    private static void checkSpikes(long seed, AtomicInteger jumpSpikes, AtomicInteger crossings) {
        SimulationResult r = simulate(seed);
        if (r == null) {
            return;
        }
        Network net = r.network();
        VoltageOracle oracle = new VoltageOracle(net, r.record());
        for (int s = 0; s < r.record().count(); s++) {
            int g = r.record().neuron(s);
            int p = net.populationOf(g);
            Population pop = net.population(p);
            if (pop.isInput()) {
                continue;
            }
            int i = g - net.offset(p);
            double threshold = pop.params(i).threshold();
            double t = r.record().time(s);
            if (t == 0 && pop.initialV(i) >= threshold) {
                continue;
            }
            double v = oracle.voltage(g, t);
            double jump = oracle.jumpAt(g, t, s);
            // a spike time is a double: on a steep rise (a runaway neuron, refractory 0) the
            // membrane moves by up to 1.5e-11 within one ulp of t (the seed above: 4.3e6 per
            // second at t = 0.0278 s), so the tolerance adds that move, taken over the ulp
            // before t (after t the oracle has reset the neuron)
            double step = Math.abs(v - oracle.voltage(g, Math.nextDown(t)));
            double tol = 1e-11 * Math.max(1, Math.abs(threshold)) + 2 * step;
            if (Math.abs(v - threshold) <= tol) {
                crossings.incrementAndGet();
            } else {
                jumpSpikes.incrementAndGet();
                assertTrue(v < threshold && v + jump >= threshold - tol, "seed " + seed + ": spike " + s + " of neuron "
                        + g + " at " + t + " with V = " + v + " and jumps " + jump + ", threshold " + threshold);
            }
        }
    }

    @Test
    void noCrossingIsMissedAtJumpsOrBetweenEvents() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            SimulationResult r = simulate(seed);
            if (r == null) {
                return;
            }
            Network net = r.network();
            VoltageOracle oracle = new VoltageOracle(net, r.record());
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int g = 0; g < net.neuronCount(); g++) {
                int p = net.populationOf(g);
                Population pop = net.population(p);
                if (pop.isInput()) {
                    continue;
                }
                NeuronParameters par = pop.params(g - net.offset(p));
                List<Double> spikes = oracle.spikesOf(g);
                List<Double> events = new ArrayList<>(List.of(0.0, r.duration()));
                for (double[] a : oracle.arrivalsOf(g)) {
                    double t = a[0];
                    if (t > r.duration()) {
                        continue;
                    }
                    events.add(t);
                    boolean clamped = false;
                    for (double s : spikes) {
                        clamped |= s < t && t <= s + par.refractory() || s == t;
                    }
                    double after = oracle.voltage(g, t) + oracle.jumpAt(g, t);
                    if (!clamped && after >= par.threshold() + 1e-9 * Math.max(1, Math.abs(par.threshold()))) {
                        assertTrue(spikes.contains(t), "seed " + seed + ": neuron " + g + " jumped to " + after
                                + " at " + t + ", above threshold " + par.threshold() + ", without a spike");
                    }
                }
                for (double s : spikes) {
                    events.add(s);
                    events.add(Math.min(s + par.refractory(), r.duration()));
                }
                Collections.sort(events);
                int intervals = events.size() - 1;
                for (int n = 0; n < Math.min(intervals, 40); n++) {
                    int i = intervals <= 40 ? n + 1 : 1 + rnd.nextInt(intervals);
                    double a = events.get(i - 1);
                    double b = events.get(i);
                    for (int k = 1; k < 12 && b > a; k++) {
                        double t = a + (b - a) * k / 12.0;
                        double v = oracle.voltage(g, t);
                        assertTrue(v < par.threshold() + 1e-9, "seed " + seed + ": neuron " + g + " at " + t
                                + " has V = " + v + " above threshold " + par.threshold() + " without a spike");
                    }
                }
            }
        });
    }

    /** One neuron with a delta receptor, driven by input neurons 0 and 1 with the given weights. */
    private static Network pair(double w0, double w1, double refractory) {
        NeuronParameters p = NeuronParameters.builder().tauMem(0.01).tauSyn(0).threshold(1.0).refractory(refractory).build();
        return Network.builder().add(Population.input("in", 2)).add(Population.lif("n", 1, p))
                .connectDense("in", "n", 0.0, new double[][] {{w0}, {w1}}).build();
    }

    private static SpikeTrains inputs(double t0, double t1) {
        return SpikeTrains.builder(0.05).add("in", new int[] {0, 1}, new double[] {t0, t1}).build();
    }

    @Test
    void theSumOfAnInstantsJumpsDecidesWhateverTheirOrder() {
        // +1.2 alone fires; with -0.5 at the same instant (before or after it in the queue) it does not
        assertEquals(1, new Simulator(pair(1.2, -0.5, 0)).run(inputs(0.01, 0.02)).spikes().count("n"));
        assertEquals(0, new Simulator(pair(1.2, -0.5, 0)).run(inputs(0.01, 0.01)).spikes().count("n"));
        assertEquals(0, new Simulator(pair(-0.5, 1.2, 0)).run(inputs(0.01, 0.01)).spikes().count("n"));
        // two jumps of 0.6 at one instant reach threshold together, and the spike is at that instant
        SpikeTrains both = new Simulator(pair(0.6, 0.6, 0)).run(inputs(0.01, 0.01)).spikes();
        assertArrayEquals(new double[] {0.01}, both.times("n"));
        // a jump exactly to threshold fires
        assertArrayEquals(new double[] {0.02}, new Simulator(pair(1.0, 0.0, 0)).run(inputs(0.02, 0.03)).spikes().times("n"));
    }

    @Test
    void jumpsWhileRefractoryAreLostUpToAndIncludingTheRelease() {
        // fires at 0.01, refractory until 0.015; the second jump at 0.015 meets a clamped membrane
        Network net = pair(1.5, 1.5, 0.005);
        assertArrayEquals(new double[] {0.01}, new Simulator(net).run(inputs(0.01, 0.015)).spikes().times("n"));
        assertArrayEquals(new double[] {0.01, 0.0150001},
                new Simulator(net).run(inputs(0.01, 0.0150001)).spikes().times("n"));
    }

    @Test
    void aLeakAboveThresholdFiresWithoutInputAtTheClosedFormTime() {
        NeuronParameters p = NeuronParameters.builder().tauMem(0.01).tauSyn(0).threshold(1.0).leak(1.1).build();
        Network net = Network.builder().add(Population.input("in", 1)).add(Population.lif("n", 1, p, new double[] {0.0}))
                .connectDense("in", "n", 0.0, new double[][] {{0.3}}).build();
        SpikeTrains out = new Simulator(net).run(SpikeTrains.builder(0.05).add("in", new int[0], new double[0]).build())
                .spikes();
        // u = V - leak goes from -1.1 towards 0 and reaches -0.1: t = tauMem ln(11), then from reset (0) again
        double period = 0.01 * Math.log(11);
        assertEquals(2, out.count("n"));
        assertEquals(period, out.time("n", 0), 1e-14);
        assertEquals(2 * period, out.time("n", 1), 1e-14);
    }

    @Test
    void aZeroDelayCycleOntoDeltaSynapsesWithoutRefractoryPeriodIsRefused() {
        NeuronParameters p = NeuronParameters.builder().tauSyn(0).build();
        Network.Builder b = Network.builder().add(Population.input("in", 1)).add(Population.lif("a", 2, p))
                .add(Population.lif("b", 2, p)).connectDense("in", "a", 0.0, new double[][] {{1, 1}})
                .connectDense("a", "b", 0.0, new double[][] {{1, 0}, {0, 1}})
                .connectDense("b", "a", 0.0, new double[][] {{1, 0}, {0, 1}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("projection 2 (b -> a) closes a cycle of zero-delay projections"), e.getMessage());
        // a refractory period or a delay breaks it
        NeuronParameters refractory = p.toBuilder().refractory(0.001).build();
        Network.builder().add(Population.input("in", 1)).add(Population.lif("a", 1, refractory))
                .connectDense("a", "a", 0.0, new double[][] {{1}}).build();
        Network.builder().add(Population.input("in", 1)).add(Population.lif("a", 1, p))
                .connectDense("a", "a", 1e-4, new double[][] {{1}}).build();
        // so does a projection without synapses, whatever its delay (a stored random row that came out empty)
        Network.builder().add(Population.input("in", 1)).add(Population.lif("a", 2, p))
                .connectList("a", "a", "syn", new double[0], new int[0], new int[0], new double[0]).build();
    }

    @Test
    void aReceptorIsADeltaSynapseForAllNeuronsOfAPopulationOrForNone() {
        NeuronParameters delta = NeuronParameters.builder().tauSyn(0).build();
        NeuronParameters current = NeuronParameters.builder().tauSyn(0.004).build();
        Population pop = Population.lif("p", 2, delta);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pop.withNeuronParams(new NeuronParameters[] {delta, current}));
        assertTrue(e.getMessage().startsWith("population p neuron parameters[1] receptor syn has time constant 0.004,"
                + " the population 0.0 (a receptor is a delta synapse"), e.getMessage());
        // per-neuron parameters that keep the delta synapse are fine
        NeuronParameters other = delta.toBuilder().tauMem(0.02).build();
        assertTrue(pop.withNeuronParams(new NeuronParameters[] {delta, other}).params(1).isDeltaReceptor(0));
    }

    @Test
    void deltaNetworksRunOnTheEventQueueWithTheSameSpikes() {
        qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            Network net = DeltaNetworks.network(seed, false);
            assertFalse(LayeredSimulation.suits(net));
            SpikeTrains in = RandomNetworks.input(seed, net);
            try {
                SpikeTrains a = new Simulator(net, 20_000).run(in).spikes();
                SpikeTrains b = Simulator.withEventQueue(net, 20_000).run(in).spikes();
                for (String p : a.populations()) {
                    assertArrayEquals(a.times(p), b.times(p));
                    assertArrayEquals(a.neurons(p), b.neurons(p));
                }
            } catch (SimulationLimitException e) {
                // a runaway network: legitimately refused
            }
        });
    }

    /**
     * The limit: a current receptor of time constant tauSyn carrying weight w tauMem / tauSyn
     * delivers the charge of a jump w; as tauSyn shrinks its spikes approach the delta synapse's.
     */
    @Test
    void everFasterCurrentsApproachTheDeltaSynapse() {
        double[] errors = new double[3];
        double[] taus = {1e-4, 1e-5, 1e-6};
        SpikeTrains in = SpikeTrains.builder(0.05).add("in", new int[] {0, 1, 0, 1}, new double[] {0.002, 0.004, 0.0043, 0.0044})
                .build();
        SpikeTrains delta = new Simulator(limitNetwork(0, 1)).run(in).spikes();
        assertEquals(2, delta.count("n"));
        for (int k = 0; k < taus.length; k++) {
            SpikeTrains fast = new Simulator(limitNetwork(taus[k], 0.01 / taus[k])).run(in).spikes();
            assertEquals(delta.count("n"), fast.count("n"));
            for (int i = 0; i < delta.count("n"); i++) {
                errors[k] = Math.max(errors[k], Math.abs(fast.time("n", i) - delta.time("n", i)));
            }
        }
        assertTrue(errors[0] < 1e-3 && errors[1] < errors[0] / 5 && errors[2] < errors[1] / 5,
                java.util.Arrays.toString(errors));
    }

    private static Network limitNetwork(double tauSyn, double scale) {
        NeuronParameters p = NeuronParameters.builder().tauMem(0.01).tauSyn(tauSyn).threshold(1.0).leak(0.2).build();
        return Network.builder().add(Population.input("in", 2)).add(Population.lif("n", 1, p))
                .connectDense("in", "n", 0.0, new double[][] {{0.5 * scale}, {0.6 * scale}}).build();
    }
}

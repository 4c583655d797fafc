package org.eventsnn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eventsnn.bench.ClockDrivenComparison.ClockDrivenNetwork;
import org.eventsnn.core.base.SplitMix64;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.experiments.train.TemporalTask;
import org.eventsnn.experiments.train.TrainingConfig;
import org.eventsnn.experiments.train.TrainingTask;
import org.junit.jupiter.api.Test;

/** The clock-driven baseline of {@link ClockDrivenComparison} against the exact simulation. */
class ClockDrivenComparisonTest {
    private static final double[] STEPS = {1e-3, 1e-4, 1e-5};

    private static NeuronParameters lif(String[] receptors, double[] taus) {
        return NeuronParameters.builder().tauMem(0.02).threshold(1).leak(0).reset(0).refractory(0)
                .receptors(receptors, taus).build();
    }

    private static Network oneNeuron(double weight) {
        return Network.builder().add(Population.input("in", 1))
                .add(Population.lif("out", 1, lif(new String[] {"syn"}, new double[] {0.005})))
                .connectDense("in", "out", "syn", 0, new double[][] {{weight}}).build();
    }

    private static SpikeTrains oneSpike(double t) {
        return SpikeTrains.builder(0.1).add("in", new int[] {0}, new double[] {t}).build();
    }

    @Test
    void oneNeuronsSpikeIsTheFirstGridPointAfterTheExactCrossing() {
        for (double t0 : new double[] {0.01, 0.0123456}) {
            Network net = oneNeuron(8);
            SpikeRecord exact = new Simulator(net).run(oneSpike(t0)).record();
            assertEquals(1, lifSpikes(net, exact), "the exact run fires once");
            double exactTime = exact.time(exact.count() - 1); // after the input spike
            double previousError = Double.POSITIVE_INFINITY;
            for (double dt : STEPS) {
                ClockDrivenNetwork grid = new ClockDrivenNetwork(net, dt, true);
                grid.run(oneSpike(t0));
                assertEquals(1, grid.spikeCount(), "dt " + dt);
                double error = grid.spikeTime(0) - exactTime;
                // the input counts at the first grid point not before it (up to one step late), the
                // membrane is exact at grid points, so the spike is at the first one after the crossing
                double late = Math.ceil(t0 / dt - 1e-9) * dt - t0;
                assertTrue(error >= late - 1e-12 && error < late + dt + 1e-12, "dt " + dt + ": error " + error);
                assertEquals(Math.round(grid.spikeTime(0) / dt) * dt, grid.spikeTime(0), 1e-15, "on the grid");
                assertTrue(error < previousError, "dt " + dt + ": error " + error + " not below " + previousError);
                previousError = error;
            }
            assertTrue(previousError < 2e-5);
        }
    }

    @Test
    void aNeuronBelowThresholdInTheExactRunStaysSilentOnEveryGrid() {
        Network net = oneNeuron(6); // peak 6 * 0.1575 = 0.945 < threshold 1
        assertEquals(0, lifSpikes(net, new Simulator(net).run(oneSpike(0.01)).record()));
        for (double dt : STEPS) {
            for (boolean dense : new boolean[] {true, false}) {
                ClockDrivenNetwork grid = new ClockDrivenNetwork(net, dt, dense);
                grid.run(oneSpike(0.01));
                assertEquals(0, grid.spikeCount(), "dt " + dt);
            }
        }
    }

    /** in(4) -> hidden(6, recurrent with a 2 ms delay, adaptation onto a 0.2 s receptor) -> out(2). */
    private static Network smallAdaptiveNetwork() {
        SplitMix64 rng = new SplitMix64(7);
        NeuronParameters hidden = lif(new String[] {"syn", "adapt"}, new double[] {0.005, 0.2});
        int[] self = {0, 1, 2, 3, 4, 5};
        double[] adapt = new double[6];
        Arrays.fill(adapt, -0.3);
        return Network.builder().add(Population.input("in", 4)).add(Population.lif("hidden", 6, hidden))
                .add(Population.lif("out", 2, lif(new String[] {"syn"}, new double[] {0.005})))
                .connectDense("in", "hidden", "syn", 0, matrix(rng, 4, 6, 3, 2))
                .connectDense("hidden", "hidden", "syn", 0.002, matrix(rng, 6, 6, 0, 0.8))
                .connectList("hidden", "hidden", "adapt", 0, self, self, adapt)
                .connectDense("hidden", "out", "syn", 0, matrix(rng, 6, 2, 2, 1)).build();
    }

    private static double[][] matrix(SplitMix64 rng, int rows, int columns, double mean, double spread) {
        double[][] w = new double[rows][columns];
        for (double[] row : w) {
            for (int j = 0; j < columns; j++) {
                row[j] = mean + spread * (2 * rng.nextDouble() - 1);
            }
        }
        return w;
    }

    /** Poisson spikes of {@code inputs} neurons at {@code rate} over {@code duration}, at whole milliseconds. */
    private static SpikeTrains poissonOnMilliseconds(SplitMix64 rng, int inputs, double rate, double duration) {
        List<double[]> spikes = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            for (double t = -Math.log(1 - rng.nextDouble()) / rate; t < duration; t += -Math.log(1 - rng.nextDouble()) / rate) {
                spikes.add(new double[] {Math.floor(t * 1e3) / 1e3, i});
            }
        }
        spikes.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        int[] neuron = new int[spikes.size()];
        double[] time = new double[spikes.size()];
        for (int k = 0; k < neuron.length; k++) {
            time[k] = spikes.get(k)[0];
            neuron[k] = (int) spikes.get(k)[1];
        }
        return SpikeTrains.builder(duration + 0.02).add("in", neuron, time).build();
    }

    @Test
    void aRecurrentAdaptiveNetworkConvergesToTheExactSpikesAsTheStepShrinks() {
        Network net = smallAdaptiveNetwork();
        SpikeTrains in = poissonOnMilliseconds(new SplitMix64(3), 4, 40, 0.3);
        SpikeRecord exact = new Simulator(net).run(in).record();
        assertTrue(lifSpikes(net, exact) > 20, "the network fires: " + lifSpikes(net, exact));
        double[] steps = {1e-5, 1e-6};
        double[] worst = new double[steps.length];
        for (int s = 0; s < steps.length; s++) {
            ClockDrivenNetwork grid = new ClockDrivenNetwork(net, steps[s], true);
            grid.run(in);
            assertEquals(lifSpikes(net, exact), grid.spikeCount(), "same spike count at dt " + steps[s]);
            worst[s] = worstTimeError(net, exact, grid);
        }
        // each spike is up to a step late and lateness carries on through resets and recurrent
        // inputs, so errors reach a few tens of steps over 0.3 s; they shrink with the step
        String errors = "worst errors at 1e-5, 1e-6: " + Arrays.toString(worst);
        assertTrue(worst[0] < 2e-4, errors); // finite: every neuron fired as often as in the exact run
        assertTrue(worst[1] < 3e-5 && worst[1] < worst[0] / 3, errors);
    }

    /** Spikes of LIF neurons in an exact record (which also holds the input spikes). */
    private static int lifSpikes(Network net, SpikeRecord exact) {
        int count = 0;
        for (int k = 0; k < exact.count(); k++) {
            count += net.population(net.populationOf(exact.neuron(k))).isInput() ? 0 : 1;
        }
        return count;
    }

    /** Largest |grid time - exact time| over the k-th spikes of each neuron (same counts per neuron assumed). */
    private static double worstTimeError(Network net, SpikeRecord exact, ClockDrivenNetwork grid) {
        double worst = 0;
        for (int g = 0; g < net.neuronCount(); g++) {
            List<Double> a = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            for (int k = 0; k < exact.count(); k++) {
                if (exact.neuron(k) == g && !net.population(net.populationOf(g)).isInput()) {
                    a.add(exact.time(k));
                }
            }
            for (int k = 0; k < grid.spikeCount(); k++) {
                if (grid.spikeNeuron(k) == g) {
                    b.add(grid.spikeTime(k));
                }
            }
            if (a.size() != b.size()) {
                return Double.POSITIVE_INFINITY;
            }
            for (int k = 0; k < a.size(); k++) {
                worst = Math.max(worst, Math.abs(a.get(k) - b.get(k)));
            }
        }
        return worst;
    }

    @Test
    void denseAndSparseArrivalsGiveTheSameSpikesOnTaskNetworks() {
        TrainingTask task = TrainingTask.named("cue-accumulation");
        TrainingConfig config = task.preset(null).with("hidden", "20");
        AtomicLong spikes = new AtomicLong();
        qt().withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            Network net = TemporalTask.initialNetwork(config, 12, 2, seed);
            SpikeTrains in = poissonOnMilliseconds(new SplitMix64(seed), 12, 30, 0.4);
            for (double dt : new double[] {1e-3, 1e-4}) {
                ClockDrivenNetwork dense = new ClockDrivenNetwork(net, dt, true);
                ClockDrivenNetwork sparse = new ClockDrivenNetwork(net, dt, false);
                dense.run(in);
                sparse.run(in);
                assertEquals(dense.spikeCount(), sparse.spikeCount());
                for (int k = 0; k < dense.spikeCount(); k++) {
                    assertEquals(dense.spikeNeuron(k), sparse.spikeNeuron(k));
                    assertEquals(dense.spikeTime(k), sparse.spikeTime(k));
                }
                spikes.addAndGet(dense.spikeCount());
            }
        });
        assertTrue(spikes.get() > 1000, "the networks fire: " + spikes.get());
    }
}

package org.eventsnn.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventsnn.core.solver.LifDynamics;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/**
 * The max-voltage loss: maxima against dense sampling, EventProp's gradients against central
 * finite differences (1e-5 relative plus rounding noise), on feed-forward networks whose output
 * layer integrates without firing.
 */
class MaxVoltageTest {
    private static final int OUT = 2;

    /** A random feed-forward network whose output neurons never fire; null if unsupported. */
    private static Network nonSpikingOutput(long seed) {
        Network net = RandomNetworks.feedForward(seed, new SplittableRandom(seed).nextBoolean());
        Population out = net.population(OUT);
        NeuronParameters[] high = new NeuronParameters[out.size()];
        for (int i = 0; i < high.length; i++) {
            NeuronParameters p = out.params(i);
            high[i] = p.toBuilder().threshold(p.leak() + 1e3).build();
            for (int k = 0; k < p.receptorCount(); k++) {
                if (p.receptorCount() > 1 && p.receptorTau(k) == p.tauMem()) {
                    return null;
                }
            }
        }
        NeuronParameters nominal = out.params().toBuilder().threshold(out.params().leak() + 1e3).build();
        return net.withParams(OUT, nominal).withNeuronParams(OUT, high);
    }

    private static double loss(SimulationResult r, int label) {
        MaxVoltage mv = new MaxVoltage(r, OUT);
        return new MaxVoltageCrossEntropy().evaluate(mv.value, label, new double[mv.value.length]);
    }

    @Test
    void maximaAreNeverExceededByDenseSamples() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Network net = nonSpikingOutput(seed);
            if (net == null) {
                return;
            }
            SpikeTrains in = RandomNetworks.input(seed, net);
            SimulationResult r = new Simulator(net).run(in);
            MaxVoltage mv = new MaxVoltage(r, OUT);
            int n = net.population(OUT).size();
            double[] times = new double[2001];
            for (int i = 0; i < times.length; i++) {
                times[i] = r.duration() * i / 2000.0;
            }
            int[] neurons = new int[n];
            for (int j = 0; j < n; j++) {
                neurons[j] = net.offset(OUT) + j;
            }
            var traces = new Simulator(net).run(in, new org.eventsnn.core.record.TraceRequest(neurons, times)).traces();
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < times.length; i++) {
                    assertTrue(traces.voltage(j, i) <= mv.value[j] + 1e-12, "seed " + seed + " neuron " + j
                            + " sampled " + traces.voltage(j, i) + " above max " + mv.value[j]);
                }
            }
        });
    }

    @Test
    void eventPropEqualsFiniteDifferencesOfTheMaxVoltageLoss() {
        AtomicInteger checked = new AtomicInteger();
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            Network net = nonSpikingOutput(seed);
            if (net == null) {
                return;
            }
            SpikeTrains in = RandomNetworks.input(seed, net);
            SplittableRandom rnd = new SplittableRandom(seed);
            int label = rnd.nextInt(net.population(OUT).size());
            SimulationResult r = new Simulator(net).run(in);
            Gradients g = new EventProp().computeMaxVoltage(r, OUT, new MaxVoltageCrossEntropy(), label);
            FiniteDifferences fd = new FiniteDifferences(Long.MAX_VALUE, run -> loss(run, label));
            for (int n = 0; n < 4; n++) {
                int p = rnd.nextInt(net.projections().size());
                int s = rnd.nextInt(net.projection(p).synapseCount());
                double[] w = net.projection(p).weights();
                double d = fd.derivative(w[s], 1e-6, x -> {
                    double[] w2 = w.clone();
                    w2[s] = x;
                    return new Object[] {net.withWeights(p, w2), in};
                });
                if (Double.isNaN(d)) {
                    continue; // a spike appeared or vanished, or a maximum switched place within the step
                }
                assertEquals(d, g.weights(p)[s], 1e-5 * Math.abs(d) + 1e-8, "seed " + seed + " projection " + p
                        + " synapse " + s);
                checked.incrementAndGet();
            }
        });
        assertTrue(checked.get() > 200, "derivatives checked: " + checked.get());
    }

    /**
     * Each synapse's delay gradient of the max-voltage loss (a maximum may sit on an arrival, a
     * kink, whose time then matters) against differences of that synapse's delay (step 1e-8 s),
     * half the time with a delay per synapse.
     */
    @Test
    void eventPropSynapseDelayGradientsEqualFiniteDifferencesOfTheMaxVoltageLoss() {
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger onKinks = new AtomicInteger();
        qt().withExamples(400).forAll(longs().all()).checkAssert(seed -> {
            Network base = nonSpikingOutput(seed);
            if (base == null) {
                return;
            }
            Network net = (seed & 1) == 0 ? RandomNetworks.withSynapseDelays(seed, base) : base;
            SpikeTrains in = RandomNetworks.input(seed, net);
            SplittableRandom rnd = new SplittableRandom(seed + 3);
            int label = rnd.nextInt(net.population(OUT).size());
            SimulationResult r = new Simulator(net).run(in);
            Gradients g = new EventProp().computeMaxVoltage(r, OUT, new MaxVoltageCrossEntropy(), label);
            MaxVoltage mv = new MaxVoltage(r, OUT);
            boolean kinks = false;
            for (int e : mv.kinkEvent) {
                kinks |= e >= 0;
            }
            // NaN (the draw is skipped) where a maximum changes form within the step: e.g. when two
            // simultaneous arrivals it sits on come apart (one-sided derivatives; seeds 1555 and
            // -153687753 found such draws)
            FiniteDifferences fd = new FiniteDifferences(Long.MAX_VALUE,
                    run -> Arrays.equals(maximumForms(new MaxVoltage(run, OUT)), maximumForms(mv)) ? loss(run, label)
                            : Double.NaN);
            for (int n = 0; n < 4; n++) {
                int p = rnd.nextInt(net.projections().size());
                int s = rnd.nextInt(net.projection(p).synapseCount());
                double[] d = net.projection(p).delays();
                if (!(d[s] > 1e-7)) {
                    continue;
                }
                // smooth only: a maximum on simultaneous arrivals from different sources is a kink in
                // each one's delay that leaves the forms alike (seed 2527279698520498283: one-sided
                // 1.905 for one synapse, 0 for the other, central differences 0.953 for both)
                double dd = fd.smoothDerivative(d[s], 1e-8, 1e-6, x -> {
                    double[] d2 = d.clone();
                    d2[s] = x;
                    return new Object[] {net.withDelays(p, d2), in};
                });
                if (Double.isNaN(dd)) {
                    continue; // an arrival crossed a spike, or a maximum switched place within the step
                }
                assertEquals(dd, g.delays(p)[s], 1e-5 * Math.abs(dd) + 1e-6, "seed " + seed + " projection " + p
                        + " synapse " + s);
                checked.incrementAndGet();
                if (kinks) {
                    onKinks.incrementAndGet();
                }
            }
        });
        assertTrue(checked.get() > 150, "derivatives checked: " + checked.get());
        assertTrue(onKinks.get() > 10, "derivatives checked in networks with maxima on arrivals: " + onKinks.get());
    }

    /**
     * Per neuron, where its maximum lies: at the window's start (0), elsewhere between events (1),
     * or on the arrival with log index e (2 + e). Simultaneous arrivals that come apart within the
     * step change the log, so a maximum on them (one-sided derivatives) changes form too.
     */
    private static int[] maximumForms(MaxVoltage mv) {
        int[] form = new int[mv.value.length];
        for (int j = 0; j < form.length; j++) {
            form[j] = mv.kinkEvent[j] >= 0 ? 2 + mv.kinkEvent[j] : mv.time[j] == 0 ? 0 : 1;
        }
        return form;
    }

    @Test
    void singleKernelMaximumIsTheAnalyticPeak() {
        NeuronParameters p = NeuronParameters.builder().tauMem(0.01).tauSyn(0.005).threshold(100).build();
        Network net = Network.builder().add(org.eventsnn.core.model.Population.input("in", 1))
                .add(org.eventsnn.core.model.Population.input("unused", 1))
                .add(org.eventsnn.core.model.Population.lif("out", 1, p))
                .connectDense("in", "out", null, 0, new double[][] {{2.0}}).build();
        SpikeTrains in = SpikeTrains.builder(0.05).add("in", new int[] {0}, new double[] {0.001}).build();
        MaxVoltage mv = new MaxVoltage(new Simulator(net).run(in), 2);
        double a = 100;
        double b = 200;
        double tp = Math.log(a / b) / (a - b);
        assertEquals(2.0 * new LifDynamics(p).kernel(0, tp), mv.value[0], 1e-15);
        assertEquals(0.001 + tp, mv.time[0], 1e-12);
    }

    /**
     * How NIR's CubaLI imports (docs/nir.md): a LIF population with threshold Double.MAX_VALUE
     * and reset 0. The max-voltage loss reads its membrane's maximum: one jump of 2 into
     * tauSyn 5 ms, tauMem 10 ms peaks at K = 1/4 after ln 2 / 100 s, so V peaks at leak + 0.5,
     * the same bits as with a finite threshold it never reaches. An LI (delta synapse) readout
     * is refused by the loss, as every delta-synapse output is.
     */
    @Test
    void aNeverFiringReadoutAsNirsCubaLiImportsIsReadExactly() {
        double[] max = new double[2];
        double[] thresholds = {Double.MAX_VALUE, 1e3};
        for (int c = 0; c < 2; c++) {
            NeuronParameters p = NeuronParameters.builder().tauSyn(0.005).tauMem(0.01).leak(0.1)
                    .threshold(thresholds[c]).reset(0).build();
            Network net = Network.builder().add(Population.input("in", 1)).add(Population.lif("out", 1, p))
                    .connectDense("in", "out", null, new double[][] {{0.0}}, new double[][] {{2.0}}).build();
            SimulationResult r = new Simulator(net).run(SpikeTrains.builder(0.02).add("in", new int[1],
                    new double[] {0.001}).build());
            assertEquals(0, r.spikes().count("out"));
            MaxVoltage mv = new MaxVoltage(r, 1);
            assertEquals(0.6, mv.value[0], 1e-12);
            assertEquals(0.001 + Math.log(2) / 100, mv.time[0], 1e-12);
            max[c] = mv.value[0];
        }
        assertEquals(max[1], max[0], 0.0);
        NeuronParameters li = NeuronParameters.builder().tauSyn(0).tauMem(0.01).threshold(Double.MAX_VALUE).reset(0).build();
        Network net = Network.builder().add(Population.input("in", 1)).add(Population.lif("out", 1, li))
                .connectDense("in", "out", null, new double[][] {{0.0}}, new double[][] {{2.0}}).build();
        SimulationResult r = new Simulator(net).run(SpikeTrains.builder(0.02).add("in", new int[1],
                new double[] {0.001}).build());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new MaxVoltage(r, 1));
        assertTrue(e.getMessage().contains("does not support delta synapses"), e.getMessage());
    }
}

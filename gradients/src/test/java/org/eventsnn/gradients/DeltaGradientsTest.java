package org.eventsnn.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.io.SpikeFiles;
import org.eventsnn.core.model.DeltaNetworks;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/**
 * EventProp with delta synapses against central finite differences on random networks
 * ({@link DeltaNetworks}: jumps that fire neurons at their arrival, jumps before continuous
 * crossings, currents, leaks above threshold, recurrence, refractory periods) and against the
 * 60-digit differences of {@code delta_ff.json}. Error budget as in GradientPropertiesTest:
 * 1e-5 relative plus 1e-7 of the largest entry plus the differences' rounding noise.
 */
class DeltaGradientsTest {
    private static final int OUT = 2;
    /** Synapse delay derivatives compared so far (most draws are smooth; the count shows the check runs). */
    private static final AtomicInteger SYNAPSE_DELAYS_CHECKED = new AtomicInteger();

    /**
     * Checks random weights, an input time, a projection's delay and one synapse's delay of one
     * network; returns how many were compared.
     */
    private static int check(long seed, Network net) {
        SpikeTrains in = RandomNetworks.input(seed, net);
        SimulationResult r = GradientTestRuns.simulate(net, in);
        if (r == null) {
            return 0;
        }
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        int outputs = net.population(OUT).size();
        SpikeTimeLoss loss = GradientTestRuns.randomFirstSpikeLoss(rnd, outputs);
        int label = rnd.nextInt(outputs);
        Gradients g = new EventProp().compute(r, OUT, loss, label);
        FiniteDifferences fd = FiniteDifferences.ofFirstSpikes(OUT, loss, label);
        double noise = 4e-15 * Math.max(1, Math.abs(g.loss()));
        double floor = 1e-7 * Math.max(GradientTestRuns.weightScale(g), 1e-3) + noise / 1e-7;
        int checked = 0;
        for (int n = 0; n < 5; n++) {
            int p = rnd.nextInt(net.projections().size());
            int s = rnd.nextInt(net.projection(p).synapseCount());
            double[] w = net.projection(p).weights();
            double d = fd.derivative(w[s], 1e-7, x -> {
                double[] w2 = w.clone();
                w2[s] = x;
                return new Object[] {net.withWeights(p, w2), in};
            });
            if (!Double.isNaN(d)) {
                assertEquals(d, g.weights(p)[s], 1e-5 * Math.abs(d) + floor, "seed " + seed + " dL/dw projection " + p
                        + " synapse " + s);
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
            assertEquals(dt, g.inputTimes(0)[i], 1e-5 * Math.abs(dt) + floor + noise / 1e-8, "seed " + seed
                    + " dL/dt input " + i);
            checked++;
        }
        int p = rnd.nextInt(net.projections().size());
        if (net.projection(p).delay() > 1e-7) {
            double dd = fd.derivative(net.projection(p).delay(), 1e-8, x -> new Object[] {net.withDelay(p, x), in});
            if (!Double.isNaN(dd)) {
                assertEquals(dd, g.delay(p), 1e-5 * Math.abs(dd) + floor + noise / 1e-8, "seed " + seed
                        + " dL/d(delay) projection " + p);
                checked++;
            }
            // One synapse's own delay (the others kept), through per-synapse delays, where the loss
            // is smooth in it: jumps landing together on one neuron and firing it together are a
            // kink in each one's delay
            int s = rnd.nextInt(net.projection(p).synapseCount());
            double[] delays = net.projection(p).delays();
            double ds = fd.smoothDerivative(delays[s], 1e-8, floor, x -> {
                double[] d2 = delays.clone();
                d2[s] = x;
                return new Object[] {net.withDelays(p, d2), in};
            });
            if (!Double.isNaN(ds)) {
                assertEquals(ds, g.delays(p)[s], 1e-5 * Math.abs(ds) + floor + noise / 1e-8, "seed " + seed
                        + " dL/d(delay) projection " + p + " synapse " + s);
                checked++;
                SYNAPSE_DELAYS_CHECKED.incrementAndGet();
            }
        }
        return checked;
    }

    @Test
    void eventPropEqualsFiniteDifferencesWithDeltaSynapses() {
        AtomicInteger checked = new AtomicInteger();
        qt().withExamples(800).forAll(longs().all()).checkAssert(seed ->
                checked.addAndGet(check(seed, DeltaNetworks.network(seed, false))));
        assertTrue(checked.get() > 800, "derivatives checked: " + checked.get());
        assertTrue(SYNAPSE_DELAYS_CHECKED.get() > 100, "synapse delays checked: " + SYNAPSE_DELAYS_CHECKED.get());
    }

    @Test
    void eventPropEqualsFiniteDifferencesWithDeltaSynapsesAndSingleSpikes() {
        AtomicInteger checked = new AtomicInteger();
        qt().withExamples(400).forAll(longs().all()).checkAssert(seed ->
                checked.addAndGet(check(seed, DeltaNetworks.network(seed, true))));
        assertTrue(checked.get() > 400, "derivatives checked: " + checked.get());
    }

    @Test
    void eventPropMatchesTheSixtyDigitDifferencesOfDeltaFf() throws Exception {
        JsonNode fx;
        try (InputStream s = DeltaGradientsTest.class.getResourceAsStream("/reference-spikes/delta_ff.json")) {
            fx = Json.mapper().readTree(s);
        }
        Network net = ModelFiles.fromJson(fx.get("model"), "delta_ff");
        SpikeTrains in = SpikeFiles.fromJson(fx.get("input"), "delta_ff");
        JsonNode grad = fx.get("gradient");
        double[] c = {grad.get("loss").get("coefficients").get(0).asDouble(), grad.get("loss").get("coefficients").get(1).asDouble()};
        Gradients g = new EventProp().compute(new Simulator(net).run(in), OUT, new FirstSpikeLinear(c), 0);
        assertEquals(new BigDecimal(grad.get("value").asText()).doubleValue(), g.loss(), 1e-14);
        int nonZero = 0;
        for (int p = 0; p < g.projectionCount(); p++) {
            JsonNode m = grad.get("weights").get(p);
            int s = 0;
            for (JsonNode row : m) {
                for (JsonNode v : row) {
                    double ref = new BigDecimal(v.asText()).doubleValue();
                    assertEquals(ref, g.weights(p)[s], 1e-10 * Math.abs(ref) + 1e-15, "projection " + p + " synapse " + s);
                    nonZero += ref != 0 ? 1 : 0;
                    s++;
                }
            }
        }
        assertTrue(nonZero >= 10, "non-zero reference entries: " + nonZero);
    }

    @Test
    void fastAndDeepAndTheMaxVoltageLossRefuseDeltaSynapses() {
        Network net = DeltaNetworks.network(1, true);
        SimulationResult r = new Simulator(net).run(RandomNetworks.input(1, net));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FastAndDeep().compute(r, OUT, new TtfsCrossEntropy(0.001), 0));
        assertTrue(e.getMessage().startsWith("fastdeep does not support delta synapses: population hidden has receptor"),
                e.getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> new EventProp().computeMaxVoltage(r, OUT, new MaxVoltageCrossEntropy(), 0));
        assertTrue(m.getMessage().contains("does not support delta synapses: population out"), m.getMessage());
    }
}

package org.eventsnn.core.io.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.io.FormatException;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/** NIR files written by the reference package (see resources nir/README.md), imported and simulated. */
class ForeignNirFilesTest {
    static Path resource(String name) {
        try {
            return Path.of(ForeignNirFilesTest.class.getResource("/nir/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A recurrent CubaLIF network with leak, reset, delays and r, w_in != 1 per neuron: eventsnn's
     * spike times match times computed from NIR's own equations at 50 digits to 1e-12 s.
     */
    @Test
    void recurrentCubaLifSpikesMatchTheFiftyDigitReference() {
        Network net = ModelLoader.read(resource("recurrent_cubalif.nir"), w -> { throw new AssertionError(w); });
        assertEquals(List.of("in", "lif", "out"), names(net));
        assertTrue(net.population(1).hasNeuronParams());
        assertSpikesMatchReference(net, "recurrent_cubalif.expected.json");
    }

    /**
     * A recurrent LIF (delta-synapse) network written by the reference package, with per-neuron
     * tau, r != tau, leak and reset, Delays that differ per element (so delays per synapse), an
     * Affine bias that lifts one output neuron's resting potential above threshold, and
     * zero-delay cascades: eventsnn's spike times match NIR's LIF equations computed at 50 digits
     * ({@code make_lif_files.py}) to 1e-12 s.
     */
    @Test
    void recurrentLifSpikesMatchTheFiftyDigitReference() {
        Network net = ModelLoader.read(resource("recurrent_lif.nir"), w -> { throw new AssertionError(w); });
        assertEquals(List.of("in", "lif", "out"), names(net));
        assertTrue(net.population(1).params().isDeltaReceptor(0) && net.population(2).params().isDeltaReceptor(0));
        assertTrue(net.projection(0).hasSynapseDelays());
        assertSpikesMatchReference(net, "recurrent_lif.expected.json");
    }

    /**
     * Simulates {@code net} on the input of reference file {@code file} and checks every spike of
     * populations lif and out: neuron exact, time within 1e-12 s of the 50-digit value; the
     * reference must hold more than 40 spikes.
     */
    private static void assertSpikesMatchReference(Network net, String file) {
        JsonNode expected = Json.read(resource(file));
        JsonNode in = expected.get("input");
        int[] neurons = new int[in.get("neurons").size()];
        double[] times = new double[neurons.length];
        for (int i = 0; i < neurons.length; i++) {
            neurons[i] = in.get("neurons").get(i).asInt();
            times[i] = in.get("times").get(i).asDouble();
        }
        SpikeTrains input = SpikeTrains.builder(expected.get("duration").asDouble()).add("in", neurons, times).build();
        SpikeTrains got = new Simulator(net).run(input).spikes();
        int total = 0;
        for (String pop : List.of("lif", "out")) {
            JsonNode want = expected.get("spikes").get(pop);
            assertEquals(want.size(), got.count(pop), pop + " spike count");
            for (int s = 0; s < want.size(); s++) {
                assertEquals(want.get(s).get(0).asInt(), got.neuron(pop, s), pop + " spike " + s);
                double t = new BigDecimal(want.get(s).get(1).asText()).doubleValue();
                assertEquals(t, got.time(pop, s), 1e-12, pop + " spike " + s);
                total++;
            }
        }
        assertTrue(total > 40, "the reference has " + total + " spikes");
    }

    /** Conv2d (stride, padding, dilation), SumPool2d, Flatten and Affine expand to projections equal to direct evaluation. */
    @Test
    void convolutionPoolingAndAffineMatchDirectEvaluation() {
        Path file = resource("conv2d_pool_affine.nir");
        NirGraph g = NirHdf5.read(file);
        Network net = ModelLoader.read(file, w -> { throw new AssertionError(w); });
        assertEquals(List.of("img", "c1", "c2"), names(net));
        assertEquals(60, net.population(0).size());
        assertEquals(24, net.population(1).size());
        SplittableRandom r = new SplittableRandom(3);
        double[] x = random(r, 60);
        double[] conv = DirectOps.conv2d(x, new int[] {2, 6, 5}, g.nodes().get("conv").array("weight"),
                new int[] {1, 2}, new int[] {1, 0}, new int[] {2, 1});
        double[] factorC1 = new double[24];
        java.util.Arrays.fill(factorC1, 1.0 / 5e-3 * 1.0); // (r / tau_syn) * w_in of c1
        assertArrayClose(scaled(conv, factorC1), apply(net, 0, x, 24), 1e-14);
        double[] y = random(r, 24);
        double[] pooled = DirectOps.sumPool2d(y, new int[] {3, 4, 2}, 2, 2);
        NdArray aff = g.nodes().get("aff").array("weight");
        double[] affine = DirectOps.matVec(aff, pooled);
        double[] factor = {2.0 / 4e-3 * 1.0, 1.0 / 6e-3 * 0.5};
        double[] got = apply(net, 1, y, 2);
        for (int j = 0; j < 2; j++) {
            assertEquals(affine[j] * factor[j], got[j], 1e-12 * Math.abs(got[j]) + 1e-15);
        }
        // the bias b enters as the constant current: leak = v_leak + r w_in b
        assertEquals(0.0 + 2.0 * 1.0 * 0.02, net.population(2).params(0).leak(), 1e-15);
        assertEquals(0.1 + 1.0 * 0.5 * -0.01, net.population(2).params(1).leak(), 1e-15);
        SpikeTrains input = SpikeTrains.builder(0.05).add("img", new int[] {3, 17, 40, 41}, new double[] {0.001, 0.002, 0.002, 0.01}).build();
        new Simulator(net).run(input);
    }

    /** Conv1d with stride, padding and dilation, then Scale and Delay: one projection with the delay and scaled weights. */
    @Test
    void conv1dScaleAndDelay() {
        Path file = resource("conv1d_scale_delay.nir");
        NirGraph g = NirHdf5.read(file);
        Network net = ModelLoader.read(file, w -> { throw new AssertionError(w); });
        assertEquals(1, net.projections().size());
        Projection p = net.projection(0);
        assertEquals(2e-3, p.delay(), 0.0);
        double[] x = random(new SplittableRandom(4), 18);
        double[] conv = DirectOps.conv1d(x, new int[] {2, 9}, g.nodes().get("conv").array("weight"), 2, 1, 2);
        double[] scale = g.nodes().get("scale").array("scale").values();
        double[] got = apply(net, 0, x, 16);
        for (int j = 0; j < 16; j++) {
            assertEquals(conv[j] * scale[j] * (1.0 / 5e-3), got[j], 1e-12 * Math.abs(got[j]) + 1e-15, "output " + j);
        }
    }

    /** The reference package reads what eventsnn wrote (lossy) and writes it again: eventsnn reads back the very model. */
    @Test
    void eventsnnFilesRewrittenByTheReferencePackageReadBackBitIdentical() {
        String original = ModelFiles.toJson(ModelFiles.read(resource("eventsnn_model.json"))).toString();
        for (String f : List.of("eventsnn_written.nir", "eventsnn_rewritten_by_reference.nir")) {
            List<String> warnings = new ArrayList<>();
            Network back = ModelLoader.read(resource(f), warnings::add);
            assertTrue(warnings.isEmpty(), warnings.toString());
            assertEquals(original, ModelFiles.toJson(back).toString(), f);
        }
    }

    /**
     * norse's delta-synapse LIF (NIR 0.1.1, float32 parameters, no v_reset): a population with a
     * delta synapse whose weight is r W / tau; each input spike makes v jump by 400 > v_threshold,
     * so the neuron fires at every input spike's own instant.
     */
    @Test
    void deltaSynapseLifFromNorseImportsAndFiresAtItsInputs() {
        Network net = ModelLoader.read(resource("lif_norse.nir"), w -> { throw new AssertionError(w); });
        assertEquals(List.of("input", "1"), names(net));
        Population lif = net.population(1);
        assertTrue(lif.params().isDeltaReceptor(0));
        double tau = (float) 0.0025;
        assertEquals(tau, lif.params().tauMem(), 0.0);
        assertEquals((float) 0.1, lif.params().threshold(), 0.0);
        assertEquals(0.0, lif.params().reset(), 0.0);
        assertEquals((1.0 / tau) * 1.0 * 1.0, net.projection(0).weight(0), 0.0);
        double[] times = {0.001, 0.0013, 0.004};
        SpikeTrains out = new Simulator(net).run(SpikeTrains.builder(0.01).add("input", new int[3], times).build()).spikes();
        assertEquals(3, out.count("1"));
        for (int i = 0; i < 3; i++) {
            assertEquals(times[i], out.time("1", i), 0.0);
        }
    }

    static List<String> names(Network net) {
        List<String> names = new ArrayList<>();
        for (Population p : net.populations()) {
            names.add(p.name());
        }
        return names;
    }

    /** The summed input that the projections from population {@code source} give each target neuron for source values x. */
    static double[] apply(Network net, int source, double[] x, int targets) {
        double[] y = new double[targets];
        for (Projection p : net.projections()) {
            if (p.source() == source) {
                for (int s = 0; s < p.synapseCount(); s++) {
                    y[p.post(s)] += p.weight(s) * x[p.pre(s)];
                }
            }
        }
        return y;
    }

    static double[] scaled(double[] x, double[] f) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * f[i];
        }
        return y;
    }

    static double[] random(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        return x;
    }

    static void assertArrayClose(double[] want, double[] got, double tol) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tol, "element " + i);
        }
    }
}

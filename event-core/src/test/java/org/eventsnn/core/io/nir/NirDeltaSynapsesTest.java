package org.eventsnn.core.io.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.DeltaNetworks;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NIR's LIF (delta synapses) and Delay nodes whose delay differs per element: import, export and
 * round trips (docs/nir.md).
 */
class NirDeltaSynapsesTest {
    @TempDir
    Path dir;

    private static NirNode node(String name, String type, Map<String, NdArray> arrays) {
        return new NirNode(name, type, arrays, Map.of(), null);
    }

    private static NdArray vec(double... v) {
        return NdArray.vector(v);
    }

    /** Networks with delta synapses, sometimes with a delay per synapse, any feature: --lossy round trips are bit-identical. */
    @Test
    void lossyRoundTripsOfDeltaNetworksGiveTheSameModelAndSpikes() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            Network net = DeltaNetworks.network(seed, false);
            if (seed % 2 == 0) {
                try {
                    net = RandomNetworks.withSynapseDelays(seed, net);
                } catch (IllegalArgumentException e) {
                    // a zero delay closed a delta cycle: keep the one-delay form
                }
            }
            Network back = NirImport.toNetwork(NirExport.graph(net, true, w -> { }), "mem", w -> { throw new AssertionError(w); });
            assertEquals(ModelFiles.toJson(net).toString(), ModelFiles.toJson(back).toString(), "seed " + seed);
            NirRoundTripTest.assertSameSpikes(net, back, RandomNetworks.input(seed, net), seed);
        });
    }

    /**
     * A network NIR can express with LIF nodes (delta synapses only, no refractory period, at
     * rest) and delays per synapse that vary by target or by source only: the NIR nodes alone
     * (metadata stripped) map back to the same parameters, weights, delays and spikes, bit for bit.
     */
    @Test
    void theNirNodesAloneMapBackExactlyForLifAndPerElementDelays() {
        AtomicCounts counts = new AtomicCounts();
        qt().withExamples(80).forAll(longs().all()).checkAssert(seed -> {
            Network net = expressibleDelta(seed);
            NirGraph g = NirRoundTripTest.stripMetadata(NirExport.graph(net, false, w -> { throw new AssertionError(w); }));
            for (NirNode n : g.nodes().values()) {
                counts.lif += n.type().equals("LIF") ? 1 : 0;
                counts.vectorDelays += n.type().equals("Delay") && varies(n.array("delay").values()) ? 1 : 0;
            }
            Network back = NirImport.toNetwork(g, "mem", w -> { throw new AssertionError(w); });
            for (Population p : net.populations()) {
                Population q = back.population(back.populationIndex(p.name()));
                assertEquals(p.size(), q.size());
                for (int i = 0; i < p.size() && !p.isInput(); i++) {
                    assertEquals(p.params(i), q.params(i), "seed " + seed + " " + p.name() + "[" + i + "]");
                }
            }
            assertEquals(net.projections().size(), back.projections().size());
            for (int j = 0; j < net.projections().size(); j++) {
                assertArrayEquals(net.projection(j).weights(), back.projection(j).weights(), 0.0, "seed " + seed);
                assertArrayEquals(net.projection(j).delays(), back.projection(j).delays(), 0.0, "seed " + seed);
            }
            NirRoundTripTest.assertSameSpikes(net, back, RandomNetworks.input(seed, net), seed);
        });
        assertTrue(counts.lif > 80 && counts.vectorDelays > 20, counts.lif + " LIF nodes, " + counts.vectorDelays
                + " per-element delays");
    }

    private static final class AtomicCounts {
        int lif;
        int vectorDelays;
    }

    private static boolean varies(double[] d) {
        for (double x : d) {
            if (x != d[0]) {
                return true;
            }
        }
        return false;
    }

    /** in -> hidden (LIF) -> out (LIF), sometimes hidden -> hidden (delay > 0); delays per target or per source element. */
    static Network expressibleDelta(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int nIn = 1 + r.nextInt(4);
        int nHid = 1 + r.nextInt(5);
        int nOut = 1 + r.nextInt(3);
        NeuronParameters ph = DeltaNetworks.params(r, false, false).toBuilder().tauSyn(0).refractory(0).build();
        NeuronParameters po = DeltaNetworks.params(r, false, false).toBuilder().tauSyn(0).refractory(0).build();
        Network.Builder b = Network.builder().add(Population.input("in", nIn)).add(Population.lif("hidden", nHid, ph))
                .add(Population.lif("out", nOut, po));
        b.connectDense("in", "hidden", null, delays(r, nIn, nHid, 0.0), RandomNetworks.weights(r, nIn, nHid, 0.4, 0.4));
        b.connectDense("hidden", "out", null, delays(r, nHid, nOut, 0.0), RandomNetworks.weights(r, nHid, nOut, 0.3, 0.3));
        if (r.nextBoolean()) {
            b.connectDense("hidden", "hidden", null, delays(r, nHid, nHid, 1e-4), RandomNetworks.weights(r, nHid, nHid, 0, 0.2));
        }
        return b.build();
    }

    /** Delays that vary by target (kind 0) or by source (kind 1), or one for all (kind 2), each at least {@code min}. */
    private static double[][] delays(SplittableRandom r, int rows, int cols, double min) {
        int kind = r.nextInt(3);
        double[] byTarget = new double[cols];
        double[] bySource = new double[rows];
        double one = min + r.nextDouble(0, 0.002);
        for (int j = 0; j < cols; j++) {
            byTarget[j] = r.nextInt(4) == 0 ? min : min + r.nextDouble(0, 0.002);
        }
        for (int i = 0; i < rows; i++) {
            bySource[i] = r.nextInt(4) == 0 ? min : min + r.nextDouble(0, 0.002);
        }
        double[][] d = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                d[i][j] = kind == 0 ? byTarget[j] : kind == 1 ? bySource[i] : one;
            }
        }
        return d;
    }

    /**
     * A LIF graph written with jHDF exactly as NIR's spec lays it out: Input(1) -> Affine (weight
     * W = 0.003, bias b = 0.2) -> LIF (tau 0.01, r 2, v_leak 0, v_threshold 1, v_reset -0.1).
     * NIR: tau dv/dt = (v_leak - v) + r (W S + b), so v jumps by r W / tau = 0.6 and rests at
     * v_leak + r b = 0.4; a jump from rest reaches 1.0 and fires at once.
     */
    @Test
    void aLifGraphJumpsByRWOverTauAndItsBiasShiftsTheLeak() throws IOException {
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        nodes.put("in", node("in", "Input", Map.of("shape", vec(1))));
        nodes.put("aff", node("aff", "Affine", Map.of("weight", new NdArray(new double[] {0.003}, new int[] {1, 1}),
                "bias", vec(0.2))));
        nodes.put("lif", node("lif", "LIF", Map.of("tau", vec(0.01), "r", vec(2.0), "v_leak", vec(0.0),
                "v_threshold", vec(1.0), "v_reset", vec(-0.1))));
        nodes.put("out", node("out", "Output", Map.of("shape", vec(1))));
        List<String[]> edges = List.of(new String[] {"in", "aff"}, new String[] {"aff", "lif"}, new String[] {"lif", "out"});
        Path file = dir.resolve("lif.nir");
        NirHdf5.write(new NirGraph("1.0.7", nodes, edges), file);
        Network net = ModelLoader.read(file, w -> { throw new AssertionError(w); });
        NeuronParameters p = net.population(1).params();
        assertTrue(p.isDeltaReceptor(0));
        assertEquals(0.01, p.tauMem(), 0.0);
        assertEquals(2.0 * 0.2, p.leak(), 0.0);
        assertEquals(-0.1, p.reset(), 0.0);
        assertEquals((2.0 / 0.01) * 1.0 * 0.003, net.projection(0).weight(0), 0.0);
        // the first spike fires at once (0.4 + 0.6 = 1.0); after the reset to -0.1 the membrane
        // relaxes towards 0.4: 3 ms later it is 0.4 - 0.5 exp(-0.3) = 0.0296, and +0.6 stays below 1
        SpikeTrains out = new Simulator(net).run(SpikeTrains.builder(0.02).add("in", new int[2],
                new double[] {0.002, 0.005}).build()).spikes();
        assertArrayEquals(new double[] {0.002}, out.times("lif"), 0.0);
    }

    /** A Delay whose values differ per element gives a delay per synapse; pairs reached with different delays stay apart. */
    @Test
    void perElementDelaysBecomePerSynapseDelays() {
        Map<String, NirNode> n = BadNirInputTest.valid();
        n.put("d", node("d", "Delay", Map.of("delay", vec(0.001, 0.002, 0.001))));
        Network net = NirImport.toNetwork(new NirGraph("1.0.7", n, BadNirInputTest.edges()), "mem", w -> { });
        Projection pr = net.projection(0);
        assertTrue(pr.hasSynapseDelays());
        assertArrayEquals(new double[] {0.001, 0.002, 0.001, 0.001, 0.002, 0.001}, pr.delays(), 0.0);

        Map<String, NirNode> m = new LinkedHashMap<>();
        m.put("in", node("in", "Input", Map.of("shape", vec(1))));
        m.put("a", node("a", "Linear", Map.of("weight", new NdArray(new double[] {1, 2}, new int[] {2, 1}))));
        m.put("d", node("d", "Delay", Map.of("delay", vec(0.001, 0.002))));
        m.put("b", node("b", "Linear", Map.of("weight", new NdArray(new double[] {3, 4}, new int[] {1, 2}))));
        m.put("lif", node("lif", "LIF", Map.of("tau", vec(0.01), "r", vec(0.01), "v_leak", vec(0.0),
                "v_threshold", vec(1.0))));
        List<String[]> edges = List.of(new String[] {"in", "a"}, new String[] {"a", "d"}, new String[] {"d", "b"},
                new String[] {"b", "lif"});
        Network two = NirImport.toNetwork(new NirGraph("1.0.7", m, edges), "mem", w -> { });
        Projection p2 = two.projection(0);
        assertEquals(2, p2.synapseCount());
        assertArrayEquals(new double[] {0.001, 0.002}, p2.delays(), 0.0);
        assertArrayEquals(new double[] {3.0, 8.0}, p2.weights(), 0.0);
        // 3 at 1 ms then 8 at 2 ms: a jump of 3 alone fires, at 1 ms after the input spike
        SpikeTrains out = new Simulator(two).run(SpikeTrains.builder(0.01).add("in", new int[1], new double[] {0.004}).build())
                .spikes();
        assertArrayEquals(new double[] {0.005, 0.006}, out.times("lif"), 1e-17);
    }

    /** A recurrent LIF edge without a Delay: a spike could cause itself at its own instant; refused naming the projection. */
    @Test
    void aRecurrentLifWithoutDelayIsRefused() {
        Map<String, NirNode> m = new LinkedHashMap<>();
        m.put("in", node("in", "Input", Map.of("shape", vec(1))));
        m.put("w", node("w", "Linear", Map.of("weight", new NdArray(new double[] {1}, new int[] {1, 1}))));
        m.put("lif", node("lif", "LIF", Map.of("tau", vec(0.01), "r", vec(0.01), "v_leak", vec(0.0),
                "v_threshold", vec(1.0))));
        m.put("rec", node("rec", "Linear", Map.of("weight", new NdArray(new double[] {2}, new int[] {1, 1}))));
        List<String[]> edges = List.of(new String[] {"in", "w"}, new String[] {"w", "lif"}, new String[] {"lif", "rec"},
                new String[] {"rec", "lif"});
        org.eventsnn.core.io.FormatException e = assertThrows(org.eventsnn.core.io.FormatException.class,
                () -> NirImport.toNetwork(new NirGraph("1.0.7", m, edges), "rec.nir", w -> { }));
        assertTrue(e.getMessage().startsWith("rec.nir: projection 1 (lif -> lif) closes a cycle of zero-delay projections"),
                e.getMessage());
    }

    @Test
    void whatNirsLifCannotHoldIsRefusedNamingPopulationOrProjection() {
        NeuronParameters mixed = NeuronParameters.builder().receptors(new String[] {"syn", "d"}, new double[] {0.005, 0}).build();
        Network m = Network.builder().add(Population.input("in", 1)).add(Population.lif("mix", 1, mixed)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NirExport.graph(m, false, w -> { }));
        assertTrue(e.getMessage().startsWith("population mix: receptors [syn, d] mixing delta synapses (time constant 0)"
                + " and currents"), e.getMessage());
        List<String> warnings = new ArrayList<>();
        NirGraph lossy = NirExport.graph(m, true, warnings::add);
        assertEquals("CubaLIF", lossy.nodes().get("mix").type());
        assertEquals(0.005, lossy.nodes().get("mix").array("tau_syn").get(0), 0.0);
        assertEquals(1, warnings.size());

        NeuronParameters delta = NeuronParameters.builder().tauSyn(0).build();
        Network both = Network.builder().add(Population.input("in", 2)).add(Population.lif("p", 2, delta))
                .connectDense("in", "p", null, new double[][] {{0.001, 0.002}, {0.003, 0.001}}, new double[][] {{1, 1}, {1, 1}})
                .build();
        e = assertThrows(IllegalArgumentException.class, () -> NirExport.graph(both, false, w -> { }));
        assertTrue(e.getMessage().startsWith("projection 0 (in -> p): delays that differ between the synapses of one source"
                + " neuron and of one target neuron"), e.getMessage());
        warnings.clear();
        NirGraph g = NirExport.graph(both, true, warnings::add);
        assertEquals(1, warnings.size());
        assertFalse(g.nodes().containsKey("proj0_delay"));
        assertEquals(ModelFiles.toJson(both).toString(),
                ModelFiles.toJson(NirImport.toNetwork(g, "mem", w -> { throw new AssertionError(w); })).toString());
    }
}

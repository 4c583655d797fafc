package org.eventsnn.core.io.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.eventsnn.core.engine.SimulationLimitException;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NirRoundTripTest {
    @TempDir
    Path dir;

    /**
     * Any network (receptors with different time constants, refractory periods, initial
     * potentials, per-neuron parameters, recurrence, delays) written with --lossy and read back
     * is the same model file and gives the same spikes, bit for bit.
     */
    @Test
    void lossyExportAndImportGiveTheSameModelAndSpikes() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.network(seed);
            Network back = roundTrip(net, true, seed);
            assertEquals(ModelFiles.toJson(net).toString(), ModelFiles.toJson(back).toString(), "seed " + seed);
            assertSameSpikes(net, back, RandomNetworks.input(seed, net), seed);
        });
    }

    /**
     * Without the eventsnn metadata, the NIR nodes alone (CubaLIF with r = tau_syn, w_in = 1,
     * Linear, Delay) map back to the same parameters, weights, delays and spikes, bit for bit,
     * for every network NIR can express.
     */
    @Test
    void theNirNodesAloneMapBackExactly() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            Network net = expressible(seed);
            NirGraph g = stripMetadata(NirExport.graph(net, false, w -> { throw new AssertionError(w); }));
            List<String> warnings = new ArrayList<>();
            Network back = NirImport.toNetwork(g, "mem", warnings::add);
            assertTrue(warnings.isEmpty(), warnings.toString());
            assertEquals(net.populations().size(), back.populations().size());
            for (Population p : net.populations()) {
                Population q = back.population(back.populationIndex(p.name()));
                assertEquals(p.size(), q.size());
                assertEquals(p.isInput(), q.isInput());
                for (int i = 0; i < p.size() && !p.isInput(); i++) {
                    assertEquals(p.params(i), q.params(i), "seed " + seed + " " + p.name() + "[" + i + "]");
                }
            }
            assertEquals(net.projections().size(), back.projections().size());
            for (int j = 0; j < net.projections().size(); j++) {
                assertEquals(net.projection(j).delay(), back.projection(j).delay(), 0.0);
                assertArrayEquals(net.projection(j).weights(), back.projection(j).weights(), 0.0);
            }
            assertSameSpikes(net, back, RandomNetworks.input(seed, net), seed);
        });
    }

    @Test
    void featuresNirCannotHoldAreRefusedWithPopulationAndFeatureUnlessLossy() throws IOException {
        NeuronParameters refractory = NeuronParameters.builder().refractory(0.002).build();
        Network net = Network.builder().add(Population.input("in", 1)).add(Population.lif("hid", 2, refractory))
                .connectDense("in", "hid", null, 0.001, new double[][] {{1, 1}}).build();
        Path file = dir.resolve("x.nir");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NirExport.write(net, file, false, w -> { }));
        assertTrue(e.getMessage().startsWith("population hid: refractory period 0.002 s"), e.getMessage());
        assertFalse(Files.exists(file));
        NeuronParameters twoTaus = NeuronParameters.builder().receptors(new String[] {"exc", "inh"},
                new double[] {0.005, 0.01}).build();
        Network two = Network.builder().add(Population.input("in", 1)).add(Population.lif("p", 1, twoTaus)).build();
        e = assertThrows(IllegalArgumentException.class, () -> NirExport.write(two, file, false, w -> { }));
        assertTrue(e.getMessage().startsWith("population p: receptors [exc, inh] with different time constants"), e.getMessage());
        Network initial = Network.builder().add(Population.lif("v", 1, NeuronParameters.builder().build(), new double[] {0.3}))
                .build();
        e = assertThrows(IllegalArgumentException.class, () -> NirExport.write(initial, file, false, w -> { }));
        assertTrue(e.getMessage().startsWith("population v: initial membrane potential 0.3"), e.getMessage());
        List<String> warnings = new ArrayList<>();
        NirExport.write(net, file, true, warnings::add);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("population hid: refractory period 0.002 s"), warnings.get(0));
    }

    @Test
    void receptorsWithOneTimeConstantAreOneNirCurrent() {
        NeuronParameters same = NeuronParameters.builder().receptors(new String[] {"a", "b"}, new double[] {0.004, 0.004}).build();
        Network net = Network.builder().add(Population.input("in", 2)).add(Population.lif("p", 1, same))
                .connectDense("in", "p", "a", 0.0, new double[][] {{0.5}, {0.25}})
                .connectDense("in", "p", "b", 0.0, new double[][] {{-0.5}, {0.75}}).build();
        Network pure = NirImport.toNetwork(stripMetadata(NirExport.graph(net, false, w -> { })), "mem", w -> { });
        assertEquals(1, pure.population(1).params().receptorCount());
        assertEquals(0.004, pure.population(1).params().receptorTau(0), 0.0);
        SpikeTrains in = SpikeTrains.builder(0.05).add("in", new int[] {0, 1, 1}, new double[] {0.001, 0.002, 0.004}).build();
        assertSameSpikes(net, pure, in, 0);
    }

    @Test
    void aGraphWithoutEdgesRoundTrips() {
        Network net = Network.builder().add(Population.input("only", 3)).build();
        assertEquals(ModelFiles.toJson(net).toString(), ModelFiles.toJson(roundTrip(net, false, 1)).toString());
    }

    /** When another tool changed a parameter, the metadata is stale: import warns and maps the NIR nodes. */
    @Test
    void staleMetadataIsIgnoredWithAWarning() {
        Network net = expressible(11);
        NirGraph g = NirExport.graph(net, false, w -> { });
        Map<String, NirNode> nodes = new LinkedHashMap<>(g.nodes());
        NirNode hidden = nodes.get("hidden");
        Map<String, NdArray> arrays = new LinkedHashMap<>(hidden.arrays());
        double[] thr = arrays.get("v_threshold").values().clone();
        thr[0] += 0.25;
        arrays.put("v_threshold", NdArray.vector(thr));
        nodes.put("hidden", new NirNode("hidden", "CubaLIF", arrays, Map.of(), hidden.eventsnnMetadata()));
        List<String> warnings = new ArrayList<>();
        Network back = NirImport.toNetwork(new NirGraph(g.version(), nodes, g.edges()), "edited.nir", warnings::add);
        assertEquals(List.of("edited.nir: the eventsnn metadata does not match the NIR nodes (was the graph changed by"
                + " another tool?): mapping the NIR nodes instead"), warnings);
        assertEquals(thr[0], back.population(1).params(0).threshold(), 0.0);
    }

    private Network roundTrip(Network net, boolean lossy, long seed) {
        try {
            Path file = dir.resolve("net" + seed + ".nir");
            NirExport.write(net, file, lossy, w -> { });
            assertTrue(ModelLoader.isNir(file));
            List<String> warnings = new ArrayList<>();
            Network back = ModelLoader.read(file, warnings::add);
            assertTrue(warnings.isEmpty(), warnings.toString());
            Files.delete(file);
            return back;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NirGraph stripMetadata(NirGraph g) {
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        for (NirNode n : g.nodes().values()) {
            nodes.put(n.name(), new NirNode(n.name(), n.type(), n.arrays(), n.strings(), null));
        }
        return new NirGraph(g.version(), nodes, g.edges());
    }

    /** A random network NIR can express: one receptor, no refractory period, starting at rest; recurrence and delays. */
    static Network expressible(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int nIn = 1 + r.nextInt(5);
        int nHid = 1 + r.nextInt(6);
        int nOut = 1 + r.nextInt(4);
        NeuronParameters ph = oneReceptor(RandomNetworks.randomParams(r));
        NeuronParameters po = oneReceptor(RandomNetworks.randomParams(r));
        Network.Builder b = Network.builder().add(Population.input("in", nIn)).add(Population.lif("hidden", nHid, ph))
                .add(Population.lif("out", nOut, po));
        b.connectDense("in", "hidden", null, delay(r), RandomNetworks.weights(r, nIn, nHid, 1.5, 1.0));
        b.connectDense("hidden", "out", null, delay(r), RandomNetworks.weights(r, nHid, nOut, 1.0, 1.0));
        if (r.nextBoolean()) {
            b.connectDense("hidden", "hidden", null, delay(r), RandomNetworks.weights(r, nHid, nHid, 0.0, 0.6));
        }
        if (r.nextBoolean()) {
            b.connectDense("out", "hidden", null, delay(r), RandomNetworks.weights(r, nOut, nHid, 0.0, 0.6));
        }
        Network net = b.build();
        if (r.nextBoolean()) {
            NeuronParameters[] each = new NeuronParameters[nHid];
            for (int i = 0; i < nHid; i++) {
                each[i] = RandomNetworks.vary(r, ph);
            }
            net = net.withNeuronParams(1, each);
        }
        return net;
    }

    private static NeuronParameters oneReceptor(NeuronParameters p) {
        return p.toBuilder().tauSyn(p.receptorTau(0)).refractory(0).build();
    }

    private static double delay(SplittableRandom r) {
        return r.nextBoolean() ? 0.0 : r.nextDouble(0.0, 0.002);
    }

    static void assertSameSpikes(Network a, Network b, SpikeTrains in, long seed) {
        SpikeTrains sa;
        try {
            sa = new Simulator(a, 20_000).run(in).spikes();
        } catch (SimulationLimitException e) {
            assertThrows(SimulationLimitException.class, () -> new Simulator(b, 20_000).run(in));
            return;
        }
        SpikeTrains sb = new Simulator(b, 20_000).run(in).spikes();
        assertEquals(sa.populations(), sb.populations());
        for (String p : sa.populations()) {
            assertArrayEquals(sa.neurons(p), sb.neurons(p), "seed " + seed + " " + p);
            assertArrayEquals(sa.times(p), sb.times(p), 0.0, "seed " + seed + " " + p);
        }
    }
}

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
import org.eventsnn.core.solver.CrossingSolver;
import org.eventsnn.core.solver.LifDynamics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NIR's LIF and IF (delta synapses) and Delay nodes whose delay differs per element: import,
 * export and round trips (docs/nir.md).
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
            assertMapsBack(net, g, seed);
        });
        assertTrue(counts.lif > 80 && counts.vectorDelays > 20, counts.lif + " LIF nodes, " + counts.vectorDelays
                + " per-element delays");
    }

    /** {@code g} (without metadata) maps back to {@code net}'s parameters, weights, delays and spikes, bit for bit. */
    private static void assertMapsBack(Network net, NirGraph g, long seed) {
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
        return expressibleDelta(seed, false, 0);
    }

    /**
     * {@link #expressibleDelta(long)}, its neurons without leak (NIR's IF) when {@code noLeak};
     * "out" a readout that never fires (threshold Double.MAX_VALUE, reset 0) with a delta synapse
     * (NIR's LI) when {@code readout} is 1, or a current (NIR's CubaLI) when 2.
     */
    static Network expressibleDelta(long seed, boolean noLeak, int readout) {
        SplittableRandom r = new SplittableRandom(seed);
        int nIn = 1 + r.nextInt(4);
        int nHid = 1 + r.nextInt(5);
        int nOut = 1 + r.nextInt(3);
        NeuronParameters ph = DeltaNetworks.params(r, false, false).toBuilder().tauSyn(0).refractory(0).build();
        NeuronParameters po = DeltaNetworks.params(r, false, false).toBuilder().tauSyn(0).refractory(0).build();
        if (noLeak) {
            ph = ph.toBuilder().tauMem(CubaLifNode.NO_LEAK_TAU_MEM).leak(0).build();
            po = po.toBuilder().tauMem(CubaLifNode.NO_LEAK_TAU_MEM).leak(0).build();
        }
        if (readout > 0) {
            po = po.toBuilder().threshold(CubaLifNode.READOUT_THRESHOLD).reset(0)
                    .tauSyn(readout == 2 ? r.nextDouble(0.001, 0.02) : 0).build();
        }
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

    /**
     * The membrane of an IF neuron (tauMem Double.MAX_VALUE, leak 0, a delta synapse): its decay
     * factor is 1.0 exactly, so the potential keeps its bits between jumps, and the crossing
     * solver and the lazy bounds see no crossing without a jump (no NaN, no overflow, though
     * 1 / tauMem is subnormal).
     */
    @Test
    void aMembraneWithoutLeakKeepsItsBitsBetweenJumps() {
        NeuronParameters p = NeuronParameters.builder().tauMem(CubaLifNode.NO_LEAK_TAU_MEM).tauSyn(0).leak(0)
                .threshold(1.0).reset(-0.5).build();
        LifDynamics d = new LifDynamics(p);
        CrossingSolver s = new CrossingSolver(p);
        assertTrue(d.alpha() > 0 && d.alpha() < Double.MIN_NORMAL, "1 / tauMem = " + d.alpha());
        double[] none = new double[1];
        double[] spans = {Double.MIN_VALUE, 1e-300, 1e-12, 1e-3, 0.1, 1, 3600, 1e9, 1e100, 1e291};
        double[] potentials = {-0.5, -1e-300, -0.0, 0.0, 1e-300, 0.3, 0.7, Math.nextDown(1.0)};
        for (double dt : spans) {
            assertEquals(1.0, d.membraneDecay(dt), 0.0, "dt " + dt);
            for (double u : potentials) {
                String at = "u " + u + " dt " + dt;
                assertEquals(Double.doubleToRawLongBits(u), Double.doubleToRawLongBits(d.evolve(u, none, 0, dt, false)), at);
                assertEquals(Double.doubleToRawLongBits(u), Double.doubleToRawLongBits(d.membrane(u, none, 0, dt)), at);
                assertEquals(Double.POSITIVE_INFINITY, s.next(u, none, 0, dt), at);
                assertTrue(s.staysBelowFor(u, none, 0, dt) && s.staysBelowFor(u, 0.0, dt), at);
            }
        }
        for (double u : potentials) {
            assertEquals(Double.POSITIVE_INFINITY, s.next(u, none, 0, Double.POSITIVE_INFINITY), "u " + u);
            assertEquals(Double.POSITIVE_INFINITY, s.lowerBound(u, none, 0), "u " + u);
            assertFalse(s.reached(u), "u " + u);
        }
        assertTrue(s.reached(1.0));
        assertEquals(0.0, s.next(1.0, none, 0, 1.0), 0.0);
    }

    /**
     * Random IF graphs (Input -> Linear -> optional Delay -> IF -> Output, per-neuron r,
     * v_threshold, v_reset): eventsnn's spikes are exactly NIR's, computed independently here:
     * v starts at 0, keeps its value between Diracs (input gaps of up to 20 s), jumps by r W at
     * each, and fires and resets at the Dirac whose jump takes it to threshold (for some neurons
     * exactly onto it, so that a membrane that lost a bit in a gap would miss the spike).
     */
    @Test
    void ifGraphsSpikeExactlyWhereTheJumpSumsCrossThreshold() {
        int[] spikes = new int[2];
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            int nIn = 1 + rnd.nextInt(4);
            int nOut = 1 + rnd.nextInt(4);
            double[] w = new double[nOut * nIn];
            for (int k = 0; k < w.length; k++) {
                w[k] = rnd.nextDouble(-0.4, 0.8);
            }
            double[] r = new double[nOut];
            for (int j = 0; j < nOut; j++) {
                r[j] = rnd.nextBoolean() ? 1.0 : rnd.nextDouble(0.5, 2.0);
            }
            int n = 1 + rnd.nextInt(40);
            double[] times = new double[n];
            int[] ids = new int[n];
            double t = 0;
            for (int k = 0; k < n; k++) {
                t += rnd.nextInt(5) == 0 ? rnd.nextDouble(1, 20) : rnd.nextDouble(1e-4, 0.01);
                times[k] = t;
                ids[k] = rnd.nextInt(nIn);
            }
            double[] thr = new double[nOut];
            double[] reset = new double[nOut];
            for (int j = 0; j < nOut; j++) {
                thr[j] = rnd.nextDouble(0.5, 1.5);
                reset[j] = rnd.nextBoolean() ? 0.0 : rnd.nextDouble(-0.5, 0.4);
                // half the neurons: a threshold equal to the largest sum of jumps, which the membrane
                // meets exactly (and fires) only if it kept every bit through the gaps
                double v = 0;
                double top = 0;
                for (int k = 0; k < n && rnd.nextBoolean(); k++) {
                    v += r[j] * w[j * nIn + ids[k]];
                    top = Math.max(top, v);
                }
                if (top > 0 && rnd.nextBoolean()) {
                    thr[j] = top;
                    reset[j] = top - rnd.nextDouble(0.1, 1.0);
                }
            }
            double delay = rnd.nextBoolean() ? 0.0 : rnd.nextDouble(0.0001, 0.01);
            Map<String, NirNode> nodes = new LinkedHashMap<>();
            nodes.put("in", node("in", "Input", Map.of("shape", vec(nIn))));
            nodes.put("w", node("w", "Linear", Map.of("weight", new NdArray(w, new int[] {nOut, nIn}))));
            List<String[]> edges = new ArrayList<>();
            edges.add(new String[] {"in", "w"});
            if (delay > 0) {
                nodes.put("d", node("d", "Delay", Map.of("delay", vec(LinearOp.filled(nOut, delay)))));
                edges.add(new String[] {"w", "d"});
                edges.add(new String[] {"d", "if"});
            } else {
                edges.add(new String[] {"w", "if"});
            }
            nodes.put("if", node("if", "IF", Map.of("r", vec(r), "v_threshold", vec(thr), "v_reset", vec(reset))));
            nodes.put("out", node("out", "Output", Map.of("shape", vec(nOut))));
            edges.add(new String[] {"if", "out"});
            Network net = NirImport.toNetwork(new NirGraph("1.0.7", nodes, edges), "mem", x -> { throw new AssertionError(x); });

            double duration = t + 1;
            SpikeTrains out = new Simulator(net).run(SpikeTrains.builder(duration).add("in", ids, times).build()).spikes();
            for (int j = 0; j < nOut; j++) {
                List<Double> expected = new ArrayList<>();
                double v = 0;
                for (int k = 0; k < n; k++) {
                    v += r[j] * w[j * nIn + ids[k]];
                    if (v >= thr[j]) {
                        spikes[1] += v == thr[j] ? 1 : 0;
                        expected.add(times[k] + delay);
                        v = reset[j];
                    }
                }
                List<Double> actual = new ArrayList<>();
                for (int k = 0; k < out.count("if"); k++) {
                    if (out.neuron("if", k) == j) {
                        actual.add(out.time("if", k));
                    }
                }
                assertEquals(expected, actual, "seed " + seed + " neuron " + j);
                spikes[0] += expected.size();
            }
        });
        assertTrue(spikes[0] > 300 && spikes[1] > 15, spikes[0] + " spikes, " + spikes[1] + " exactly at threshold");
    }

    /**
     * Networks of IF populations (tauMem Double.MAX_VALUE, leak 0, delta synapses) export as NIR
     * IF nodes with r = 1; with metadata they read back as the same model file, and the nodes
     * alone map back to the same parameters, weights, delays and spikes, bit for bit.
     */
    @Test
    void ifPopulationsExportAsIfAndMapBackBitForBit() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            Network net = expressibleDelta(seed, true, 0);
            NirGraph g = NirExport.graph(net, false, w -> { throw new AssertionError(w); });
            for (String pop : List.of("hidden", "out")) {
                NirNode n = g.nodes().get(pop);
                assertEquals("IF", n.type());
                assertEquals(java.util.Set.of("r", "v_threshold", "v_reset"), n.arrays().keySet());
                assertArrayEquals(LinearOp.filled(n.array("r").size(), 1.0), n.array("r").values(), 0.0);
            }
            Network kept = NirImport.toNetwork(g, "mem", w -> { throw new AssertionError(w); });
            assertEquals(ModelFiles.toJson(net).toString(), ModelFiles.toJson(kept).toString(), "seed " + seed);
            assertMapsBack(net, NirRoundTripTest.stripMetadata(g), seed);
        });
    }

    /** A LIF population with a leak, or an IF one with a threshold at or below 0, stays a LIF node on export. */
    @Test
    void onlyLeaklessPopulationsAboveZeroThresholdExportAsIf() {
        NeuronParameters leaky = NeuronParameters.builder().tauMem(CubaLifNode.NO_LEAK_TAU_MEM).tauSyn(0).leak(0.1).build();
        NeuronParameters low = NeuronParameters.builder().tauMem(CubaLifNode.NO_LEAK_TAU_MEM).tauSyn(0).threshold(-0.1)
                .reset(-0.2).build();
        for (NeuronParameters q : List.of(leaky, low)) {
            Network m = Network.builder().add(Population.input("in", 1)).add(Population.lif("p", 1, q)).build();
            NirGraph g = NirExport.graph(m, false, w -> { throw new AssertionError(w); });
            assertEquals("LIF", g.nodes().get("p").type());
            assertEquals(q, NirImport.toNetwork(NirRoundTripTest.stripMetadata(g), "mem", w -> { }).population(1).params());
        }
    }

    /** An IF node reached by a bias, or with a threshold at or below 0 (v starts at 0), is refused with one line. */
    @Test
    void whatEventsnnsIfCannotHoldIsRefused() {
        Map<String, NirNode> m = new LinkedHashMap<>();
        m.put("in", node("in", "Input", Map.of("shape", vec(1))));
        m.put("aff", node("aff", "Affine", Map.of("weight", new NdArray(new double[] {0.5}, new int[] {1, 1}),
                "bias", vec(0.25))));
        m.put("if", node("if", "IF", Map.of("r", vec(2.0), "v_threshold", vec(1.0))));
        List<String[]> edges = List.of(new String[] {"in", "aff"}, new String[] {"aff", "if"});
        org.eventsnn.core.io.FormatException e = assertThrows(org.eventsnn.core.io.FormatException.class,
                () -> NirImport.toNetwork(new NirGraph("1.0.7", m, edges), "if.nir", w -> { }));
        assertEquals("if.nir: node if (IF): neuron 0: a bias reaches this IF neuron (constant input 0.25): without leak"
                + " it is a steady drift dv/dt = r c, which eventsnn cannot represent (a bias shifts the leak, and IF has"
                + " none)", e.getMessage());
        m.put("aff", node("aff", "Linear", Map.of("weight", new NdArray(new double[] {0.5}, new int[] {1, 1}))));
        m.put("if", node("if", "IF", Map.of("r", vec(2.0), "v_threshold", vec(0.0), "v_reset", vec(-1.0))));
        e = assertThrows(org.eventsnn.core.io.FormatException.class,
                () -> NirImport.toNetwork(new NirGraph("1.0.7", m, edges), "if.nir", w -> { }));
        assertTrue(e.getMessage().startsWith("if.nir: node if (IF): v_threshold = 0.0: an IF neuron starts at v = 0"),
                e.getMessage());
        m.put("if", node("if", "IF", Map.of("r", vec(2.0), "v_threshold", vec(1.0), "tau", vec(0.01))));
        e = assertThrows(org.eventsnn.core.io.FormatException.class,
                () -> NirImport.toNetwork(new NirGraph("1.0.7", m, edges), "if.nir", w -> { }));
        assertTrue(e.getMessage().startsWith("if.nir: node if (IF): tau: unknown IF parameter"), e.getMessage());
    }

    /** An IF graph written in NIR's layout and read from the file: weight r W, v_reset 0 when absent, no leak. */
    @Test
    void anIfFileImportsWithWeightRWAndNoLeak() throws IOException {
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        nodes.put("in", node("in", "Input", Map.of("shape", vec(1))));
        nodes.put("w", node("w", "Linear", Map.of("weight", new NdArray(new double[] {0.3}, new int[] {1, 1}))));
        nodes.put("if", node("if", "IF", Map.of("r", vec(1.5), "v_threshold", vec(1.0))));
        List<String[]> edges = List.of(new String[] {"in", "w"}, new String[] {"w", "if"});
        Path file = dir.resolve("if.nir");
        NirHdf5.write(new NirGraph("1.0.7", nodes, edges), file);
        Network net = ModelLoader.read(file, w -> { throw new AssertionError(w); });
        NeuronParameters p = net.population(1).params();
        assertTrue(p.isDeltaReceptor(0));
        assertEquals(Double.MAX_VALUE, p.tauMem(), 0.0);
        assertEquals(0.0, p.leak(), 0.0);
        assertEquals(0.0, p.reset(), 0.0);
        assertEquals(1.5 * 0.3, net.projection(0).weight(0), 0.0);
        // jumps of 0.45: the third reaches 1.35 >= 1 however far apart the inputs are (no leak)
        SpikeTrains out = new Simulator(net).run(SpikeTrains.builder(500).add("in", new int[6],
                new double[] {1, 100, 300, 300.5, 301, 499}).build()).spikes();
        assertArrayEquals(new double[] {300, 499}, out.times("if"), 0.0);
    }

    /**
     * Networks whose output population never fires (threshold Double.MAX_VALUE, reset 0) export
     * it as NIR's LI (delta synapse), CubaLI (current) or, without leak, I (Integrator), and map
     * back bit for bit, with metadata
     * and from the nodes alone; the readout stays silent however strongly it is driven.
     */
    @Test
    void readoutsExportAsLiOrCubaLiOrIAndMapBackBitForBit() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            int kind = 1 + (int) Math.floorMod(seed, 3L);
            boolean integrator = kind == 3;
            Network net = expressibleDelta(seed, integrator, integrator ? 1 : kind);
            NirGraph g = NirExport.graph(net, false, w -> { throw new AssertionError(w); });
            NirNode out = g.nodes().get("out");
            assertEquals(integrator ? "I" : kind == 1 ? "LI" : "CubaLI", out.type());
            assertEquals(integrator ? java.util.Set.of("r") : kind == 1 ? java.util.Set.of("tau", "r", "v_leak")
                    : java.util.Set.of("tau_syn", "tau_mem", "r", "v_leak", "w_in"), out.arrays().keySet());
            assertEquals(integrator ? "IF" : "LIF", g.nodes().get("hidden").type());
            Network kept = NirImport.toNetwork(g, "mem", w -> { throw new AssertionError(w); });
            assertEquals(ModelFiles.toJson(net).toString(), ModelFiles.toJson(kept).toString(), "seed " + seed);
            assertMapsBack(net, NirRoundTripTest.stripMetadata(g), seed);
        });
    }

    /**
     * A hand-written LI graph: tau 0.01, r 2, v_leak 0.1, an Affine bias 0.2: a LIF population
     * with a delta synapse, weight (r / tau) W, leak v_leak + r b, and a threshold it never
     * reaches (no spike under 1000 inputs that each jump v by 200); an LI node whose trace would
     * feed another population is refused.
     */
    @Test
    void anLiGraphIsASilentLifAndItsTraceGoesOnlyToOutput() {
        Map<String, NirNode> m = new LinkedHashMap<>();
        m.put("in", node("in", "Input", Map.of("shape", vec(1))));
        m.put("aff", node("aff", "Affine", Map.of("weight", new NdArray(new double[] {1.0}, new int[] {1, 1}),
                "bias", vec(0.2))));
        m.put("li", node("li", "LI", Map.of("tau", vec(0.01), "r", vec(2.0), "v_leak", vec(0.1))));
        m.put("out", node("out", "Output", Map.of("shape", vec(1))));
        List<String[]> edges = List.of(new String[] {"in", "aff"}, new String[] {"aff", "li"}, new String[] {"li", "out"});
        Network net = NirImport.toNetwork(new NirGraph("1.0.7", m, edges), "li.nir", w -> { throw new AssertionError(w); });
        NeuronParameters p = net.population(1).params();
        assertTrue(p.isDeltaReceptor(0));
        assertEquals(0.01, p.tauMem(), 0.0);
        assertEquals(0.1 + (2.0 * 1.0) * 0.2, p.leak(), 0.0);
        assertEquals(Double.MAX_VALUE, p.threshold(), 0.0);
        assertEquals((2.0 / 0.01) * 1.0 * 1.0, net.projection(0).weight(0), 0.0);
        double[] times = new double[1000];
        for (int k = 0; k < times.length; k++) {
            times[k] = 1e-5 * (k + 1);
        }
        SpikeTrains s = new Simulator(net).run(SpikeTrains.builder(0.02).add("in", new int[times.length], times).build())
                .spikes();
        assertEquals(0, s.count("li"));

        Map<String, NirNode> fed = new LinkedHashMap<>(m);
        fed.put("w", node("w", "Linear", Map.of("weight", new NdArray(new double[] {1.0}, new int[] {1, 1}))));
        fed.put("lif", node("lif", "LIF", Map.of("tau", vec(0.01), "r", vec(0.01), "v_leak", vec(0.0),
                "v_threshold", vec(1.0))));
        List<String[]> more = new ArrayList<>(edges);
        more.add(new String[] {"li", "w"});
        more.add(new String[] {"w", "lif"});
        org.eventsnn.core.io.FormatException e = assertThrows(org.eventsnn.core.io.FormatException.class,
                () -> NirImport.toNetwork(new NirGraph("1.0.7", fed, more), "li.nir", w -> { }));
        assertEquals("li.nir: node/edges[3]: dst = \"w\": a LI node (li) outputs its membrane trace, which eventsnn can"
                + " pass only to an Output node (its populations exchange spikes)", e.getMessage());
    }

    /**
     * A hand-written Integrator graph (dv/dt = r I, no leak, no spikes): a delta-synapse
     * population with the leak-free membrane of IF ({@code tauMem} {@link CubaLifNode#NO_LEAK_TAU_MEM},
     * leak 0), weight r W, a threshold it never reaches; a bias into it is refused (a steady
     * drift without leak).
     */
    @Test
    void anIntegratorGraphIsALeakFreeSilentPopulation() {
        Map<String, NirNode> m = new LinkedHashMap<>();
        m.put("in", node("in", "Input", Map.of("shape", vec(1))));
        m.put("w", node("w", "Linear", Map.of("weight", new NdArray(new double[] {0.7}, new int[] {1, 1}))));
        m.put("acc", node("acc", "I", Map.of("r", vec(2.0))));
        m.put("out", node("out", "Output", Map.of("shape", vec(1))));
        List<String[]> edges = List.of(new String[] {"in", "w"}, new String[] {"w", "acc"}, new String[] {"acc", "out"});
        Network net = NirImport.toNetwork(new NirGraph("1.0.7", m, edges), "i.nir", w -> { throw new AssertionError(w); });
        NeuronParameters p = net.population(1).params();
        assertTrue(p.isDeltaReceptor(0));
        assertEquals(CubaLifNode.NO_LEAK_TAU_MEM, p.tauMem(), 0.0);
        assertEquals(0.0, p.leak(), 0.0);
        assertEquals(CubaLifNode.READOUT_THRESHOLD, p.threshold(), 0.0);
        assertEquals(2.0 * 1.0 * 0.7, net.projection(0).weight(0), 0.0);
        double[] times = new double[1000];
        for (int k = 0; k < times.length; k++) {
            times[k] = 1e-3 * (k + 1);
        }
        SpikeTrains s = new Simulator(net).run(SpikeTrains.builder(2.0).add("in", new int[times.length], times).build())
                .spikes();
        assertEquals(0, s.count("acc"));
        NirGraph back = NirExport.graph(net, false, w -> { throw new AssertionError(w); });
        assertEquals("I", back.nodes().get("acc").type());
        assertEquals(java.util.Set.of("r"), back.nodes().get("acc").arrays().keySet());

        Map<String, NirNode> biased = new LinkedHashMap<>(m);
        biased.put("w", node("w", "Affine", Map.of("weight", new NdArray(new double[] {0.7}, new int[] {1, 1}),
                "bias", vec(0.1))));
        org.eventsnn.core.io.FormatException e = assertThrows(org.eventsnn.core.io.FormatException.class,
                () -> NirImport.toNetwork(new NirGraph("1.0.7", biased, edges), "i.nir", w -> { }));
        assertTrue(e.getMessage().contains("a bias reaches this I neuron"), e.getMessage());
    }
}

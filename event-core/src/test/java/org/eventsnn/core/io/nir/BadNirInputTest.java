package org.eventsnn.core.io.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventsnn.core.io.FormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed NIR file is one line naming file, node, field and value. */
class BadNirInputTest {
    @TempDir
    Path dir;

    /** in(2) -> w(Linear 3x2) -> d(Delay) -> lif(CubaLIF 3) -> out(Output). */
    static Map<String, NirNode> valid() {
        Map<String, NirNode> n = new LinkedHashMap<>();
        n.put("in", node("in", "Input", Map.of("shape", NdArray.vector(new double[] {2}))));
        n.put("w", node("w", "Linear", Map.of("weight", new NdArray(new double[] {1, 2, 3, 4, 5, 6}, new int[] {3, 2}))));
        n.put("d", node("d", "Delay", Map.of("delay", NdArray.vector(new double[] {0.001, 0.001, 0.001}))));
        n.put("lif", node("lif", "CubaLIF", cubaLif(3)));
        n.put("out", node("out", "Output", Map.of("shape", NdArray.vector(new double[] {3}))));
        return n;
    }

    static List<String[]> edges() {
        List<String[]> e = new ArrayList<>();
        e.add(new String[] {"in", "w"});
        e.add(new String[] {"w", "d"});
        e.add(new String[] {"d", "lif"});
        e.add(new String[] {"lif", "out"});
        return e;
    }

    static Map<String, NdArray> cubaLif(int n) {
        Map<String, NdArray> m = new LinkedHashMap<>();
        m.put("tau_syn", NdArray.vector(LinearOp.filled(n, 5e-3)));
        m.put("tau_mem", NdArray.vector(LinearOp.filled(n, 1e-2)));
        m.put("r", NdArray.vector(LinearOp.filled(n, 1.0)));
        m.put("v_leak", NdArray.vector(LinearOp.filled(n, 0.0)));
        m.put("v_threshold", NdArray.vector(LinearOp.filled(n, 1.0)));
        return m;
    }

    static NirNode node(String name, String type, Map<String, NdArray> arrays) {
        return new NirNode(name, type, arrays, Map.of(), null);
    }

    private String failure(String version, Map<String, NirNode> nodes, List<String[]> edges) throws IOException {
        Path file = dir.resolve("bad.nir");
        NirHdf5.write(new NirGraph(version, nodes, edges), file);
        FormatException e = assertThrows(FormatException.class, () -> ModelLoader.read(file, w -> { }));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage().substring(file.toString().length() + 2);
    }

    @Test
    void theValidGraphImports() throws IOException {
        Path file = dir.resolve("ok.nir");
        NirHdf5.write(new NirGraph("1.0.7", valid(), edges()), file);
        assertEquals(3, ModelLoader.read(file, w -> { }).population(1).size());
    }

    @Test
    void aFileThatIsNotHdf5IsNotReadAsNir() throws IOException {
        Path file = dir.resolve("text.nir");
        Files.writeString(file, "not hdf5");
        FormatException e = assertThrows(FormatException.class, () -> NirImport.read(file, w -> { }));
        assertEquals(file + ": not an HDF5 file (no HDF5 signature), so not a NIR file", e.getMessage());
        // the loader reads any non-HDF5 file as eventsnn JSON, whatever its name
        e = assertThrows(FormatException.class, () -> ModelLoader.read(file, w -> { }));
        assertTrue(e.getMessage().startsWith(file + ": malformed JSON"), e.getMessage());
    }

    @Test
    void aTruncatedHdf5FileIsOneLine() throws IOException {
        Path good = dir.resolve("ok.nir");
        NirHdf5.write(new NirGraph("1.0.7", valid(), edges()), good);
        byte[] all = Files.readAllBytes(good);
        Path file = dir.resolve("cut.nir");
        Files.write(file, java.util.Arrays.copyOf(all, 600));
        FormatException e = assertThrows(FormatException.class, () -> ModelLoader.read(file, w -> { }));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    /**
     * A cut HDF5 file's headers point past its end, with sizes read from whatever bytes are there;
     * reading them from the file allocated buffers of those sizes (a cut of {@code lif_norse.nir}
     * after 688 bytes allocated 1.3 GB and took seconds before failing). Every cut fails at once,
     * allocating little, or reads the whole file's model (a cut of bytes nothing points to).
     */
    @Test
    void everyCutOfAFileFailsWithoutAllocatingWhatItsHeadersClaim() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Path file = dir.resolve("cut.nir");
        for (String name : List.of("lif_norse.nir", "eventsnn_written.nir")) {
            Path good = Path.of(BadNirInputTest.class.getResource("/nir/" + name).toURI());
            byte[] all = Files.readAllBytes(good);
            String whole = org.eventsnn.core.io.ModelFiles.toJson(ModelLoader.read(good, w -> { })).toString();
            for (int n = 8; n < all.length; n += 8) {
                Files.write(file, java.util.Arrays.copyOf(all, n));
                long before = threads.getCurrentThreadAllocatedBytes();
                try {
                    assertEquals(whole, org.eventsnn.core.io.ModelFiles.toJson(ModelLoader.read(file, w -> { })).toString(),
                            name + " cut at " + n);
                } catch (FormatException e) {
                    assertTrue(e.getMessage().startsWith(file + ": ") && !e.getMessage().contains("\n"), e.getMessage());
                }
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                assertTrue(allocated < (64 << 20), name + " cut at " + n + ": allocated " + allocated + " bytes");
            }
        }
    }

    @Test
    void unsupportedVersion() throws IOException {
        assertEquals("version = \"2.0.0\": unsupported NIR version (eventsnn reads 0.x and 1.x)", failure("2.0.0", valid(), edges()));
    }

    @Test
    void unsupportedAndRefusedNodeTypes() throws IOException {
        Map<String, NirNode> n = valid();
        n.put("lif", node("lif", "Fancy", cubaLif(3)));
        assertEquals("node lif: type = \"Fancy\": unsupported NIR node type", failure("1.0.7", n, edges()));
        n.put("lif", node("lif", "NIRGraph", Map.of()));
        assertTrue(failure("1.0.7", n, edges()).startsWith("node lif: type = \"NIRGraph\": nested graphs are not supported"));
    }

    @Test
    void shapeMismatches() throws IOException {
        Map<String, NirNode> n = valid();
        n.put("w", node("w", "Linear", Map.of("weight", new NdArray(new double[] {1, 2, 3}, new int[] {1, 3}))));
        assertEquals("node w (Linear): weight = shape [1, 3]: takes 3 inputs but its input has shape [2]", failure("1.0.7", n, edges()));
        n = valid();
        n.put("d", node("d", "Delay", Map.of("delay", NdArray.vector(new double[] {0.001, 0.001}))));
        assertEquals("node d (Delay): delay = shape [2]: its input has shape [3]", failure("1.0.7", n, edges()));
        n = valid();
        Map<String, NdArray> c = new LinkedHashMap<>(cubaLif(3));
        c.put("tau_mem", NdArray.vector(LinearOp.filled(2, 1e-2)));
        n.put("lif", node("lif", "CubaLIF", c));
        assertEquals("node lif (CubaLIF): tau_mem = shape [2]: v_threshold has shape [3]", failure("1.0.7", n, edges()));
        n = valid();
        n.put("out", node("out", "Output", Map.of("shape", NdArray.vector(new double[] {4}))));
        assertEquals("edge to node out (Output): its input has shape [3] but the node has shape [4]", failure("1.0.7", n, edges()));
    }

    @Test
    void nanAndNegativeTimeConstants() throws IOException {
        for (double bad : new double[] {Double.NaN, -0.005, 0.0}) {
            Map<String, NirNode> n = valid();
            Map<String, NdArray> c = new LinkedHashMap<>(cubaLif(3));
            c.put("tau_syn", NdArray.vector(new double[] {5e-3, bad, 5e-3}));
            n.put("lif", node("lif", "CubaLIF", c));
            assertEquals("node lif (CubaLIF): tau_syn[1] = " + bad + ": a time constant must be a finite number > 0",
                    failure("1.0.7", n, edges()));
        }
        Map<String, NirNode> n = valid();
        n.put("d", node("d", "Delay", Map.of("delay", NdArray.vector(LinearOp.filled(3, -0.001)))));
        assertEquals("node d (Delay): delay[0] = -0.001: a delay must be >= 0", failure("1.0.7", n, edges()));
    }

    @Test
    void edgeToAMissingNode() throws IOException {
        List<String[]> e = edges();
        e.add(new String[] {"lif", "ghost"});
        assertEquals("node/edges[4]: dst = \"ghost\": no such node", failure("1.0.7", valid(), e));
    }

    @Test
    void cycleOfNonSpikingNodes() throws IOException {
        Map<String, NirNode> n = valid();
        n.put("s", node("s", "Scale", Map.of("scale", NdArray.vector(LinearOp.filled(3, 0.5)))));
        List<String[]> e = edges();
        e.add(new String[] {"d", "s"});
        e.add(new String[] {"s", "d"});
        String m = failure("1.0.7", n, e);
        assertTrue(m.matches("node (d|s): on a cycle of non-spiking nodes .*"), m);
    }

    @Test
    void thresholdAfterAWeightedSumIsRefused() throws IOException {
        Map<String, NirNode> n = valid();
        n.put("t", node("t", "Threshold", Map.of("threshold", NdArray.vector(LinearOp.filled(3, 0.5)))));
        List<String[]> e = edges();
        e.set(2, new String[] {"d", "t"});
        e.add(new String[] {"t", "lif"});
        assertTrue(failure("1.0.7", n, e).startsWith("node t (Threshold): threshold: a Threshold is supported only directly on spike trains"));
    }

    /** An Affine without input edges outputs its bias, a constant current: the target's leak moves by r w_in b. */
    @Test
    void anAffineWithoutInputIsAConstantCurrent() throws IOException {
        Map<String, NirNode> n = valid();
        n.put("b", new NirNode("b", "Affine", Map.of("weight", new NdArray(new double[] {0, 0, 0}, new int[] {3, 1}),
                "bias", NdArray.vector(new double[] {0.5, 0, -0.25})), Map.of(), null));
        List<String[]> e = edges();
        e.add(new String[] {"b", "lif"});
        Path file = dir.resolve("b.nir");
        NirHdf5.write(new NirGraph("1.0.7", n, e), file);
        org.eventsnn.core.model.Population lif = ModelLoader.read(file, x -> { }).population(1);
        assertEquals(0.5, lif.params(0).leak(), 0.0);
        assertEquals(0.0, lif.params(1).leak(), 0.0);
        assertEquals(-0.25, lif.params(2).leak(), 0.0);
    }

    @Test
    void thresholdRightAfterSpikesPassesThem() throws IOException {
        Map<String, NirNode> n = valid();
        n.put("t", node("t", "Threshold", Map.of("threshold", NdArray.vector(LinearOp.filled(2, 0.5)))));
        List<String[]> e = edges();
        e.set(0, new String[] {"in", "t"});
        e.add(new String[] {"t", "w"});
        Path file = dir.resolve("t.nir");
        NirHdf5.write(new NirGraph("1.0.7", n, e), file);
        double[] w = ModelLoader.read(file, x -> { }).projection(0).weights();
        assertEquals(1.0 / 5e-3 * 1.0, w[0], 1e-12); // weight[0][0] = 1 times (r / tau_syn) w_in
    }
}

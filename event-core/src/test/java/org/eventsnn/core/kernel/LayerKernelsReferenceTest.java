package org.eventsnn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.io.SpikeFiles;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/**
 * The layer kernels against the 50-digit references of the engine's tests
 * ({@code reference-spikes/}, see ReferenceSpikesTest): they accept exactly the two networks
 * with {@code tauSyn = tauMem}, feed-forward and without delays, {@code ff2_r1_2} and
 * {@code ff2_r1_3}; every spike within 1e-12 s of its reference (the largest error is
 * {@code 2.6e-18 s}, the queue's {@code 8.7e-19 s}). {@code ff2_r1_2}'s window is 10 of its tauMem, which the kernels refuse;
 * on its first 8 tauMem, which holds every reference spike (the last at 4.2 ms of 40), they run.
 */
class LayerKernelsReferenceTest {
    private static final double BUDGET = 1e-12;

    @Test
    void theKernelsAcceptExactlyTheFeedForwardReferencesWithEqualTaus() throws Exception {
        List<String> accepted = new ArrayList<>();
        for (String name : fixtures()) {
            if (LayerKernels.unsuitedReason(network(load(name), name)) == null) {
                accepted.add(name);
            }
        }
        assertEquals(List.of("ff2_r1_2", "ff2_r1_3"), accepted);
    }

    @Test
    void spikeTimesMatchTheReferences() throws Exception {
        for (String name : new String[] {"ff2_r1_2", "ff2_r1_3"}) {
            JsonNode fixture = load(name);
            Network net = network(fixture, name);
            SpikeTrains input = SpikeFiles.fromJson(fixture.get("input"), name);
            LayerKernels kernels = new LayerKernels(net);
            double window = LayerKernels.MAX_WINDOW_IN_TAU_MEM * KernelDraws.shortestTauMem(net);
            if (input.duration() > window) {
                assertFalse(kernels.run(input), name + ": a window longer than 8 tauMem");
                input = input.withDuration(window);
            }
            assertTrue(kernels.run(input), name);
            check(name, fixture.get("expected"), net, kernels, input.duration());
        }
    }

    /** Asserts every population's spikes against the reference's up to the window's end. */
    private static void check(String name, JsonNode expected, Network net, LayerKernels kernels, double end) {
        for (int p : kernels.order()) {
            String pop = net.population(p).name();
            JsonNode e = expected.get(pop);
            assertNotNull(e, name + ": no reference for " + pop);
            List<double[]> spikes = new ArrayList<>(); // time, neuron
            for (int h = 0; h < net.population(p).size(); h++) {
                for (int c = 0; c < kernels.spikeCount(p, h); c++) {
                    spikes.add(new double[] {kernels.spikeTime(p, h, c), h});
                }
            }
            spikes.sort((a, b) -> Double.compare(a[0], b[0]));
            int n = 0;
            while (n < e.get("time").size() && new BigDecimal(e.get("time").get(n).asText()).doubleValue() <= end) {
                n++;
            }
            assertEquals(n, spikes.size(), name + ": spike count of " + pop);
            for (int i = 0; i < n; i++) {
                double ref = new BigDecimal(e.get("time").get(i).asText()).doubleValue();
                double err = Math.abs(spikes.get(i)[0] - ref);
                assertEquals(e.get("neuron").get(i).asInt(), (int) spikes.get(i)[1], name + ": neuron of spike " + i + " of " + pop);
                assertTrue(err <= BUDGET, name + ": spike " + i + " of " + pop + " at " + spikes.get(i)[0] + ", reference "
                        + ref + ", error " + err);
            }
        }
    }

    private static List<String> fixtures() throws URISyntaxException, java.io.IOException {
        Path dir = Path.of(LayerKernelsReferenceTest.class.getResource("/reference-spikes").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - 5)).sorted().toList();
            assertTrue(names.size() >= 20, "reference fixtures found: " + names);
            return names;
        }
    }

    private static Network network(JsonNode fixture, String name) {
        return ModelFiles.fromJson(fixture.get("model"), name);
    }

    private static JsonNode load(String name) throws Exception {
        try (InputStream in = LayerKernelsReferenceTest.class.getResourceAsStream("/reference-spikes/" + name + ".json")) {
            return Json.mapper().readTree(in);
        }
    }
}

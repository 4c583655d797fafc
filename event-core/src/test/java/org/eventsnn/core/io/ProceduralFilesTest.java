package org.eventsnn.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.ProceduralConnectivity;
import org.eventsnn.core.model.Sampler;
import org.junit.jupiter.api.Test;

/** The model file's {@code procedural} projections, exactly as issue 20 writes them. */
class ProceduralFilesTest {
    private static final String POPULATIONS = "\"populations\": [{\"name\": \"L4e\", \"type\": \"lif\", \"size\": 40,"
            + " \"params\": {\"receptors\": {\"exc\": 0.0005, \"inh\": 0.0005}}},"
            + " {\"name\": \"L23e\", \"type\": \"lif\", \"size\": 50, \"params\": {\"receptors\": {\"exc\": 0.0005, \"inh\": 0.0005}}}]";
    private static final String ISSUE_EXAMPLE = "{\"source\": \"L4e\", \"target\": \"L23e\", \"receptor\": \"exc\","
            + " \"procedural\": {\"rule\": \"pairwise-bernoulli\", \"probability\": 0.0443, \"seed\": 11,"
            + " \"weight\": {\"mean\": 3.51, \"sd\": 0.351}, \"delay\": {\"mean\": 0.0015, \"sd\": 0.00075, \"min\": 0.0001}%s}}";

    private static Network read(String projection) throws Exception {
        return ModelFiles.fromJson(Json.mapper().readTree("{\"format\": \"eventsnn-model\", \"version\": 1, " + POPULATIONS
                + ", \"projections\": [" + projection + "]}"), "m.json");
    }

    @Test
    void theIssuesExampleReadsAndWritesBack() throws Exception {
        Network generated = read(String.format(ISSUE_EXAMPLE, ""));
        ProceduralConnectivity rule = generated.projection(0).procedural();
        assertFalse(generated.projection(0).isStored());
        assertEquals(0.0443, rule.probability());
        assertEquals(11, rule.seed());
        assertEquals(0.351, rule.weightSd());
        assertEquals(0.0001, rule.delayMin());
        assertEquals(0.0001, generated.minDelay());
        JsonNode written = ModelFiles.toJson(generated).get("projections").get(0);
        assertEquals(0.00075, written.get("procedural").get("delay").get("sd").asDouble());
        assertFalse(written.get("procedural").has("store"));
        Network stored = read(String.format(ISSUE_EXAMPLE, ", \"store\": true"));
        assertTrue(stored.projection(0).isStored());
        assertTrue(stored.projection(0).synapseCount() > 40, "about 0.0443 x 40 x 50 = 89 synapses");
        assertTrue(ModelFiles.toJson(stored).get("projections").get(0).get("procedural").get("store").asBoolean());
        Network again = ModelFiles.fromJson(ModelFiles.toJson(stored), "again");
        assertEquals(stored.projection(0).synapseCount(), again.projection(0).synapseCount());
        // changed weights (training) or delays are no longer the rule's: written as an explicit list
        double[] w = stored.projection(0).weights();
        w[0] = 100;
        Network trained = stored.withWeights(0, w);
        JsonNode list = ModelFiles.toJson(trained).get("projections").get(0);
        assertFalse(list.has("procedural"));
        assertEquals(100.0, list.get("connections").get("weight").get(0).asDouble());
        assertEquals(stored.projection(0).delay(3), list.get("delays").get(3).asDouble());
        Network delayed = stored.withDelays(0, stored.projection(0).delays());
        assertFalse(ModelFiles.toJson(delayed).get("projections").get(0).has("procedural"));
    }

    @Test
    void fixedValuesNeedNoSd() throws Exception {
        Network net = read("{\"source\": \"L4e\", \"target\": \"L23e\", \"receptor\": \"inh\", \"procedural\":"
                + " {\"rule\": \"pairwise-bernoulli\", \"probability\": 0.5, \"seed\": 2, \"weight\": -1.5,"
                + " \"delay\": {\"mean\": 0.001}, \"store\": true}}");
        assertFalse(net.projection(0).hasSynapseDelays());
        assertEquals(0.001, net.projection(0).delay());
        for (int s = 0; s < net.projection(0).synapseCount(); s++) {
            assertEquals(-1.5, net.projection(0).weight(s));
        }
    }

    @Test
    void float32PrecisionStoresFourBytesPerValueAndWritesBack() throws Exception {
        Network plain = read(String.format(ISSUE_EXAMPLE, ", \"store\": true"));
        Network single = read(String.format(ISSUE_EXAMPLE, ", \"store\": true, \"precision\": \"float32\""));
        assertEquals(ProceduralConnectivity.Precision.FLOAT32, single.projection(0).procedural().precision());
        assertEquals(plain.projection(0).synapseCount(), single.projection(0).synapseCount());
        for (int s = 0; s < plain.projection(0).synapseCount(); s++) {
            assertEquals((float) plain.projection(0).weight(s), single.projection(0).weight(s));
            assertEquals((float) plain.projection(0).delay(s), single.projection(0).delay(s));
        }
        // the same layout, each weight and delay in 4 bytes instead of 8
        assertEquals(plain.projection(0).storedBytes() - 8L * plain.projection(0).synapseCount(),
                single.projection(0).storedBytes(), single.projection(0).storage());
        JsonNode written = ModelFiles.toJson(single).get("projections").get(0).get("procedural");
        assertEquals("float32", written.get("precision").asText());
        assertFalse(ModelFiles.toJson(plain).get("projections").get(0).get("procedural").has("precision"),
                "float64 is the default and is not written");
        Network again = ModelFiles.fromJson(ModelFiles.toJson(single), "again");
        assertEquals(single.projection(0).delay(7), again.projection(0).delay(7));
        String bad = error("\"rule\": \"pairwise-bernoulli\", \"probability\": 0.1, \"seed\": 1, \"weight\": 1,"
                + " \"precision\": \"half\"");
        assertTrue(bad.contains("procedural.precision = \"half\""), bad);
        String range = error("\"rule\": \"pairwise-bernoulli\", \"probability\": 0.1, \"seed\": 1, \"weight\": 1e39,"
                + " \"precision\": \"float32\"");
        assertTrue(range.contains("float32 range"), range);
    }

    @Test
    void theSamplerIsReadWrittenBackAndDrawsOtherSynapses() throws Exception {
        Network inversion = read(String.format(ISSUE_EXAMPLE, ", \"store\": true"));
        Network zig = read(String.format(ISSUE_EXAMPLE, ", \"store\": true, \"sampler\": \"ziggurat\""));
        assertEquals(Sampler.INVERSION, inversion.projection(0).procedural().sampler());
        assertEquals(Sampler.ZIGGURAT, zig.projection(0).procedural().sampler());
        assertFalse(ModelFiles.toJson(inversion).get("projections").get(0).get("procedural").has("sampler"),
                "inversion is the default and is not written");
        JsonNode written = ModelFiles.toJson(zig).get("projections").get(0).get("procedural");
        assertEquals("ziggurat", written.get("sampler").asText());
        Network again = ModelFiles.fromJson(ModelFiles.toJson(zig), "again");
        assertEquals(zig.projection(0).synapseCount(), again.projection(0).synapseCount());
        assertEquals(zig.projection(0).weight(5), again.projection(0).weight(5));
        assertTrue(zig.projection(0).weight(0) != inversion.projection(0).weight(0)
                || zig.projection(0).synapseCount() != inversion.projection(0).synapseCount(), "another draw");
        String bad = error("\"rule\": \"pairwise-bernoulli\", \"probability\": 0.1, \"seed\": 1, \"weight\": 1,"
                + " \"sampler\": \"polar\"");
        assertTrue(bad.contains("procedural.sampler = \"polar\"") && bad.contains("ziggurat"), bad);
    }

    private static String error(String procedural) {
        return assertThrows(FormatException.class, () -> read("{\"source\": \"L4e\", \"target\": \"L23e\","
                + " \"receptor\": \"exc\", \"procedural\": {" + procedural + "}}")).getMessage();
    }

    @Test
    void badRulesAreRejectedNamingFieldAndValue() {
        String rule = error("\"rule\": \"fixed-indegree\", \"probability\": 0.1, \"seed\": 1, \"weight\": 1");
        assertTrue(rule.contains("projections[0].procedural.rule = \"fixed-indegree\""), rule);
        String p = error("\"rule\": \"pairwise-bernoulli\", \"probability\": 1.5, \"seed\": 1, \"weight\": 1");
        assertTrue(p.contains("procedural.probability = 1.5"), p);
        String sd = error("\"rule\": \"pairwise-bernoulli\", \"probability\": 0.1, \"seed\": 1,"
                + " \"weight\": {\"mean\": 1, \"sd\": -1}");
        assertTrue(sd.contains("procedural.weight.sd = -1"), sd);
        String min = error("\"rule\": \"pairwise-bernoulli\", \"probability\": 0.1, \"seed\": 1, \"weight\": 1,"
                + " \"delay\": {\"mean\": 0.001, \"sd\": 0.001, \"min\": 0.002}");
        assertTrue(min.contains("procedural.delay.min = 0.002"), min);
        String typo = error("\"rule\": \"pairwise-bernoulli\", \"probability\": 0.1, \"seed\": 1, \"weight\": 1,"
                + " \"stored\": true");
        assertTrue(typo.contains("stored"), typo);
        String store = error("\"rule\": \"pairwise-bernoulli\", \"probability\": 0.1, \"seed\": 1, \"weight\": 1,"
                + " \"store\": 1");
        assertTrue(store.contains("procedural.store = 1"), store);
    }
}

package org.eventsnn.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eventsnn.core.model.Network;
import org.junit.jupiter.api.Test;

/** The model file's {@code delays}: a matrix shaped like {@code weights}, or a list for {@code connections}. */
class SynapseDelayFilesTest {
    private static final String POPULATIONS = "\"populations\": [{\"name\": \"in\", \"type\": \"input\", \"size\": 2},"
            + " {\"name\": \"out\", \"type\": \"lif\", \"size\": 3}]";

    private static ObjectNode model(String projection) throws Exception {
        return (ObjectNode) Json.mapper().readTree("{\"format\": \"eventsnn-model\", \"version\": 1, " + POPULATIONS
                + ", \"projections\": [" + projection + "]}");
    }

    @Test
    void denseDelaysAreReadPerSynapseAndWrittenBack() throws Exception {
        Network net = ModelFiles.fromJson(model("{\"source\": \"in\", \"target\": \"out\","
                + " \"weights\": [[1, 2, 3], [4, 5, 6]], \"delays\": [[0.001, 0, 0.002], [0.003, 0.001, 0.0005]]}"), "m");
        assertTrue(net.projection(0).hasSynapseDelays());
        assertArrayEquals(new double[] {0.001, 0, 0.002, 0.003, 0.001, 0.0005}, net.projection(0).delays());
        assertEquals(0.0, net.minDelay());
        JsonNode written = ModelFiles.toJson(net).get("projections").get(0);
        assertFalse(written.has("delay"));
        assertEquals(0.0005, written.get("delays").get(1).get(2).asDouble());
        Network again = ModelFiles.fromJson(ModelFiles.toJson(net), "again");
        assertArrayEquals(net.projection(0).delays(), again.projection(0).delays());
        assertThrows(IllegalStateException.class, () -> net.projection(0).delay());
    }

    @Test
    void listDelaysFollowTheSynapseOrder() throws Exception {
        Network net = ModelFiles.fromJson(model("{\"source\": \"in\", \"target\": \"out\", \"connections\":"
                + " {\"source\": [1, 0], \"target\": [2, 2], \"weight\": [0.5, 0.7]}, \"delays\": [0.004, 0.001]}"), "m");
        assertEquals(0.004, net.projection(0).delay(0));
        assertEquals(0.001, net.projection(0).delay(1));
        JsonNode written = ModelFiles.toJson(net).get("projections").get(0);
        assertEquals(2, written.get("delays").size());
        assertEquals(0.004, written.get("delays").get(0).asDouble());
    }

    private static String error(String projection) {
        return assertThrows(FormatException.class, () -> ModelFiles.fromJson(model(projection), "m.json")).getMessage();
    }

    @Test
    void badDelaysAreRejectedNamingFileFieldAndValue() {
        String both = error("{\"source\": \"in\", \"target\": \"out\", \"delay\": 0.001,"
                + " \"weights\": [[1, 2, 3], [4, 5, 6]], \"delays\": [[0, 0, 0], [0, 0, 0]]}");
        assertTrue(both.startsWith("m.json: projections[0].delays") && both.contains("not both"), both);
        String rows = error("{\"source\": \"in\", \"target\": \"out\", \"weights\": [[1, 2, 3], [4, 5, 6]],"
                + " \"delays\": [[0, 0, 0]]}");
        assertTrue(rows.contains("projections[0].delays") && rows.contains("expected 2 rows"), rows);
        String cols = error("{\"source\": \"in\", \"target\": \"out\", \"weights\": [[1, 2, 3], [4, 5, 6]],"
                + " \"delays\": [[0, 0, 0], [0, 0]]}");
        assertTrue(cols.contains("projections[0].delays[1]") && cols.contains("expected 3 delays"), cols);
        String negative = error("{\"source\": \"in\", \"target\": \"out\", \"weights\": [[1, 2, 3], [4, 5, 6]],"
                + " \"delays\": [[0, 0, 0], [0, -0.001, 0]]}");
        assertTrue(negative.contains("projections[0].delays[1][1] = -0.001") && negative.contains(">= 0"), negative);
        String list = error("{\"source\": \"in\", \"target\": \"out\", \"connections\":"
                + " {\"source\": [1, 0], \"target\": [2, 2], \"weight\": [0.5, 0.7]}, \"delays\": [0.004]}");
        assertTrue(list.contains("projections[0].delays") && list.contains("expected 2 delays"), list);
        String random = error("{\"source\": \"in\", \"target\": \"out\", \"random\": {\"probability\": 0.5,"
                + " \"weight\": 1, \"seed\": 3}, \"delays\": [0.004]}");
        assertTrue(random.contains("projections[0].delays") && random.contains("random"), random);
        String text = error("{\"source\": \"in\", \"target\": \"out\", \"weights\": [[1, 2, 3], [4, 5, 6]],"
                + " \"delays\": [[0, 0, 0], [0, \"x\", 0]]}");
        assertTrue(text.contains("projections[0].delays[1][1]"), text);
    }
}

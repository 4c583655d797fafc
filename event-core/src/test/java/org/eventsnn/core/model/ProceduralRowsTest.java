package org.eventsnn.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.eventsnn.core.base.CounterStream;
import org.junit.jupiter.api.Test;

/**
 * Procedural rows against {@code procedural_rows.json}, made by an independent implementation
 * of the documented algorithm (procedural_rows.py): targets exactly, weights and delays to
 * 1e-14 relative (the script's log1p, cos, exp and log are the C library's, not fdlibm's), in
 * both precisions and with both samplers. Also the statistics of a large row: the number of synapses is binomial.
 */
class ProceduralRowsTest {
    @Test
    void rowsMatchAnIndependentImplementationOfTheDocumentedAlgorithm() throws Exception {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/procedural/procedural_rows.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        CounterStream stream = new CounterStream();
        SynapseRow row = new SynapseRow();
        int checked = 0;
        for (JsonNode c : cases) {
            ProceduralConnectivity rule = new ProceduralConnectivity(c.get("probability").asDouble(), c.get("seed").asLong(),
                    c.get("weight").get(0).asDouble(), c.get("weight").get(1).asDouble(), c.get("delay").get(0).asDouble(),
                    c.get("delay").get(1).asDouble(), c.get("delay").get(2).asDouble(), false,
                    ProceduralConnectivity.Precision.ofFieldValue(c.path("precision").asText("float64")),
                    Sampler.ofFieldValue(c.path("sampler").asText("inversion")));
            for (int i = 0; i < c.get("rows").size(); i++) {
                JsonNode expected = c.get("rows").get(i);
                rule.row(i, c.get("targets").asInt(), stream, row);
                assertEquals(expected.size(), row.size(), "seed " + rule.seed() + " row " + i);
                for (int k = 0; k < row.size(); k++) {
                    JsonNode e = expected.get(k);
                    assertEquals(e.get(0).asInt(), row.target(k), "target " + k + " of row " + i);
                    assertEquals(e.get(1).asDouble(), row.weight(k), 1e-14 * Math.abs(row.weight(k)), "weight " + k);
                    assertEquals(e.get(2).asDouble(), row.delay(k), 1e-14 * row.delay(k), "delay " + k);
                    checked++;
                }
            }
        }
        assertTrue(checked > 500, "synapses checked: " + checked);
    }

    @Test
    void synapseCountsAreBinomial() {
        // 400 rows of 10,000 targets at p = 0.01: total ~ Binomial(4e6, 0.01), mean 40,000, sd 199
        ProceduralConnectivity rule = new ProceduralConnectivity(0.01, 42, 1, 0, 0.001, 0, 0, false);
        CounterStream stream = new CounterStream();
        SynapseRow row = new SynapseRow();
        long total = 0;
        for (int i = 0; i < 400; i++) {
            rule.row(i, 10_000, stream, row);
            total += row.size();
        }
        assertEquals(40_000, total, 5 * 199, "5 sd");
    }
}

package org.eventsnn.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import org.eventsnn.core.io.Json;
import org.junit.jupiter.api.Test;

/** Against the reference generator's documented outputs (numpy legacy RandomState). */
class Mt19937Test {
    static JsonNode reference() throws Exception {
        try (InputStream in = Mt19937Test.class.getResourceAsStream("/yinyang/mt19937-reference.json")) {
            return Json.mapper().readTree(in);
        }
    }

    @Test
    void rawOutputsMatchForSeeds5489And42() throws Exception {
        JsonNode raw = reference().get("rawUint32");
        for (String seed : new String[] {"5489", "42"}) {
            Mt19937 rng = new Mt19937(Long.parseLong(seed));
            JsonNode expected = raw.get(seed);
            assertEquals(5, expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).asLong(), rng.nextUint32(), "seed " + seed + " output " + i);
            }
        }
    }

    @Test
    void randDoublesAreBitIdentical() throws Exception {
        JsonNode expected = reference().get("randDoubles42");
        Mt19937 rng = new Mt19937(42);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(Double.parseDouble(expected.get(i).asText()), rng.rand(), 0.0, "draw " + i);
        }
    }

    @Test
    void randintUsesMaskedRejection() throws Exception {
        JsonNode expected = reference().get("randint3Seed42");
        Mt19937 rng = new Mt19937(42);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).asLong(), rng.randint(3), "draw " + i);
        }
    }
}

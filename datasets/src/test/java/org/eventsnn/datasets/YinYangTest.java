package org.eventsnn.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eventsnn.core.io.Json;
import org.junit.jupiter.api.Test;

/** Bit identity with the published Yin-Yang splits. */
class YinYangTest {
    private static final Map<String, Dataset> SPLITS = new HashMap<>();

    private static synchronized Dataset split(String name) {
        return SPLITS.computeIfAbsent(name, n -> YinYang.split(YinYang.Split.of(n)));
    }

    @Test
    void firstSamplesOfEverySplitAreBitIdentical() throws Exception {
        int rows = 0;
        try (InputStream in = getClass().getResourceAsStream("/yinyang/yinyang-samples.csv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                Dataset d = split(f[0]);
                assertEquals(YinYang.Split.of(f[0]).defaultSeed(), Long.parseLong(f[1]));
                int i = Integer.parseInt(f[2]);
                for (int j = 0; j < 4; j++) {
                    assertEquals(Double.doubleToRawLongBits(Double.parseDouble(f[3 + j])),
                            Double.doubleToRawLongBits(d.feature(i, j)), f[0] + " sample " + i + " feature " + j);
                }
                assertEquals(Integer.parseInt(f[7]), d.label(i), f[0] + " label " + i);
                rows++;
            }
        }
        assertTrue(rows >= 3 * 9, "fixture rows read: " + rows);
    }

    @Test
    void classCountsOfEverySplitMatch() throws Exception {
        JsonNode counts;
        try (InputStream in = getClass().getResourceAsStream("/yinyang/yinyang-class-counts.json")) {
            counts = Json.mapper().readTree(in);
        }
        for (String name : new String[] {"train", "validation", "test"}) {
            JsonNode c = counts.get(name);
            Dataset d = split(name);
            assertEquals(c.get("size").asInt(), d.size());
            int[] expected = new int[3];
            for (int k = 0; k < 3; k++) {
                expected[k] = c.get("classCounts").get(k).asInt();
            }
            assertArrayEquals(expected, d.classCounts(), name);
        }
    }

    @Test
    void everySampleLiesInTheDiskWithItsClassAndFlippedCopies() {
        qt().withExamples(30).forAll(longs().between(0, 0xFFFFFFFFL)).checkAssert(seed -> {
            Dataset d = YinYang.generate("t", 200, seed);
            for (int i = 0; i < d.size(); i++) {
                double x = d.feature(i, 0);
                double y = d.feature(i, 1);
                assertTrue(Math.hypot(x - 0.5, y - 0.5) <= 0.5 + 1e-15);
                assertEquals(YinYang.classOf(x, y), d.label(i));
                assertEquals(1 - x, d.feature(i, 2), 0.0);
                assertEquals(1 - y, d.feature(i, 3), 0.0);
            }
        });
    }
}

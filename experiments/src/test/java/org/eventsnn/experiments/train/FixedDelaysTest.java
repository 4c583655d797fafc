package org.eventsnn.experiments.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fixedDelays}: the projections it names keep their one delay through delay learning
 * (saved so, resumed bit for bit) while the others learn theirs from the same initial draws as
 * without it; bad values are refused naming the setting.
 */
class FixedDelaysTest {
    @TempDir
    Path dir;

    private static TrainingConfig small(String preset, int epochs, String fixed) {
        return Presets.get(preset).with("hidden", "12").with("trainSize", "160").with("validationSize", "40")
                .with("testSize", "40").with("batchSize", "40").with("epochs", Integer.toString(epochs))
                .withAll(Map.of("learnDelays", "true", "delayInit", "0.002", "delayLearningRate", "5e-4",
                        "fixedDelays", fixed));
    }

    @Test
    void namedProjectionsKeepTheirOneDelayWhileTheOthersLearn() throws Exception {
        TrainingConfig c = small("fastdeep", 2, "hidden:out");
        Network initial = new YinYangTask(c).initialNetwork(3);
        int fixed = -1;
        for (int p = 0; p < initial.projections().size(); p++) {
            if (initial.population(initial.projection(p).source()).name().equals("hidden")) {
                fixed = p;
            }
        }
        Network start = DelayLearning.of(c).initialise(initial, 3);
        Network startAll = DelayLearning.of(c.with("fixedDelays", "none")).initialise(initial, 3);
        Network net = Trainer.forYinYang(c, 3, 1).run(dir, false, TrainingListener.NONE).network();
        for (int p = 0; p < net.projections().size(); p++) {
            if (p == fixed) {
                assertFalse(start.projection(p).hasSynapseDelays(), "fixed projection starts with one delay");
                assertFalse(net.projection(p).hasSynapseDelays(), "fixed projection keeps one delay");
                assertEquals(initial.projection(p).delay(), net.projection(p).delay(), 0.0, "its delay");
            } else {
                assertTrue(net.projection(p).hasSynapseDelays(), "projection " + p);
                assertArrayEquals(startAll.projection(p).delays(), start.projection(p).delays(), 0.0,
                        "projection " + p + " starts as without the opt-out");
                assertFalse(java.util.Arrays.equals(start.projection(p).delays(), net.projection(p).delays()),
                        "projection " + p + " learned");
            }
        }
        Network saved = ModelFiles.read(dir.resolve("model.json"));
        assertFalse(saved.projection(fixed).hasSynapseDelays(), "model.json: one delay");
    }

    @Test
    void resumingWithFixedDelaysGivesTheSameModel() throws Exception {
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        Network full = Trainer.forYinYang(small("fastdeep", 2, "in:hidden"), 5, 2).run(whole, false, TrainingListener.NONE)
                .network();
        Trainer.forYinYang(small("fastdeep", 1, "in:hidden"), 5, 2).run(parts, false, TrainingListener.NONE);
        Network resumed = Trainer.forYinYang(small("fastdeep", 2, "in:hidden"), 5, 2).run(parts, true,
                TrainingListener.NONE).network();
        for (int p = 0; p < full.projections().size(); p++) {
            assertArrayEquals(full.projection(p).weights(), resumed.projection(p).weights(), 0.0, "weights " + p);
            assertArrayEquals(full.projection(p).delays(), resumed.projection(p).delays(), 0.0, "delays " + p);
            assertEquals(full.projection(p).hasSynapseDelays(), resumed.projection(p).hasSynapseDelays());
        }
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        TrainingConfig c = Presets.get("eventprop");
        for (String bad : new String[] {"hidden", "hidden:out:x", ":out", "hidden:", "hidden:out,", "",
            "hidden:out,hidden:out"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.with("fixedDelays", bad),
                    "'" + bad + "'");
            assertTrue(e.getMessage().contains("fixedDelays"), e.getMessage());
        }
        assertEquals("in:hidden,hidden:out", c.with("fixedDelays", "in:hidden,hidden:out").text("fixedDelays"));
        TrainingConfig unknown = small("fastdeep", 1, "out:in");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DelayLearning.of(unknown).initialise(new YinYangTask(unknown).initialNetwork(1), 1));
        assertTrue(e.getMessage().contains("fixedDelays") && e.getMessage().contains("out to in")
                && e.getMessage().contains("in:hidden"), e.getMessage());
    }
}

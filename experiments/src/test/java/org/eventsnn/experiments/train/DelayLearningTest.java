package org.eventsnn.experiments.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code learnDelays}: initial delays, the optimizer step with its projection onto d >= 0, the
 * model file and checkpoint with per-synapse delays, resuming bit for bit, and the settings'
 * checks, on small Yin-Yang and randman runs.
 */
class DelayLearningTest {
    @TempDir
    Path dir;

    private static TrainingConfig small(String preset, int epochs) {
        return Presets.get(preset).with("hidden", "12").with("trainSize", "160").with("validationSize", "40")
                .with("testSize", "40").with("batchSize", "40").with("epochs", Integer.toString(epochs))
                .withAll(Map.of("learnDelays", "true", "delayInit", "0.002", "delayLearningRate", "5e-4"));
    }

    private static void assertSameNetwork(Network a, Network b) {
        for (int p = 0; p < a.projections().size(); p++) {
            assertArrayEquals(a.projection(p).weights(), b.projection(p).weights(), 0.0, "weights " + p);
            assertArrayEquals(a.projection(p).delays(), b.projection(p).delays(), 0.0, "delays " + p);
        }
    }

    @Test
    void delaysAreInitialisedLearnedKeptNonNegativeAndSavedPerSynapse() throws Exception {
        TrainingConfig c = small("eventprop", 2);
        Network initial = new YinYangTask(c).initialNetwork(3);
        Network start = DelayLearning.of(c).initialise(initial, 3);
        Network plain = Trainer.forYinYang(c.with("learnDelays", "false"), 3, 1).run(null, false, TrainingListener.NONE)
                .network();
        TrainingResult r = Trainer.forYinYang(c, 3, 1).run(dir, false, TrainingListener.NONE);
        Network net = r.network();
        int changed = 0;
        int atZero = 0;
        for (int p = 0; p < net.projections().size(); p++) {
            assertTrue(net.projection(p).hasSynapseDelays(), "projection " + p);
            assertFalse(plain.projection(p).hasSynapseDelays(), "weights only: projection " + p);
            double[] d0 = start.projection(p).delays();
            double[] d = net.projection(p).delays();
            for (int s = 0; s < d.length; s++) {
                assertTrue(d0[s] >= 0 && d0[s] < 0.002, "initial delay " + d0[s]);
                assertTrue(d[s] >= 0, "learned delay " + d[s]);
                changed += d[s] != d0[s] ? 1 : 0;
                atZero += d[s] == 0 ? 1 : 0;
            }
        }
        int synapses = 0;
        for (int p = 0; p < net.projections().size(); p++) {
            synapses += net.projection(p).synapseCount();
        }
        assertTrue(changed > synapses / 2, "delays changed: " + changed + " of " + synapses);
        assertTrue(atZero < synapses, "delays at 0: " + atZero);
        // the initial weights do not depend on delay learning
        assertArrayEquals(initial.projection(0).weights(), start.projection(0).weights(), 0.0);
        assertSameNetwork(net, ModelFiles.read(dir.resolve("model.json")));
        JsonNode model = Json.read(dir.resolve("model.json"));
        assertTrue(model.get("projections").get(0).has("delays"));
        JsonNode checkpoint = Json.read(dir.resolve(Checkpoint.FILE));
        assertEquals(net.projections().size(), checkpoint.get("delays").size());
        assertEquals(2, checkpoint.get("delayOptimizerState").size()); // Adam's two moments
        assertEquals(checkpoint.get("optimizerSteps").asLong(), checkpoint.get("delayOptimizerSteps").asLong());
    }

    @Test
    void theProjectionKeepsDelaysNonNegativeWhenTheGradientPushesBelowZero() {
        TrainingConfig c = small("fastdeep", 1).with("delayInit", "0").with("delayLearningRate", "0.01");
        DelayLearning learning = DelayLearning.of(c);
        Network net = learning.initialise(new YinYangTask(c).initialNetwork(1), 1);
        double[][] grads = new double[net.projections().size()][];
        for (int p = 0; p < grads.length; p++) {
            grads[p] = new double[net.projection(p).synapseCount()];
            for (int s = 0; s < grads[p].length; s++) {
                grads[p][s] = s % 2 == 0 ? 1 : -1; // even synapses pushed below 0, odd ones up
            }
        }
        Network next = learning.step(net, grads);
        for (int p = 0; p < grads.length; p++) {
            double[] d = next.projection(p).delays();
            for (int s = 0; s < d.length; s++) {
                if (s % 2 == 0) {
                    assertEquals(0.0, d[s], 0.0);
                } else {
                    assertEquals(0.01, d[s], 1e-9); // Adam's first step is the learning rate
                }
            }
        }
    }

    @Test
    void resumingARunWithDelaysGivesTheSameModel() throws Exception {
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        TrainingResult full = Trainer.forYinYang(small("fastdeep", 3), 5, 2).run(whole, false, TrainingListener.NONE);
        Trainer.forYinYang(small("fastdeep", 1), 5, 2).run(parts, false, TrainingListener.NONE);
        TrainingResult resumed = Trainer.forYinYang(small("fastdeep", 3), 5, 2).run(parts, true, TrainingListener.NONE);
        assertSameNetwork(full.network(), resumed.network());
        assertEquals(full.last().testAccuracy, resumed.last().testAccuracy, 0.0);
        assertSameNetwork(ModelFiles.read(whole.resolve("model.json")), ModelFiles.read(parts.resolve("model.json")));
    }

    @Test
    void temporalTasksLearnDelaysToo() throws Exception {
        TrainingTask randman = TrainingTask.named("randman");
        TrainingConfig c = randman.preset(null).withAll(Map.of("hidden", "20", "trainSize", "40", "validationSize", "10",
                "testSize", "10", "batchSize", "20", "epochs", "1", "classes", "2", "inputs", "100",
                "samplesPerClass", "30", "learnDelays", "1"));
        Network net = randman.trainer(c, 2, 1).run(null, false, TrainingListener.NONE).network();
        int moved = 0;
        for (int p = 0; p < net.projections().size(); p++) {
            assertTrue(net.projection(p).hasSynapseDelays());
            for (double d : net.projection(p).delays()) {
                assertTrue(d >= 0);
                moved += d > 0 ? 1 : 0;
            }
        }
        assertTrue(moved > 0, "no delay moved off 0");
    }

    @Test
    void checkpointsFromBeforeDelayLearningResumeAsWeightsOnly() throws Exception {
        TrainingConfig weightsOnly = small("fastdeep", 1).with("learnDelays", "0").with("delayInit", "0")
                .with("delayLearningRate", "1e-4");
        Trainer.forYinYang(weightsOnly, 5, 1).run(dir, false, TrainingListener.NONE);
        Path file = dir.resolve(Checkpoint.FILE);
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) Json.read(file);
        for (String k : DelayLearning.NAMES) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("hyperparameters")).remove(k);
        }
        Files.writeString(file, root.toString());
        assertEquals(2, Trainer.forYinYang(weightsOnly.with("epochs", "2"), 5, 1).run(dir, true, TrainingListener.NONE)
                .history().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.forYinYang(
                weightsOnly.with("epochs", "3").with("learnDelays", "1"), 5, 1).run(dir, true, TrainingListener.NONE));
        assertTrue(e.getMessage().contains("learnDelays"), e.getMessage());
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        TrainingConfig c = Presets.get("eventprop");
        for (String[] bad : new String[][] {{"learnDelays", "2"}, {"learnDelays", "yes"}, {"delayLearningRate", "0"},
            {"delayInit", "-0.001"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.with(bad[0], bad[1]));
            assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
        }
        assertEquals(1.0, c.with("learnDelays", "true").number("learnDelays"));
        assertEquals(0.0, c.with("learnDelays", "false").number("learnDelays"));
    }

    @Test
    void configFilesTakeTrueAndFalse() throws Exception {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{\"learnDelays\": true, \"delayInit\": 0.001}");
        TrainingConfig c = Presets.get("fastdeep").withAll(TrainingConfig.readSettings(file));
        assertEquals(1.0, c.number("learnDelays"));
        assertEquals(0.001, c.number("delayInit"));
    }
}

package org.eventsnn.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.experiments.train.Presets;
import org.eventsnn.experiments.train.Trainer;
import org.eventsnn.experiments.train.TrainingConfig;
import org.eventsnn.experiments.train.TrainingListener;
import org.eventsnn.experiments.train.TrainingResult;
import org.eventsnn.experiments.train.YinYangTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    @TempDir
    Path dir;

    private static TrainingConfig small(int epochs) {
        return Presets.get("fastdeep").with("hidden", "30").with("trainSize", "300").with("validationSize", "100")
                .with("testSize", "100").with("batchSize", "50").with("epochs", Integer.toString(epochs));
    }

    private static void assertSameWeights(Network a, Network b) {
        for (int p = 0; p < a.projections().size(); p++) {
            assertArrayEquals(a.projection(p).weights(), b.projection(p).weights(), 0.0, "projection " + p);
        }
    }

    @Test
    void aFewEpochsOnASubsetLearnWellAboveChance() throws Exception {
        TrainingConfig c = Presets.get("eventprop").with("hidden", "60").with("trainSize", "1500")
                .with("validationSize", "300").with("testSize", "500").with("epochs", "10");
        TrainingResult r = Trainer.forYinYang(c, 4, 2).run(null, false, TrainingListener.NONE);
        assertTrue(r.last().testAccuracy > 0.85, "test accuracy " + r.last().testAccuracy);
    }

    @Test
    void resumingAnInterruptedRunGivesTheSameModel() throws Exception {
        Path whole = dir.resolve("whole");
        Path parts = dir.resolve("parts");
        TrainingResult full = Trainer.forYinYang(small(4), 7, 2).run(whole, false, TrainingListener.NONE);
        Trainer.forYinYang(small(2), 7, 2).run(parts, false, TrainingListener.NONE);
        TrainingResult resumed = Trainer.forYinYang(small(4), 7, 2).run(parts, true, TrainingListener.NONE);
        assertSameWeights(full.network(), resumed.network());
        assertSameWeights(ModelFiles.read(whole.resolve("model.json")), ModelFiles.read(parts.resolve("model.json")));
        assertEquals(4, resumed.history().size());
        assertEquals(full.last().testAccuracy, resumed.last().testAccuracy, 0.0);
        List<String> lines = Files.readAllLines(parts.resolve("metrics.csv"));
        assertEquals(5, lines.size());
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws Exception {
        TrainingResult one = Trainer.forYinYang(small(2), 11, 1).run(null, false, TrainingListener.NONE);
        TrainingResult three = Trainer.forYinYang(small(2), 11, 3).run(null, false, TrainingListener.NONE);
        assertSameWeights(one.network(), three.network());
    }

    @Test
    void settingsThatDependOnEachOtherMayComeInAnyOrder() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("silentPenalty", "100");
        m.put("method", "eventprop");
        assertEquals(100, Presets.get("fastdeep").withAll(m).number("silentPenalty"));
        assertThrows(IllegalArgumentException.class, () -> Presets.get("fastdeep").with("silentPenalty", "100"));
        m.put("method", "fastdeep");
        assertThrows(IllegalArgumentException.class, () -> Presets.get("fastdeep").withAll(m));
    }

    @Test
    void configFileSetAndMethodAreCheckedTogether() throws Exception {
        Path file = dir.resolve("penalty.json");
        Files.writeString(file, "{\"silentPenalty\": 100}");
        CliRunner r = CliRunner.run("train", "yinyang", "--preset", "fastdeep", "--config", file.toString(),
                "--method", "eventprop", "--list-hyperparameters");
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("silentPenalty\\s+100(\\.0)?\\s.*")), r.out);
        Files.writeString(file, "{\"silentPenalty\": 100, \"noSuchSetting\": 1}");
        CliRunner bad = CliRunner.run("train", "yinyang", "--config", file.toString(), "--list-hyperparameters");
        assertEquals(2, bad.status);
        assertTrue(bad.err.contains("noSuchSetting is not a hyperparameter"), bad.err);
    }

    @Test
    void clipNormBoundsEverySgdStep() throws Exception {
        // 300 samples in batches of 50: 6 plain SGD steps of at most learningRate * clipNorm each
        TrainingConfig sgd = small(1).with("weightBump", "0").with("maxNeuronGradient", "0").with("optimizer", "sgd")
                .with("momentum", "0").with("learningRate", "0.1");
        double bound = 6 * 0.1 * 1e-3;
        Network start = new YinYangTask(sgd).initialNetwork(3);
        double clipped = distance(start,
                Trainer.forYinYang(sgd.with("clipNorm", "1e-3"), 3, 1).run(null, false, TrainingListener.NONE).network());
        double free = distance(start, Trainer.forYinYang(sgd, 3, 1).run(null, false, TrainingListener.NONE).network());
        assertTrue(clipped > 0 && clipped <= bound * (1 + 1e-12), "clipped change " + clipped + ", bound " + bound);
        assertTrue(free > bound, "unclipped change " + free + " should exceed " + bound);
    }

    @Test
    void reviveBumpRaisesWeightsIntoHiddenNeuronsSilentInTheWholeBatch() throws Exception {
        // one batch of 100 samples; the bump comes after the optimizer step, so only it differs
        TrainingConfig c = Presets.get("eventprop").with("hidden", "40").with("trainSize", "100")
                .with("validationSize", "10").with("testSize", "10").with("batchSize", "100").with("epochs", "1")
                .with("reviveBump", "0");
        double revive = 0.01;
        YinYangTask task = new YinYangTask(c);
        Network start = task.initialNetwork(2);
        int hidden = start.populationIndex(YinYangTask.HIDDEN);
        boolean[] fired = new boolean[start.population(hidden).size()];
        org.eventsnn.core.engine.Simulator sim = new org.eventsnn.core.engine.Simulator(start);
        var data = task.data(org.eventsnn.datasets.YinYang.Split.TRAIN);
        for (int i = 0; i < 100; i++) {
            double[] first = sim.runUntilAllFired(data.input(i), YinYangTask.OUTPUT_INDEX).firstSpikeTimes(hidden);
            for (int j = 0; j < fired.length; j++) {
                fired[j] |= first[j] < Double.POSITIVE_INFINITY;
            }
        }
        Network plain = Trainer.forYinYang(c, 2, 1).run(null, false, TrainingListener.NONE).network();
        Network revived = Trainer.forYinYang(c.with("reviveBump", Double.toString(revive)), 2, 1)
                .run(null, false, TrainingListener.NONE).network();
        int silent = 0;
        for (int p = 0; p < start.projections().size(); p++) {
            var pr = start.projection(p);
            for (int s = 0; s < pr.synapseCount(); s++) {
                double diff = revived.projection(p).weights()[s] - plain.projection(p).weights()[s];
                boolean bumped = pr.target() == hidden && !fired[pr.post(s)];
                assertEquals(bumped ? revive : 0, diff, 1e-12, "projection " + p + " synapse " + s);
                silent += bumped ? 1 : 0;
            }
        }
        assertTrue(silent > 0, "the initial network should have silent hidden neurons");
        assertTrue(silent < 40 * 5, "and firing ones");
    }

    private static double distance(Network a, Network b) {
        double sum = 0;
        for (int p = 0; p < a.projections().size(); p++) {
            double[] x = a.projection(p).weights();
            double[] y = b.projection(p).weights();
            for (int i = 0; i < x.length; i++) {
                sum += (x[i] - y[i]) * (x[i] - y[i]);
            }
        }
        return Math.sqrt(sum);
    }

    @Test
    void resumesACheckpointWrittenBeforeLaterSettingsExisted() throws Exception {
        // such runs behaved as reviveBump = 0 and maxNeuronGradient = 0
        TrainingConfig old = small(1).with("maxNeuronGradient", "0");
        Trainer.forYinYang(old, 5, 1).run(dir, false, TrainingListener.NONE);
        Path file = dir.resolve("checkpoint.json");
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) Json.read(file);
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("hyperparameters")).remove("reviveBump");
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("hyperparameters")).remove("maxNeuronGradient");
        Files.writeString(file, root.toString());
        assertEquals(2, Trainer.forYinYang(old.with("epochs", "2"), 5, 1).run(dir, true, TrainingListener.NONE)
                .history().size());
        for (String setting : new String[] {"reviveBump", "maxNeuronGradient"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Trainer.forYinYang(old.with("epochs", "3").with(setting, "0.01"), 5, 1).run(dir, true,
                            TrainingListener.NONE));
            assertTrue(e.getMessage().contains(setting), e.getMessage());
        }
    }

    /**
     * A checkpoint edited or damaged is refused naming the file, the field and the value, and
     * the run is left as it was; it was read leniently (a seed "x" or a missing one read as 0, a
     * weight "x" as 0, any version, metrics that were no list as none), and an optimizer state
     * with a row missing stopped with an internal error.
     */
    @Test
    void aDamagedCheckpointIsRefusedNamingTheFileAndField() throws Exception {
        Trainer.forYinYang(small(1), 0, 1).run(dir, false, TrainingListener.NONE);
        Path file = dir.resolve("checkpoint.json");
        String good = Files.readString(file);
        Object[][] edits = {
            {"/version", "2", "version = 2"}, {"/version", "\"1\"", "version = \"1\""},
            {"/seed", "\"x\"", "seed = \"x\""}, {"/seed", null, "seed: missing"},
            {"/epochsDone", "1.5", "epochsDone = 1.5"}, {"/epochsDone", "-1", "epochsDone = -1"},
            {"/seconds", "\"x\"", "seconds = \"x\""}, {"/seconds", "-1", "seconds = -1"},
            {"/optimizerSteps", "true", "optimizerSteps = true"}, {"/bumpedLayer", "7", "bumpedLayer = 7"},
            {"/bump", "{}", "bump = {}"}, {"/weights/0/0", "\"x\"", "weights[0][0] = \"x\""},
            {"/weights/1", "[]", "weights"}, {"/optimizerState/0/1", null, "optimizer state"},
            {"/optimizerState/1/0/0", "-1", "optimizerState[1][0][0] = -1.0"},
            {"/metrics", "\"x\"", "metrics = \"x\""}, {"/metrics/0", "\"1,2\"", "metrics[0] = \"1,2\""},
            {"/metrics/0", null, "metrics: 0 rows"},
        };
        for (Object[] edit : edits) {
            com.fasterxml.jackson.databind.JsonNode root = Json.mapper().readTree(good);
            String pointer = (String) edit[0];
            int cut = pointer.lastIndexOf('/');
            com.fasterxml.jackson.databind.JsonNode parent = root.at(pointer.substring(0, cut));
            String last = pointer.substring(cut + 1);
            if (parent.isArray()) {
                com.fasterxml.jackson.databind.node.ArrayNode a = (com.fasterxml.jackson.databind.node.ArrayNode) parent;
                if (edit[1] == null) {
                    a.remove(Integer.parseInt(last));
                } else {
                    a.set(Integer.parseInt(last), Json.mapper().readTree((String) edit[1]));
                }
            } else if (edit[1] == null) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) parent).remove(last);
            } else {
                ((com.fasterxml.jackson.databind.node.ObjectNode) parent).set(last, Json.mapper().readTree((String) edit[1]));
            }
            String damaged = root.toString();
            Files.writeString(file, damaged);
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> Trainer.forYinYang(small(2), 0, 1).run(dir, true, TrainingListener.NONE), pointer);
            assertTrue(e instanceof org.eventsnn.core.io.FormatException || e instanceof IllegalArgumentException, e.toString());
            assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains((String) edit[2]),
                    pointer + ": " + e.getMessage());
            assertEquals(damaged, Files.readString(file), pointer);
            assertEquals(1, Files.readAllLines(dir.resolve("metrics.csv")).size() - 1, pointer);
        }
        Files.writeString(file, good);
        assertEquals(2, Trainer.forYinYang(small(2), 0, 1).run(dir, true, TrainingListener.NONE).history().size());
    }

    /**
     * A learning rate so large that the weights diverge makes neurons without refractory period
     * fire without end; training ran out of memory after a minute ("make the task smaller").
     * Each sample's forward pass now has a spike budget, and the run stops at once with status 2
     * naming the epoch, the budget and the learning rate.
     */
    @Test
    void divergingWeightsStopAtTheSpikeBudget() {
        long t0 = System.nanoTime();
        CliRunner r = CliRunner.run("train", "yinyang", "--preset", "eventprop", "--epochs", "2", "--threads", "1",
                "--set", "hidden=4", "--set", "trainSize=40", "--set", "validationSize=10", "--set", "testSize=10",
                "--set", "learningRate=1e30", "--no-plots", "--output-dir", dir.resolve("run").toString());
        assertEquals(2, r.status, r.err);
        assertTrue(r.err.contains("epoch 2") && r.err.contains("spike budget") && r.err.contains("learningRate 1.0E30"),
                r.err);
        assertTrue(System.nanoTime() - t0 < 30e9, "took " + (System.nanoTime() - t0) / 1e9 + " s");
    }

    @Test
    void refusesToResumeNothingOrFewerEpochsThanDone() throws Exception {
        Path empty = dir.resolve("empty");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.forYinYang(small(1), 5, 1).run(empty, true, TrainingListener.NONE));
        assertTrue(e.getMessage().contains("no run to resume"), e.getMessage());
        Trainer.forYinYang(small(2), 5, 1).run(dir, false, TrainingListener.NONE);
        e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.forYinYang(small(1), 5, 1).run(dir, true, TrainingListener.NONE));
        assertTrue(e.getMessage().contains("already done 2 epochs"), e.getMessage());
        assertEquals(2, Trainer.forYinYang(small(2), 5, 1).run(dir, true, TrainingListener.NONE).history().size());
    }

    @Test
    void refusesToOverwriteOrResumeADifferentRun() throws Exception {
        Trainer.forYinYang(small(1), 5, 1).run(dir, false, TrainingListener.NONE);
        assertThrows(IllegalArgumentException.class, () -> Trainer.forYinYang(small(1), 5, 1).run(dir, false, TrainingListener.NONE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.forYinYang(small(2).with("hidden", "31"), 5, 1).run(dir, true, TrainingListener.NONE));
        assertTrue(e.getMessage().contains("hidden"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Trainer.forYinYang(small(2), 6, 1).run(dir, true, TrainingListener.NONE));
    }

    @Test
    void trainCommandWritesEveryOutput() throws Exception {
        CliRunner r = CliRunner.run("train", "yinyang", "--preset", "eventprop", "--epochs", "1", "--threads", "2",
                "--set", "hidden=20", "--set", "trainSize=64", "--set", "validationSize=32", "--set", "testSize=32",
                "--output-dir", dir.toString());
        assertEquals(0, r.status, r.err);
        for (String f : new String[] {"metrics.csv", "result.json", "model.json", "model-best.json", "checkpoint.json", "accuracy.png",
            "loss.png", "yinyang.png", "first-spikes.png", "raster.png"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        JsonNode result = Json.read(dir.resolve("result.json"));
        assertEquals(20, result.get("hyperparameters").get("hidden").asInt());
        assertEquals("eventprop", result.get("hyperparameters").get("method").asText());
        assertTrue(result.get("software").asText().startsWith("eventsnn"));
    }

    @Test
    void seedSweepWritesASummary() throws Exception {
        CliRunner r = CliRunner.run("train", "yinyang", "--epochs", "1", "--seeds", "2", "--no-plots",
                "--set", "hidden=10", "--set", "trainSize=50", "--set", "validationSize=20", "--set", "testSize=20",
                "--output-dir", dir.toString());
        assertEquals(0, r.status, r.err);
        JsonNode s = Json.read(dir.resolve("summary.json"));
        assertEquals(2, s.get("runs").size());
        assertTrue(r.out.contains("+-"), r.out);
    }

    @Test
    void badTrainArgumentsExitTwo() {
        assertEquals(2, CliRunner.run("train", "mnist").status);
        assertEquals(2, CliRunner.run("train", "yinyang", "--preset", "nope").status);
        assertEquals(2, CliRunner.run("train", "yinyang", "--set", "hidden=abc").status);
        assertEquals(2, CliRunner.run("train", "yinyang", "--set", "nonsense=1").status);
        assertEquals(2, CliRunner.run("train", "yinyang", "--set", "learningRate=-1").status);
        assertEquals(2, CliRunner.run("train", "yinyang", "--epochs", "3", "--full").status);
    }
}

package org.eventsnn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eventsnn.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradientCommandTest {
    @TempDir
    Path dir;

    private CliRunner gradient(String method, String... extra) throws Exception {
        Path m = dir.resolve("m.json");
        Path s = dir.resolve("s.json");
        Files.writeString(m, SimulateCommandTest.MODEL.replace("\"refractory\": 0.002", "\"refractory\": 1.0"));
        Files.writeString(s, SimulateCommandTest.INPUT);
        String[] base = {"gradient", "--model", m.toString(), "--input", s.toString(), "--method", method,
            "--population", "out", "--output", dir.resolve("g-" + method + ".json").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRunner.run(args);
    }

    @Test
    void bothMethodsWriteTheSameShapedAgreeingGradients() throws Exception {
        for (String method : new String[] {"eventprop", "fastdeep"}) {
            CliRunner r = gradient(method, "--loss", "ttfs-ce", "--label", "1", "--tau0", "0.005", "--alpha", "0.005",
                    "--tau1", "0.005");
            assertEquals(0, r.status, r.err);
        }
        JsonNode ep = Json.read(dir.resolve("g-eventprop.json"));
        JsonNode fd = Json.read(dir.resolve("g-fastdeep.json"));
        assertEquals("eventprop", ep.get("method").asText());
        assertEquals(ep.get("loss").asDouble(), fd.get("loss").asDouble(), 0.0);
        JsonNode w = ep.get("projections").get(0).get("weights");
        assertEquals(2, w.size());
        assertEquals(2, w.get(0).size());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double a = w.get(i).get(j).asDouble();
                assertEquals(a, fd.get("projections").get(0).get("weights").get(i).get(j).asDouble(), 1e-9 * Math.abs(a));
            }
        }
        assertEquals(3, ep.get("inputTimes").get("in").size());
        assertTrue(ep.get("inputTimes").get("in").get(0).asDouble() != 0);
    }

    /**
     * Each projection's "delays" is shaped like its "weights" (a matrix for dense, a list for
     * connections), sums to its "delay", and agrees between the two methods; with per-synapse
     * delays in the model too.
     */
    @Test
    void perSynapseDelayGradientsAreShapedLikeWeightsAndSumToTheDelay() throws Exception {
        String dense = SimulateCommandTest.MODEL.replace("\"refractory\": 0.002", "\"refractory\": 1.0");
        String listed = dense.replace("\"delay\": 0.001, \"weights\": [[2.0, 0.5], [1.5, 3.0]]",
                "\"delays\": [0.001, 0.0002, 0.0031, 0.0], \"connections\": {\"source\": [0, 0, 1, 1],"
                        + " \"target\": [0, 1, 0, 1], \"weight\": [2.0, 0.5, 1.5, 3.0]}");
        Files.writeString(dir.resolve("s.json"), SimulateCommandTest.INPUT);
        for (String model : new String[] {dense, listed}) {
            Files.writeString(dir.resolve("m.json"), model);
            JsonNode[] out = new JsonNode[2];
            String[] methods = {"eventprop", "fastdeep"};
            for (int k = 0; k < 2; k++) {
                Path file = dir.resolve("d-" + methods[k] + ".json");
                CliRunner r = CliRunner.run("gradient", "--model", dir.resolve("m.json").toString(), "--input",
                        dir.resolve("s.json").toString(), "--method", methods[k], "--population", "out", "--loss",
                        "ttfs-ce", "--label", "1", "--tau0", "0.005", "--output", file.toString());
                assertEquals(0, r.status, r.err);
                out[k] = Json.read(file).get("projections").get(0);
            }
            JsonNode d = out[0].get("delays");
            boolean matrix = model == dense;
            assertEquals(matrix ? 2 : 4, d.size());
            double sum = 0;
            double magnitude = 0;
            int nonZero = 0;
            for (int i = 0; i < d.size(); i++) {
                JsonNode row = matrix ? d.get(i) : null;
                for (int j = 0; j < (matrix ? 2 : 1); j++) {
                    assertEquals(matrix, row != null && row.isArray());
                    double a = matrix ? row.get(j).asDouble() : d.get(i).asDouble();
                    double b = matrix ? out[1].get("delays").get(i).get(j).asDouble() : out[1].get("delays").get(i).asDouble();
                    assertEquals(a, b, 1e-9 * Math.abs(a) + 1e-12);
                    sum += a;
                    magnitude += Math.abs(a);
                    nonZero += a != 0 ? 1 : 0;
                }
            }
            assertTrue(nonZero >= 2, d.toString());
            assertEquals(out[0].get("delay").asDouble(), sum, 1e-12 * magnitude);
        }
    }

    @Test
    void otherLossesAndBadArguments() throws Exception {
        assertEquals(0, gradient("eventprop", "--loss", "first-spike-linear", "--coefficients", "1,-0.5").status);
        assertEquals(0, gradient("eventprop", "--loss", "target-mse", "--targets", "0.004,0.006").status);
        assertEquals(0, gradient("eventprop", "--loss", "max-voltage-ce", "--label", "1").status);
        assertEquals(2, gradient("fastdeep", "--loss", "max-voltage-ce", "--label", "1").status);
        CliRunner r = gradient("eventprop", "--loss", "first-spike-linear", "--coefficients", "1");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("--coefficients"), r.err);
        assertEquals(2, gradient("eventprop", "--loss", "ttfs-ce", "--label", "5", "--tau0", "0.005").status);
        assertEquals(2, gradient("eventprop", "--loss", "ttfs-ce").status);
        assertEquals(2, gradient("backprop", "--loss", "ttfs-ce", "--tau0", "0.005").status);
        assertEquals(2, gradient("eventprop", "--loss", "hinge").status);
        assertFalse(Files.exists(dir.resolve("g-backprop.json")));
    }

    /**
     * count-ce on every output spike (neurons fire several times here): each weight's gradient in
     * the command's output agrees with central differences of the loss the command writes, with
     * that weight moved in the model file.
     */
    @Test
    void spikeCountGradientsAgreeWithFiniteDifferencesOfTheCommandsLoss() throws Exception {
        String[] loss = {"--loss", "count-ce", "--label", "1", "--tau-count", "0.002", "--readout-start", "0.0005",
            "--count-scale", "0.5"};
        JsonNode g = countCe(SimulateCommandTest.MODEL, loss);
        assertEquals("eventprop", g.get("method").asText());
        double[][] weights = {{2.0, 0.5}, {1.5, 3.0}};
        double h = 1e-6;
        int checked = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double[] lossAt = new double[2];
                for (int side = 0; side < 2; side++) {
                    double[][] moved = {weights[0].clone(), weights[1].clone()};
                    moved[i][j] += side == 0 ? -h : h;
                    String model = SimulateCommandTest.MODEL.replace("[[2.0, 0.5], [1.5, 3.0]]",
                            "[[" + moved[0][0] + ", " + moved[0][1] + "], [" + moved[1][0] + ", " + moved[1][1] + "]]");
                    lossAt[side] = countCe(model, loss).get("loss").asDouble();
                }
                double difference = (lossAt[1] - lossAt[0]) / (2 * h);
                double exact = g.get("projections").get(0).get("weights").get(i).get(j).asDouble();
                assertEquals(difference, exact, 1e-5 * Math.max(1, Math.abs(exact)), "weight " + i + "," + j);
                checked += exact != 0 ? 1 : 0;
            }
        }
        assertTrue(checked >= 2, "too few non-zero gradients to compare: " + checked);
    }

    @Test
    void spikeCountOptionsAreValidated() throws Exception {
        assertEquals(2, gradient("fastdeep", "--loss", "count-ce", "--label", "1", "--tau-count", "0.002").status);
        CliRunner noTau = gradient("eventprop", "--loss", "count-ce", "--label", "1");
        assertEquals(2, noTau.status);
        assertTrue(noTau.err.contains("--tau-count"), noTau.err);
        assertEquals(2, gradient("eventprop", "--loss", "count-ce", "--tau-count", "0.002").status);
        for (String[] bad : new String[][] {{"--tau-count", "0"}, {"--tau-count", "NaN"}, {"--readout-start", "-1"},
            {"--count-scale", "0"}}) {
            String[] args = {"--loss", "count-ce", "--label", "1", "--tau-count", "0.002", bad[0], bad[1]};
            if (bad[0].equals("--tau-count")) {
                args = new String[] {"--loss", "count-ce", "--label", "1", bad[0], bad[1]};
            }
            CliRunner r = gradient("eventprop", args);
            assertEquals(2, r.status, String.join(" ", bad));
            assertTrue(r.err.contains(bad[0]) && r.err.lines().count() == 1, r.err);
        }
        CliRunner ignored = gradient("eventprop", "--loss", "max-voltage-ce", "--label", "1", "--tau-count", "0.002");
        assertEquals(2, ignored.status);
        assertTrue(ignored.err.contains("does not apply"), ignored.err);
        assertFalse(Files.exists(dir.resolve("g-fastdeep.json")));
    }

    private JsonNode countCe(String model, String... loss) throws Exception {
        Path m = dir.resolve("count-model.json");
        Path s = dir.resolve("count-input.json");
        Path out = dir.resolve("count-g.json");
        Files.writeString(m, model);
        Files.writeString(s, SimulateCommandTest.INPUT);
        String[] base = {"gradient", "--model", m.toString(), "--input", s.toString(), "--method", "eventprop",
            "--population", "out", "--output", out.toString()};
        String[] args = new String[base.length + loss.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(loss, 0, args, base.length, loss.length);
        CliRunner r = CliRunner.run(args);
        assertEquals(0, r.status, r.err);
        return Json.read(out);
    }

    @Test
    void optionsTheLossIgnoresAreRefusedAndTheLabelIsRequired() throws Exception {
        CliRunner noLabel = gradient("eventprop", "--loss", "ttfs-ce", "--tau0", "0.005");
        assertEquals(2, noLabel.status);
        assertTrue(noLabel.err.contains("--label"), noLabel.err);
        assertEquals(2, gradient("eventprop", "--loss", "max-voltage-ce").status);
        for (String[] ignored : new String[][] {{"--label", "1"}, {"--tau0", "0.005"}, {"--alpha", "0.1"}, {"--tau1", "0.005"},
            {"--targets", "0.004,0.006"}}) {
            CliRunner r = gradient("eventprop", "--loss", "first-spike-linear", "--coefficients", "1,-0.5", ignored[0],
                    ignored[1]);
            assertEquals(2, r.status, ignored[0]);
            assertTrue(r.err.contains(ignored[0]) && r.err.contains("does not apply"), r.err);
        }
        assertEquals(2, gradient("eventprop", "--loss", "ttfs-ce", "--label", "1", "--tau0", "0.005",
                "--coefficients", "1,2").status);
    }

    /**
     * Loss options whose loss is not a finite number, and negative target times, exit 2 naming
     * the option and writing nothing: a --tau0 of 1e-320 wrote NaN for the loss and every
     * gradient, targets of 1e300 an infinite loss, with exit status 0; an unknown --loss was
     * named as "--label does not apply".
     */
    @Test
    void lossOptionsGivingNoFiniteLossOrNegativeTargetsAreRefused() throws Exception {
        Object[][] cases = {
            {new String[] {"--loss", "ttfs-ce", "--label", "1", "--tau0", "1e-320"}, "--tau0 1.0E-320"},
            {new String[] {"--loss", "target-mse", "--targets", "0.004,1e300"}, "--targets 0.004,1.0E300"},
            {new String[] {"--loss", "target-mse", "--targets", "0.004,-0.006"}, "targets[1] must be a finite number >= 0"},
            {new String[] {"--loss", "hinge", "--label", "1"}, "--loss must be ttfs-ce"},
        };
        for (Object[] c : cases) {
            CliRunner r = gradient("eventprop", (String[]) c[0]);
            assertEquals(2, r.status, r.err);
            assertTrue(r.err.contains((String) c[1]) && r.err.strip().lines().count() == 1, r.err);
            assertFalse(Files.exists(dir.resolve("g-eventprop.json")), r.err);
        }
        assertEquals(0, gradient("eventprop", "--loss", "target-mse", "--targets", "0,0.006").status);
        CliRunner train = CliRunner.run("train", "yinyang", "--preset", "jaxsnn", "--set", "targetWrong=-0.001",
                "--output-dir", dir.resolve("run").toString());
        assertEquals(2, train.status, train.err);
        assertTrue(train.err.contains("hyperparameter targetWrong must be >= 0"), train.err);
        assertFalse(Files.exists(dir.resolve("run")));
    }

    @Test
    void runawayActivityStopsAtTheSpikeBudget() throws Exception {
        Path m = dir.resolve("runaway.json");
        Path s = dir.resolve("s.json");
        Files.writeString(m, """
                {"format": "eventsnn-model", "version": 1,
                 "populations": [{"name": "in", "type": "input", "size": 1},
                   {"name": "loop", "type": "lif", "size": 3, "params": {"refractory": 0.0}}],
                 "projections": [{"source": "in", "target": "loop", "weights": [[5, 5, 5]]},
                   {"source": "loop", "target": "loop", "weights": [[5, 5, 5], [5, 5, 5], [5, 5, 5]]}]}
                """);
        Files.writeString(s, SimulateCommandTest.INPUT.replace("[0, 1, 1]", "[0, 0, 0]"));
        CliRunner r = CliRunner.run("gradient", "--model", m.toString(), "--input", s.toString(), "--method", "eventprop",
                "--population", "loop", "--loss", "ttfs-ce", "--label", "0", "--tau0", "0.005", "--max-spikes", "1000",
                "--output", dir.resolve("g.json").toString());
        assertEquals(2, r.status, r.err);
        assertTrue(r.err.contains("runaway.json") && r.err.contains("--max-spikes 1000")
                && r.err.contains("population loop fired"), r.err);
        assertFalse(Files.exists(dir.resolve("g.json")));
    }

    @Test
    void silentOutputsWarnThatTheGradientIsZero() throws Exception {
        Path m = dir.resolve("m.json");
        Path s = dir.resolve("s.json");
        Files.writeString(m, SimulateCommandTest.MODEL.replace("[[2.0, 0.5], [1.5, 3.0]]", "[[0.01, 0.01], [0.01, 0.01]]"));
        Files.writeString(s, SimulateCommandTest.INPUT);
        Path out = dir.resolve("g.json");
        CliRunner r = CliRunner.run("gradient", "--model", m.toString(), "--input", s.toString(), "--method", "eventprop",
                "--population", "out", "--loss", "ttfs-ce", "--label", "0", "--tau0", "0.005", "--output", out.toString());
        assertEquals(0, r.status, r.err);
        assertTrue(r.err.contains("warning") && r.err.contains("no neuron of out fired"), r.err);
        JsonNode g = Json.read(out);
        assertEquals(1, g.get("warnings").size());
        assertTrue(g.get("warnings").get(0).asText().contains("every gradient is 0"));
        assertEquals(0.0, g.get("projections").get(0).get("weights").get(0).get(0).asDouble());
        CliRunner firing = gradient("eventprop", "--loss", "ttfs-ce", "--label", "1", "--tau0", "0.005");
        assertEquals(0, firing.status);
        assertFalse(firing.err.contains("warning"), firing.err);
        assertEquals(0, Json.read(dir.resolve("g-eventprop.json")).get("warnings").size());
    }
}

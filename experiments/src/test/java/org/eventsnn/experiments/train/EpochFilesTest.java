package org.eventsnn.experiments.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link EpochFiles} writes the very bytes of the JSON trees it stands in for, epoch after epoch. */
class EpochFilesTest {
    private static final double[] SPECIAL = {0.0, -0.0, 1.0, -1.0, 0.1, 1e-300, -4.9e-324, 1.7976931348623157e308, 1e7,
        1e-3, 9.999999999999999e22, 2.5e-5, 123456.789, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    @TempDir
    Path dir;

    @Test
    void numbersAreWrittenAsJacksonWritesThem() throws Exception {
        Random r = new Random(1);
        List<Double> xs = new ArrayList<>();
        for (double x : SPECIAL) {
            xs.add(x);
        }
        for (int i = 0; i < 20000; i++) {
            xs.add(i % 2 == 0 ? Double.longBitsToDouble(r.nextLong()) : r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20));
        }
        for (double x : xs) {
            assertEquals(Json.mapper().writeValueAsString(DoubleNode.valueOf(x)), EpochFiles.number(x), "bits of " + x);
        }
    }

    /** Dense weights with fixed per-synapse delays, a synapse list, a procedural rule, a non-ASCII name. */
    private static final String MIXED = "{\"format\": \"eventsnn-model\", \"version\": 1, \"populations\": ["
            + "{\"name\": \"in\", \"type\": \"input\", \"size\": 3},"
            + " {\"name\": \"hïdden \\\"1\\\"\", \"type\": \"lif\", \"size\": 4, \"params\": {\"tauMem\": 0.005, \"tauSyn\": 0.0025}},"
            + " {\"name\": \"out\", \"type\": \"lif\", \"size\": 2, \"params\": {\"tauMem\": 0.01, \"tauSyn\": 0.005}}],"
            + " \"projections\": ["
            + "{\"source\": \"in\", \"target\": \"hïdden \\\"1\\\"\", \"weights\": [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]],"
            + " \"delays\": [[0, 0.001, 0, 0], [0, 0, 0.002, 0], [0, 0, 0, 0.003]]},"
            + " {\"source\": \"hïdden \\\"1\\\"\", \"target\": \"out\", \"connections\": {\"source\": [3, 0, 2], \"target\": [1, 1, 0],"
            + " \"weight\": [0.5, 0.7, -0.25]}},"
            + " {\"source\": \"in\", \"target\": \"out\", \"procedural\": {\"rule\": \"pairwise-bernoulli\", \"probability\": 0.5,"
            + " \"seed\": 11, \"weight\": {\"mean\": 1.5, \"sd\": 0.5}, \"delay\": {\"mean\": 0.001, \"sd\": 0, \"min\": 0.001}, \"store\": true}}]}";

    /** A random projection: written as its rule while all weights are equal, as a list after training. */
    private static final String RANDOM = "{\"format\": \"eventsnn-model\", \"version\": 1, \"populations\": ["
            + "{\"name\": \"in\", \"type\": \"input\", \"size\": 6},"
            + " {\"name\": \"out\", \"type\": \"lif\", \"size\": 5, \"params\": {\"tauMem\": 0.005, \"tauSyn\": 0.005}}],"
            + " \"projections\": [{\"source\": \"in\", \"target\": \"out\", \"random\": {\"probability\": 0.5, \"weight\": 1,"
            + " \"seed\": 3}}]}";

    @Test
    void everyEpochsFilesAreTheTreesBytes() throws Exception {
        sameBytesOverEpochs(ModelFiles.fromJson(Json.mapper().readTree(MIXED), "m.json"), dir.resolve("mixed"));
    }

    @Test
    void aLayoutThatDependsOnTheWeightsIsWrittenFromTheTree() throws Exception {
        sameBytesOverEpochs(ModelFiles.fromJson(Json.mapper().readTree(RANDOM), "r.json"), dir.resolve("random"));
    }

    @Test
    void yinYangsNetworkAsTrained() throws Exception {
        TrainingConfig config = Presets.get("fastdeep");
        sameBytesOverEpochs(new YinYangTask(config).initialNetwork(5), dir.resolve("yinyang"));
    }

    private static void sameBytesOverEpochs(Network initial, Path out) throws Exception {
        TrainingConfig config = Presets.get("fastdeep").with("epochs", "9");
        Random r = new Random(7);
        EpochFiles files = new EpochFiles(out);
        List<EpochMetrics> history = new ArrayList<>();
        Network net = initial;
        for (int epoch = 1; epoch <= 8; epoch++) {
            if (epoch == 6) { // a different history from here on (as no run makes one): the texts start again
                history = new ArrayList<>(history.subList(0, 2));
            }
            if (epoch > 1) { // the first epoch keeps the initial weights: a random projection stays a rule
                double[][] w = Trainer.weightsOf(net);
                for (double[] row : w) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = epoch == 2 && i == 0 ? SPECIAL[r.nextInt(13)] : r.nextGaussian() / (1 + r.nextInt(1000));
                    }
                }
                net = net.withAllWeightsAsDoubles(w);
            }
            history.add(new EpochMetrics(epoch, 0.005 * epoch, r.nextDouble(), r.nextInt(5000) / 5000.0,
                    epoch == 3 ? Double.NaN : r.nextDouble(), 0.9, r.nextDouble(), 0.875, epoch * 1.234567891));
            double[][] weights = Trainer.weightsOf(net);
            double[][][] state = new double[epoch == 4 ? 1 : 2][weights.length][];
            for (double[][] a : state) {
                for (int p = 0; p < a.length; p++) {
                    a[p] = new double[epoch == 5 && p == 0 ? 0 : weights[p].length];
                    for (int i = 0; i < a[p].length; i++) {
                        a[p][i] = i < SPECIAL.length && epoch == 7 ? SPECIAL[i] : r.nextGaussian() * 1e-4;
                    }
                }
            }
            List<EpochMetrics> metrics = List.copyOf(history);
            long steps = 34L * epoch;
            int bumped = epoch % 3 - 1;
            double bump = epoch == 8 ? Double.NaN : 5e-4 * epoch;
            double seconds = epoch * 0.61;
            boolean best = epoch % 2 == 1;
            ObjectNode withDelays = epoch == 8 ? Checkpoint.toJson(config, 3, epoch, weights, steps, state, bumped, bump,
                    metrics, seconds, null).put("delays", "as delay learning adds them") : null;
            files.write(net, best, config, 3, epoch, weights, steps, state, bumped, bump, metrics, seconds, withDelays);

            byte[] model = bytes(ModelFiles.toJson(net));
            assertArrayEquals(model, Files.readAllBytes(out.resolve("model.json")), "model.json, epoch " + epoch);
            if (best) {
                assertArrayEquals(model, Files.readAllBytes(out.resolve("model-best.json")), "epoch " + epoch);
            }
            StringBuilder csv = new StringBuilder(EpochMetrics.HEADER).append('\n');
            for (EpochMetrics m : metrics) {
                csv.append(m.csv()).append('\n');
            }
            assertEquals(csv.toString(), Files.readString(out.resolve("metrics.csv")), "metrics.csv, epoch " + epoch);
            byte[] checkpoint = bytes(withDelays != null ? withDelays : Checkpoint.toJson(config, 3, epoch, weights, steps,
                    state, bumped, bump, metrics, seconds, null));
            assertEquals(new String(checkpoint, StandardCharsets.UTF_8),
                    Files.readString(out.resolve(Checkpoint.FILE)), "checkpoint.json, epoch " + epoch);
        }
    }

    private static byte[] bytes(ObjectNode tree) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Json.content(tree).writeTo(out);
        return out.toByteArray();
    }
}

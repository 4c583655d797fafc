package org.eventsnn.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.eventsnn.core.io.Json;
import org.eventsnn.experiments.cli.Main;
import org.eventsnn.experiments.train.EpochMetrics;
import org.eventsnn.experiments.train.Presets;
import org.eventsnn.experiments.train.Trainer;
import org.eventsnn.experiments.train.TrainingConfig;
import org.eventsnn.experiments.train.TrainingListener;
import org.eventsnn.experiments.train.TrainingResult;
import org.eventsnn.experiments.train.YinYangTask;
import org.eventsnn.gradients.BatchGradients;
import org.eventsnn.hardware.Calibration;
import org.eventsnn.hardware.ChipConfig;
import org.eventsnn.hardware.InTheLoop;
import org.eventsnn.hardware.MockAnalogChip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eventsnn sweep} on Spark in local mode, with tiny training runs. */
class SweepTest {
    /** A few seconds of training per run: the options TrainerTest uses. */
    private static final String[] TINY = {"--set", "trainSize=300", "--set", "validationSize=100", "--set", "testSize=100",
        "--set", "batchSize=50"};

    @TempDir
    Path tmp;

    @AfterEach
    void noFaults() {
        FaultInjection.clear();
    }

    private record Cli(int status, String out, String err) {
    }

    private static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Cli(status, out.toString(), err.toString());
    }

    private static Cli sweep(Path dir, String... options) {
        List<String> args = new ArrayList<>(List.of("sweep", "yinyang", "--master", "local[2]", "--output-dir", dir.toString()));
        args.addAll(Arrays.asList(TINY));
        args.addAll(Arrays.asList(options));
        Cli c = run(args.toArray(String[]::new));
        assertEquals(0, c.status, c.err + c.out);
        return c;
    }

    @Test
    void everyRunIsWhatTrainWritesBitForBitAndTheSummaryHoldsEveryRun() throws Exception {
        Path d = tmp.resolve("sweep");
        Cli c = sweep(d, "--grid", "hidden=20,30", "--seeds", "2", "--epochs", "2");
        assertEquals(4, c.out.lines().filter(l -> l.startsWith("sweep: ") && l.contains(" done, ")).count(), c.out);
        assertTrue(c.out.contains("4/4 done, 0 running, 0 failed"), c.out);
        assertFalse(c.out.contains("INFO") || c.err.contains("INFO"), "Spark's log stays out of the terminal: " + c.out + c.err);
        assertTrue(Files.readString(d.resolve("spark.log")).contains("Running Spark version"));

        Path train = tmp.resolve("train");
        List<String> args = new ArrayList<>(List.of("train", "yinyang", "--set", "hidden=30", "--seed", "1", "--epochs",
                "2", "--threads", "1", "--output-dir", train.toString()));
        args.addAll(Arrays.asList(TINY));
        assertEquals(0, run(args.toArray(String[]::new)).status);
        assertSameRun(train, d.resolve("hidden=30").resolve("seed-1"));

        List<String> rows = Files.readAllLines(d.resolve("summary.csv"));
        assertEquals("point,hidden," + SweepSummary.COLUMNS, rows.get(0));
        assertEquals(5, rows.size());
        JsonNode summary = Json.read(d.resolve("summary.json"));
        assertEquals(2, summary.path("points").size());
        for (int p = 0; p < 2; p++) {
            String hidden = p == 0 ? "20" : "30";
            DescriptiveStatistics last = new DescriptiveStatistics();
            DescriptiveStatistics best = new DescriptiveStatistics();
            for (int seed = 0; seed < 2; seed++) {
                JsonNode result = Json.read(d.resolve("hidden=" + hidden).resolve("seed-" + seed).resolve("result.json"));
                last.addValue(result.path("final").path("testAccuracy").asDouble());
                best.addValue(result.path("bestValidation").path("testAccuracy").asDouble());
                String[] row = rows.get(1 + 2 * p + seed).split(",");
                assertEquals(List.of("hidden=" + hidden, hidden, Integer.toString(seed), "2"), List.of(row).subList(0, 4));
                assertEquals(result.path("final").path("testAccuracy").asDouble(), Double.parseDouble(row[4]));
                assertEquals(result.path("wallSeconds").asDouble(), Double.parseDouble(row[row.length - 1]));
            }
            JsonNode point = summary.path("points").get(p);
            assertEquals("hidden=" + hidden, point.path("point").asText());
            assertEquals(last.getMean(), point.path("testAccuracy").path("mean").asDouble());
            assertEquals(last.getStandardDeviation(), point.path("testAccuracy").path("std").asDouble());
            assertEquals(last.getMin(), point.path("testAccuracy").path("min").asDouble());
            assertEquals(last.getMax(), point.path("testAccuracy").path("max").asDouble());
            assertEquals(best.getMean(), point.path("bestValidationTestAccuracy").path("mean").asDouble());
            assertEquals(best.getStandardDeviation(), point.path("bestValidationTestAccuracy").path("std").asDouble());
        }
        byte[] png = Files.readAllBytes(d.resolve("sweep.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    }

    /** Same files, byte for byte, except the wall times that train and sweep record. */
    private static void assertSameRun(Path expected, Path actual) throws IOException {
        List<String> names = list(expected);
        assertEquals(names, list(actual));
        for (String name : names) {
            Path e = expected.resolve(name);
            Path a = actual.resolve(name);
            switch (name) {
                case "metrics.csv" -> assertEquals(withoutSeconds(Files.readAllLines(e)), withoutSeconds(Files.readAllLines(a)));
                case "result.json" -> assertEquals(without(e, "wallSeconds"), without(a, "wallSeconds"));
                case "checkpoint.json" -> {
                    ObjectNode ce = without(e, "seconds");
                    ObjectNode ca = without(a, "seconds");
                    assertEquals(withoutSeconds(texts(ce.remove("metrics"))), withoutSeconds(texts(ca.remove("metrics"))));
                    assertEquals(ce, ca);
                }
                default -> assertArrayEquals(Files.readAllBytes(e), Files.readAllBytes(a), name);
            }
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> l = new ArrayList<>();
        array.forEach(n -> l.add(n.asText()));
        return l;
    }

    private static List<String> withoutSeconds(List<String> csv) {
        return csv.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    private static ObjectNode without(Path json, String field) {
        ObjectNode o = (ObjectNode) Json.read(json);
        assertTrue(o.has(field), json + " has " + field);
        o.remove(field);
        return o;
    }

    /** summary.csv without the wall_seconds column. */
    private static List<String> figures(Path sweep) throws IOException {
        return withoutSeconds(Files.readAllLines(sweep.resolve("summary.csv")));
    }

    /** summary.json without wall times. */
    private static JsonNode statistics(Path sweep) {
        ObjectNode o = (ObjectNode) Json.read(sweep.resolve("summary.json"));
        o.remove("wallSeconds");
        o.path("points").forEach(p -> ((ObjectNode) p).remove("wallSeconds"));
        return o;
    }

    @Test
    void aTaskThatFailsOnceIsRetriedFromItsCheckpointAndTheSummaryIsUnchanged() throws Exception {
        Path clean = tmp.resolve("clean");
        sweep(clean, "--seeds", "2", "--epochs", "3");

        // seed 1 dies right after its second epoch's checkpoint; the retry must start at epoch 3
        Map<Long, List<Integer>> firstEpochOfAttempts = new ConcurrentHashMap<>();
        AtomicBoolean failed = new AtomicBoolean();
        FaultInjection.set(run -> new TrainingListener() {
            private boolean started;

            @Override
            public void epochStarted(int epoch, int epochs, int batches) {
                if (!started) {
                    started = true;
                    firstEpochOfAttempts.computeIfAbsent(run.seed(), s -> Collections.synchronizedList(new ArrayList<>()))
                            .add(epoch);
                }
            }

            @Override
            public void epochDone(EpochMetrics m, int epochs) {
                if (run.seed() == 1 && m.epoch == 2 && failed.compareAndSet(false, true)) {
                    throw new IllegalStateException("test: executor lost");
                }
            }
        });
        Path faulty = tmp.resolve("faulty");
        Cli c = sweep(faulty, "--seeds", "2", "--epochs", "3");
        assertTrue(failed.get());
        assertEquals(List.of(0, 2), firstEpochOfAttempts.get(1L), "the retry resumes after the last finished epoch");
        assertEquals(List.of(0), firstEpochOfAttempts.get(0L));
        assertTrue(c.out.contains("base seed 1 failed, Spark retries it"), c.out);
        assertTrue(c.out.contains("2/2 done, 0 running, 1 failed"), c.out);
        assertEquals(figures(clean), figures(faulty));
        assertEquals(statistics(clean), statistics(faulty));
        for (String seed : new String[] {"seed-0", "seed-1"}) {
            assertArrayEquals(Files.readAllBytes(clean.resolve("base").resolve(seed).resolve("model.json")),
                    Files.readAllBytes(faulty.resolve("base").resolve(seed).resolve("model.json")));
        }
    }

    @Test
    void aRunThatKeepsFailingStopsTheSweepAndKeepsTheFinishedRuns() {
        FaultInjection.set(run -> new TrainingListener() {
            @Override
            public void epochStarted(int epoch, int epochs, int batches) {
                if (run.seed() == 0) {
                    throw new IllegalStateException("test: a run that always fails");
                }
            }
        });
        Path d = tmp.resolve("failing");
        List<String> args = new ArrayList<>(List.of("sweep", "yinyang", "--master", "local[1]", "--seeds", "2", "--epochs",
                "1", "--output-dir", d.toString()));
        args.addAll(Arrays.asList(TINY));
        Cli c = run(args.toArray(String[]::new));
        assertEquals(1, c.status, c.out);
        assertTrue(c.err.contains("a run failed 4 times") && c.err.contains("--resume"), c.err);
        assertTrue(c.out.contains("base seed 0 failed, Spark retries it"), c.out);
        assertFalse(Files.exists(d.resolve("summary.csv")));
        assertFalse(Files.exists(d.resolve("base").resolve("seed-0").resolve("result.json")));
    }

    @Test
    void resumeSkipsFinishedRunsAndContinuesTheOthers() throws Exception {
        Path d = tmp.resolve("sweep");
        sweep(d, "--seeds", "2", "--epochs", "2");
        Cli again = run("sweep", "yinyang", "--seeds", "2", "--epochs", "2", "--output-dir", d.toString());
        assertEquals(2, again.status);
        assertTrue(again.err.contains("--resume"), again.err);

        Map<Long, Integer> trainedFrom = new ConcurrentHashMap<>();
        FaultInjection.set(run -> new TrainingListener() {
            @Override
            public void epochStarted(int epoch, int epochs, int batches) {
                trainedFrom.putIfAbsent(run.seed(), epoch);
            }
        });
        // more epochs continue both runs from their checkpoints, an extra seed starts afresh
        sweep(d, "--seeds", "3", "--epochs", "3", "--resume");
        assertEquals(Map.of(0L, 2, 1L, 2, 2L, 0), trainedFrom);
        Path fresh = tmp.resolve("fresh");
        FaultInjection.clear();
        sweep(fresh, "--seeds", "3", "--epochs", "3");
        assertEquals(figures(fresh), figures(d));

        trainedFrom.clear();
        FaultInjection.set(run -> new TrainingListener() {
            @Override
            public void epochStarted(int epoch, int epochs, int batches) {
                trainedFrom.putIfAbsent(run.seed(), epoch);
            }
        });
        Cli done = sweep(d, "--seeds", "3", "--epochs", "3", "--resume");
        assertTrue(done.out.contains("all 3 runs were finished before"), done.out);
        assertEquals(Map.of(), trainedFrom);
        assertEquals(figures(fresh), figures(d));
    }

    @Test
    void theHardwareReportsFiguresAreThoseOfTrainingOnEachBackend() throws Exception {
        Path d = tmp.resolve("report");
        String[] settings = {"--set", "hidden=15", "--set", "trainSize=60", "--set", "validationSize=20", "--set",
            "testSize=40"};
        Cli c = run(Stream.concat(Stream.of("hardware-report", "--chip-seed", "2", "--epochs", "2", "--seeds", "2",
                "--master", "local[2]", "--output-dir", d.toString()), Arrays.stream(settings)).toArray(String[]::new));
        assertEquals(0, c.status, c.err + c.out);
        JsonNode variants = Json.read(d.resolve("report.json")).path("variants");

        // what hardware-report computed before its runs became Spark tasks, seed by seed
        TrainingConfig config = Presets.get("fastdeep").with("epochs", "2").withAll(Map.of("hidden", "15", "trainSize",
                "60", "validationSize", "20", "testSize", "40"));
        ChipConfig chip = ChipConfig.builder(2).build();
        YinYangTask task = new YinYangTask(config);
        Calibration calibration = Calibration.measure(new MockAnalogChip(chip), task.neuronParameters(), 15 + 3);
        for (int seed = 0; seed < 2; seed++) {
            Trainer software = Trainer.forYinYang(config, seed, 2);
            TrainingResult a = software.run(null, false, TrainingListener.NONE);
            double deployed;
            try (BatchGradients onChip = new BatchGradients(2, task::newMethod, new InTheLoop(new MockAnalogChip(chip)))) {
                deployed = Trainer.evaluate(onChip, a.network(), software.testData(), YinYangTask.OUTPUT_INDEX,
                        task.loss()).accuracy;
            }
            double inTheLoop = Trainer.forYinYang(config, seed, 2).onForwardPass(new InTheLoop(new MockAnalogChip(chip)))
                    .run(null, false, TrainingListener.NONE).last().testAccuracy;
            double calibrated = Trainer.forYinYang(config, seed, 2).onForwardPass(new InTheLoop(
                    new MockAnalogChip(chip, calibration.readoutOffsetMicros()), calibration::applyTo))
                    .run(null, false, TrainingListener.NONE).last().testAccuracy;
            double[] expected = {a.last().testAccuracy, deployed, inTheLoop, calibrated};
            for (int v = 0; v < 4; v++) {
                assertEquals(expected[v], variants.get(v).path("testAccuracy").get(seed).asDouble(), "variant " + v + " seed " + seed);
            }
        }
        assertTrue(Files.exists(d.resolve("calibrated").resolve("seed-1").resolve("model.json")));
    }

    @Test
    void aBadGridValueIsRefusedBeforeAnyTaskStarts() {
        Path d = tmp.resolve("never");
        for (String[] bad : new String[][] {{"--grid", "learningRate=0.001,-1"}, {"--grid", "hiden=20,30"},
            {"--grid", "hidden=20,20"}, {"--grid", "hidden=20,"}, {"--grid", "method=eventprop,adam"}}) {
            Cli c = run(Stream.concat(Stream.of("sweep", "yinyang", "--seeds", "2", "--output-dir", d.toString()),
                    Arrays.stream(bad)).toArray(String[]::new));
            assertEquals(2, c.status, c.err);
            assertEquals(1, c.err.lines().count(), c.err);
            String name = bad[1].substring(0, bad[1].indexOf('='));
            assertTrue(c.err.contains("--grid " + name), c.err);
            assertFalse(Files.exists(d), "nothing is written");
        }
        Cli c = run("sweep", "yinyang", "--seeds", "2", "--output-dir", d.toString(), "--grid", "learningRate=0.001,-1");
        assertTrue(c.err.contains("learningRate=-1") && c.err.contains("must be > 0"), c.err);
    }

    /**
     * A master Spark cannot parse, a --grid parameter given twice and an output directory that is
     * a file exit 2 before anything is written: they stopped with an internal error (status 1,
     * spark.log left behind), ran the second list only, or named the path without saying why.
     */
    @Test
    void aBadMasterARepeatedGridAndAFileForADirectoryAreRefusedBeforeAnyTaskStarts() throws Exception {
        Path d = tmp.resolve("never");
        Path file = Files.writeString(tmp.resolve("file"), "x");
        String[][] cases = {{"--master", "foo", "--output-dir", d.toString()},
            {"--grid", "hidden=20", "--grid", "hidden=30", "--output-dir", d.toString()},
            {"--output-dir", file.toString()}};
        String[] expected = {"--master foo", "--grid hidden", "it is a file, expected a directory"};
        for (int k = 0; k < cases.length; k++) {
            Cli c = run(Stream.concat(Stream.of("sweep", "yinyang", "--seeds", "1"), Arrays.stream(cases[k]))
                    .toArray(String[]::new));
            assertEquals(2, c.status, c.err);
            assertEquals(1, c.err.lines().count(), c.err);
            assertTrue(c.err.contains(expected[k]), c.err);
            assertFalse(Files.exists(d), "nothing is written");
        }
        assertEquals("local[2,4]", SparkSweep.master("local[2]", 1));
        for (String good : new String[] {"local", "local[*]", "local[3,2]", "local-cluster[2,1,1024]", "spark://h:7077",
            "yarn", "k8s://https://h:443", "mesos://h:5050"}) {
            SparkSweep.requireMaster(good);
        }
    }

    @Test
    void localMastersGetSparksRetryCount() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals("local[" + Math.max(1, cores / 2) + ",4]", SparkSweep.master(null, 2));
        assertEquals("local[2,4]", SparkSweep.master("local[2]", 1));
        assertEquals("local[*,4]", SparkSweep.master("local[*]", 1));
        assertEquals("local[1,4]", SparkSweep.master("local", 1));
        assertEquals("local[2,1]", SparkSweep.master("local[2,1]", 1));
        assertEquals("spark://host:7077", SparkSweep.master("spark://host:7077", 3));
    }

    @Test
    void theGridIsTheProductOfItsParametersInOrder() {
        SweepPlan plan = SweepPlan.builder("yinyang", "fastdeep", tmp).grid(Map.of("hidden", "20,30"))
                .seeds(5, 2).build();
        assertEquals(List.of("hidden=20", "hidden=30"), plan.points().stream().map(GridPoint::name).toList());
        assertEquals(List.of(5L, 6L, 5L, 6L), plan.runs().stream().map(RunSpec::seed).toList());
        java.util.LinkedHashMap<String, String> two = new java.util.LinkedHashMap<>();
        two.put("learningRate", "0.001,0.002");
        two.put("method", "eventprop,fastdeep");
        SweepPlan product = SweepPlan.builder("yinyang", "eventprop", tmp).grid(two).set(Map.of("silentPenalty", "0"))
                .seeds(0, 1).build();
        assertEquals("learningRate=0.001_method=eventprop,learningRate=0.001_method=fastdeep,"
                + "learningRate=0.002_method=eventprop,learningRate=0.002_method=fastdeep",
                product.points().stream().map(GridPoint::name).collect(Collectors.joining(",")));
        assertEquals(tmp.resolve("learningRate=0.002_method=fastdeep").resolve("seed-0").toString(),
                product.runs().get(3).runDir());
        assertEquals("0.002", product.runs().get(3).config().toJson().get("learningRate").asText());
        assertEquals(10, product.runs().get(0).config().integer("epochs"), "train's short run by default");
        // settings are checked together with --method, as train checks them
        SweepPlan eventprop = SweepPlan.builder("yinyang", "fastdeep", tmp).set(Map.of("silentPenalty", "100"))
                .method("eventprop").grid(Map.of("learningRate", "0.001,0.002")).seeds(0, 1).build();
        assertEquals("eventprop", eventprop.runs().get(1).config().text("method"));
    }
}

package org.eventsnn.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eventsnn.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate --threads}: the same output file for every thread count, its refusals and its fallback. */
class SimulateThreadsTest {
    @TempDir
    Path dir;

    private Path emptyInput(double duration) throws Exception {
        Path p = dir.resolve("none.json");
        Files.writeString(p, "{\"format\": \"eventsnn-spikes\", \"version\": 1, \"duration\": " + duration
                + ", \"populations\": {}}");
        return p;
    }

    private CliRunner simulate(Path model, Path input, String output, String... more) {
        String[] base = {"simulate", "--model", model.toString(), "--input", input.toString(), "--output",
                dir.resolve(output).toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRunner.run(args);
    }

    @Test
    void everyThreadCountWritesTheSameSpikes() throws Exception {
        Path model = dir.resolve("m.json");
        assertEquals(0, CliRunner.run("generate", "microcircuit", "--scale", "0.01", "--seed", "3", "--output",
                model.toString()).status);
        Path input = emptyInput(0.05);
        CliRunner one = simulate(model, input, "o1.json", "--stats", dir.resolve("s1.json").toString());
        assertEquals(0, one.status, one.err);
        byte[] expected = Files.readAllBytes(dir.resolve("o1.json"));
        JsonNode s1 = Json.read(dir.resolve("s1.json"));
        for (int threads = 2; threads <= 3; threads++) {
            CliRunner r = simulate(model, input, "o" + threads + ".json", "--threads", Integer.toString(threads),
                    "--stats", dir.resolve("s" + threads + ".json").toString());
            assertEquals(0, r.status, r.err);
            assertEquals("", r.err.strip(), "nothing to say with delays");
            assertArrayEquals(expected, Files.readAllBytes(dir.resolve("o" + threads + ".json")), threads + " threads");
            JsonNode s = Json.read(dir.resolve("s" + threads + ".json"));
            assertEquals(threads, s.get("threads").asInt());
            assertEquals(s1.get("events"), s.get("events"), "the same events counted");
            assertEquals(s1.get("populations"), s.get("populations"));
        }
        assertTrue(s1.get("events").get("synaptic").asLong() > 0, s1.toString());
    }

    @Test
    void badThreadCountsExitTwoNamingTheOption() throws Exception {
        Path model = dir.resolve("m.json");
        assertEquals(0, CliRunner.run("generate", "cuba", "--neurons", "50", "--output", model.toString()).status);
        Path input = emptyInput(0.01);
        for (String bad : new String[] {"0", "-2", "two"}) {
            CliRunner r = simulate(model, input, "o.json", "--threads", bad);
            assertEquals(2, r.status, bad + ": " + r.err);
            assertTrue(r.err.contains("--threads"), r.err);
            assertFalse(Files.exists(dir.resolve("o.json")));
        }
    }

    @Test
    void runawayActivityStopsAtTheBudgetWithTheSingleThreadedMessage() throws Exception {
        Path model = dir.resolve("runaway.json");
        // with Poisson drive, so that two threads share its windows
        Files.writeString(model, SimulateCommandTest.RUNAWAY.replace("\"delay\": 0.0", "\"delay\": 0.001")
                .replace("\"params\": {\"refractory\": 0.0}",
                        "\"params\": {\"refractory\": 0.0}, \"poisson\": {\"rate\": 10.0, \"weight\": 0.01, \"seed\": 1}"));
        Path input = emptyInput(1);
        CliRunner one = simulate(model, input, "o1.json", "--max-spikes", "1000");
        CliRunner two = simulate(model, input, "o2.json", "--max-spikes", "1000", "--threads", "2");
        assertEquals(2, one.status, one.err);
        assertEquals(2, two.status, two.err);
        String message = two.err.strip();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.contains("runaway.json") && message.contains("--max-spikes 1000")
                && message.contains("population loop fired 1000")
                && message.contains("detected at the end of a window of the minimum delay"), message);
        String single = one.err.strip();
        String core = single.substring(single.indexOf("more than"), single.indexOf("; runaway"));
        assertTrue(message.contains(core + " (detected"), "the same spike and counts: " + message + " / " + single);
        assertFalse(Files.exists(dir.resolve("o2.json")));
    }

    /**
     * A model without Poisson drive whose windows would hold few events (CUBA of 200 neurons with
     * 1 ms delays) runs on one thread, faster, and says why once; the same spikes.
     */
    @Test
    void aSmallUndrivenModelRunsOnOneThreadAndSaysWhy() throws Exception {
        Path model = dir.resolve("cuba.json");
        assertEquals(0, CliRunner.run("generate", "cuba", "--neurons", "200", "--probability", "0.1", "--delay", "0.001",
                "--output", model.toString()).status);
        String err = runOnOneThreadWhenAskedForTwo(model, emptyInput(0.05));
        assertTrue(err.startsWith("eventsnn: --threads 2: ") && err.contains("Poisson") && err.contains("one thread")
                && err.contains("0.001 s"), err);
    }

    /**
     * Runs {@code model} on {@code input} with one thread and with {@code --threads 2}, which must
     * run on one thread too (the statistics say so) and write the same file; returns what the
     * second run said on standard error, one line.
     */
    private String runOnOneThreadWhenAskedForTwo(Path model, Path input) throws Exception {
        CliRunner one = simulate(model, input, "o1.json");
        assertEquals(0, one.status, one.err);
        CliRunner two = simulate(model, input, "o2.json", "--threads", "2", "--stats", dir.resolve("s.json").toString());
        assertEquals(0, two.status, two.err);
        String err = two.err.strip();
        assertFalse(err.contains("\n"), err);
        assertArrayEquals(Files.readAllBytes(dir.resolve("o1.json")), Files.readAllBytes(dir.resolve("o2.json")));
        assertEquals(1, Json.read(dir.resolve("s.json")).get("threads").asInt());
        return err;
    }

    @Test
    void aModelWithAZeroDelayRunsOnOneThreadAndSaysSoOnce() throws Exception {
        Path model = dir.resolve("loop.json");
        Files.writeString(model, """
                {"format": "eventsnn-model", "version": 1,
                 "populations": [{"name": "loop", "type": "lif", "size": 3, "initialV": [0.9, 0.5, 0.0],
                   "params": {"threshold": 1.0, "leak": 1.5, "reset": 0.0, "refractory": 0.001}}],
                 "projections": [{"source": "loop", "target": "loop", "delay": 0.0,
                   "weights": [[0.1, -0.2, 0.1], [0.1, 0.1, -0.2], [-0.2, 0.1, 0.1]]}]}
                """);
        String err = runOnOneThreadWhenAskedForTwo(model, emptyInput(0.02));
        assertTrue(err.contains("--threads 2") && err.contains("minimum delay is 0") && err.contains("one thread"), err);
        assertTrue(org.eventsnn.core.io.SpikeFiles.read(dir.resolve("o2.json")).count("loop") > 1, "the loop fires");
    }
}

package org.eventsnn.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.io.SpikeFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SimulateCommandTest {
    static final String MODEL = """
            {"format": "eventsnn-model", "version": 1,
             "populations": [
               {"name": "in", "type": "input", "size": 2},
               {"name": "out", "type": "lif", "size": 2,
                "params": {"tauMem": 0.01, "tauSyn": 0.005, "threshold": 0.6, "leak": 0.0, "reset": 0.0, "refractory": 0.002}}],
             "projections": [
               {"source": "in", "target": "out", "delay": 0.001, "weights": [[2.0, 0.5], [1.5, 3.0]]}]}
            """;
    static final String INPUT = """
            {"format": "eventsnn-spikes", "version": 1, "duration": 0.05,
             "populations": {"in": {"neuron": [0, 1, 1], "time": [0.001, 0.0015, 0.004]}}}
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void writesTheSimulatorsSpikes() throws Exception {
        Path model = write("m.json", MODEL);
        Path input = write("s.json", INPUT);
        Path output = dir.resolve("o.json");
        CliRunner r = CliRunner.run("simulate", "--model", model.toString(), "--input", input.toString(),
                "--output", output.toString());
        assertEquals(0, r.status, r.err);
        SpikeTrains written = SpikeFiles.read(output);
        Network net = ModelFiles.read(model);
        SpikeTrains expected = new Simulator(net).run(SpikeFiles.read(input)).spikes();
        assertTrue(written.count("out") > 0);
        assertArrayEquals(expected.times("out"), written.times("out"));
        assertArrayEquals(expected.neurons("out"), written.neurons("out"));
    }

    @Test
    void durationOptionShortensTheWindow() throws Exception {
        Path output = dir.resolve("o.json");
        CliRunner r = CliRunner.run("simulate", "--model", write("m.json", MODEL).toString(), "--input",
                write("s.json", INPUT).toString(), "--output", output.toString(), "--duration", "0.005");
        assertEquals(0, r.status, r.err);
        assertEquals(0.005, SpikeFiles.read(output).duration());
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of(MODEL.replace("\"source\": \"in\"", "\"source\": \"nowhere\""), INPUT, "nowhere"),
                Arguments.of(MODEL.replace("[[2.0, 0.5], [1.5, 3.0]]", "[[2.0, 0.5]]"), INPUT, "weights"),
                Arguments.of(MODEL.replace("[[2.0, 0.5], [1.5, 3.0]]", "[[2.0, 0.5], [1.5]]"), INPUT, "weights[1]"),
                Arguments.of(MODEL.replace("\"delay\": 0.001", "\"delay\": -0.001"), INPUT, "delay"),
                Arguments.of(MODEL.replace("\"tauMem\": 0.01", "\"tauMem\": -0.01"), INPUT, "tauMem"),
                Arguments.of(MODEL.replace("\"tauSyn\": 0.005", "\"tauSyn\": -0.005"), INPUT, "tauSyn"), // 0 is a delta synapse
                // inverses not finite: 1/tauMem was +infinity (1e-320 s hung the run, 5e-324 s failed naming no file)
                Arguments.of(MODEL.replace("\"tauMem\": 0.01", "\"tauMem\": 1e-320"), INPUT, "tauMem"),
                Arguments.of(MODEL.replace("\"tauMem\": 0.01", "\"tauMem\": 5e-324"), INPUT, "tauMem"),
                Arguments.of(MODEL.replace("\"tauSyn\": 0.005", "\"tauSyn\": 1e-310"), INPUT, "tauSyn"),
                Arguments.of(MODEL.replace("\"reset\": 0.0", "\"reset\": 0.7"), INPUT, "threshold"),
                Arguments.of(MODEL.replace("\"tauMem\": 0.01", "\"tauMem\": NaN"), INPUT, "NaN is not a valid number here"),
                Arguments.of(MODEL.replace("\"tauMem\": 0.01", "\"tauMen\": 0.01"), INPUT, "tauMen"),
                Arguments.of(MODEL.replace("\"format\": \"eventsnn-model\"", "\"format\": \"other\""), INPUT, "format"),
                Arguments.of(MODEL.substring(0, 100), INPUT, "ends before the JSON is complete"),
                Arguments.of(MODEL, INPUT.replace("[0.001, 0.0015, 0.004]", "[0.001, 0.004, 0.0015]"), "time[2]"),
                Arguments.of(MODEL, INPUT.replace("[0.001, 0.0015, 0.004]", "[-0.001, 0.0015, 0.004]"), "time[0]"),
                Arguments.of(MODEL, INPUT.replace("[0.001, 0.0015, 0.004]", "[0.001, 0.0015, 0.4]"), "time[2]"),
                Arguments.of(MODEL, INPUT.replace("[0, 1, 1]", "[0, 1, 5]"), "neuron[2]"),
                Arguments.of(MODEL, INPUT.replace("\"in\":", "\"out\":"), "not an input population"),
                Arguments.of(MODEL, INPUT.replace("\"in\":", "\"ghost\":"), "ghost"),
                Arguments.of(MODEL, INPUT.replace("\"duration\": 0.05", "\"duration\": \"long\""), "duration"));
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void badInputExitsTwoWithOneLineAndWritesNothing(String model, String input, String mustMention) throws Exception {
        Path m = write("m.json", model);
        Path s = write("s.json", input);
        Path output = dir.resolve("o.json");
        CliRunner r = CliRunner.run("simulate", "--model", m.toString(), "--input", s.toString(),
                "--output", output.toString());
        assertEquals(2, r.status, r.err);
        String message = r.err.strip();
        assertFalse(message.contains("\n"), "one line: " + message);
        assertTrue(message.contains(mustMention), message);
        assertTrue(message.contains("m.json") || message.contains("s.json"), "names the file: " + message);
        assertFalse(Files.exists(output), "nothing written on failure");
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void missingOptionIsAUsageError() {
        CliRunner r = CliRunner.run("simulate", "--model", "x.json");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("--output"), r.err);
    }

    static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void theShippedExampleRuns() throws Exception {
        Path output = dir.resolve("o.json");
        CliRunner r = CliRunner.run("simulate", "--model", EXAMPLES.resolve("model.json").toString(), "--input",
                EXAMPLES.resolve("input.json").toString(), "--output", output.toString());
        assertEquals(0, r.status, r.err);
        SpikeTrains written = SpikeFiles.read(output);
        assertTrue(written.count("hidden") > 0 && written.count("out") > 0, "both layers fire");
    }

    @Test
    void withoutInputTheDurationIsRequiredAndTheModelRunsOnItsOwn() throws Exception {
        Path m = write("m.json", MODEL.replace("\"refractory\": 0.002}", "\"refractory\": 0.002}, \"initialV\": [0.7, 0.0]"));
        Path output = dir.resolve("o.json");
        CliRunner missing = CliRunner.run("simulate", "--model", m.toString(), "--output", output.toString());
        assertEquals(2, missing.status);
        assertTrue(missing.err.contains("--duration"), missing.err);
        assertFalse(Files.exists(output));
        CliRunner r = CliRunner.run("simulate", "--model", m.toString(), "--duration", "0.01", "--output",
                output.toString());
        assertEquals(0, r.status, r.err);
        SpikeTrains written = SpikeFiles.read(output);
        assertEquals(0.01, written.duration());
        assertArrayEquals(new int[] {0}, written.neurons("out"), "the neuron starting above threshold fires at 0");
    }

    static final String RUNAWAY = """
            {"format": "eventsnn-model", "version": 1,
             "populations": [
               {"name": "loop", "type": "lif", "size": 3, "params": {"refractory": 0.0}, "initialV": [0.7, 0.0, 0.0]}],
             "projections": [
               {"source": "loop", "target": "loop", "delay": 0.0, "weights": [[5, 5, 5], [5, 5, 5], [5, 5, 5]]}]}
            """;

    @Test
    void runawayActivityStopsAtTheSpikeBudgetNamingThePopulation() throws Exception {
        Path m = write("runaway.json", RUNAWAY);
        Path output = dir.resolve("o.json");
        CliRunner r = CliRunner.run("simulate", "--model", m.toString(), "--duration", "1", "--max-spikes", "1000",
                "--output", output.toString());
        assertEquals(2, r.status, r.err);
        String message = r.err.strip();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.contains("runaway.json") && message.contains("--max-spikes 1000")
                && message.contains("population loop fired 1000"), message);
        assertFalse(Files.exists(output));
        assertEquals(2, CliRunner.run("simulate", "--model", m.toString(), "--duration", "1", "--max-spikes", "0",
                "--output", output.toString()).status);
    }

    @Test
    void modelsTooLargeForTheHeapAreRefusedBeforeTheyAreBuilt() throws Exception {
        Path m = write("huge.json", """
                {"format": "eventsnn-model", "version": 1,
                 "populations": [{"name": "net", "type": "lif", "size": 200000}],
                 "projections": [{"source": "net", "target": "net", "random": {"probability": 0.5, "weight": 0.1, "seed": 1}}]}
                """);
        Path output = dir.resolve("o.json");
        CliRunner r = CliRunner.run("simulate", "--model", m.toString(), "--duration", "0.1", "--output", output.toString());
        assertEquals(2, r.status, r.err);
        assertTrue(r.err.contains("huge.json") && r.err.contains("maximum heap") && r.err.contains("-Xmx"), r.err);
        assertFalse(Files.exists(output));
        CliRunner cuba = CliRunner.run("generate", "cuba", "--neurons", "1000000", "--output", output.toString());
        assertEquals(2, cuba.status, cuba.err);
        assertTrue(cuba.err.contains("--neurons 1000000") && cuba.err.contains("maximum heap"), cuba.err);
        CliRunner train = CliRunner.run("train", "yinyang", "--set", "hidden=100000000", "--output-dir",
                dir.resolve("run").toString());
        assertEquals(2, train.status, train.err);
        assertTrue(train.err.contains("hidden = 100000000") && train.err.contains("maximum heap"), train.err);
        assertFalse(Files.exists(dir.resolve("run")));
    }
}

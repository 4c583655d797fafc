package org.eventsnn.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eventsnn.datasets.CueAccumulation;
import org.eventsnn.datasets.LabelledSpikes;
import org.eventsnn.datasets.Npy;
import org.eventsnn.datasets.Randman;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalDatasetCommandTest {
    @TempDir
    Path dir;

    @Test
    void randmanJsonIsTheGeneratorsDataset() {
        Path out = dir.resolve("rm.json");
        CliRunner r = CliRunner.run("dataset", "randman", "--classes", "3", "--inputs", "7", "--samples-per-class", "4",
                "--dimension", "1", "--alpha", "1.5", "--duration", "0.05", "--seed", "9", "--format", "json",
                "--output", out.toString());
        assertEquals(0, r.status, r.err);
        LabelledSpikes read = LabelledSpikes.read(out);
        LabelledSpikes made = Randman.of(3, 7, 1, 1.5, 4, 0.05).generate(9, "in");
        assertEquals(12, read.sampleCount());
        for (int s = 0; s < 12; s++) {
            assertEquals(made.label(s), read.label(s));
            assertArrayEquals(made.input(s).times("in"), read.input(s).times("in"), 0.0);
        }
    }

    @Test
    void cueAccumulationCsvHasOneRowPerSpike() throws Exception {
        Path out = dir.resolve("cues.csv");
        CliRunner r = CliRunner.run("dataset", "cue-accumulation", "--size", "6", "--delay", "0.2", "--seed", "3",
                "--output", out.toString());
        assertEquals(0, r.status, r.err);
        List<String> lines = Files.readAllLines(out);
        assertEquals("sample,label,neuron,time", lines.get(0));
        LabelledSpikes made = CueAccumulation.builder().delay(0.2).build().generate(6, 3, "in");
        int rows = 0;
        for (int s = 0; s < 6; s++) {
            rows += made.input(s).count("in");
        }
        assertEquals(rows + 1, lines.size());
        String[] last = lines.get(rows).split(",");
        assertEquals("5", last[0]);
        assertEquals(made.label(5), Integer.parseInt(last[1]));
        double[] t = made.input(5).times("in");
        assertEquals(t[t.length - 1], Double.parseDouble(last[3]), 0.0);
    }

    @Test
    void cueAccumulationNpyWritesSpikesAndLabels() {
        CliRunner r = CliRunner.run("dataset", "cue-accumulation", "--size", "4", "--cues", "3", "--format", "npy",
                "--output", dir.resolve("c").toString());
        assertEquals(0, r.status, r.err);
        Npy.Array spikes = Npy.read(dir.resolve("c_spikes.npy"));
        assertEquals(3, spikes.shape()[1]);
        assertArrayEquals(new int[] {0, 1, 0, 1}, Npy.read(dir.resolve("c_labels.npy")).ints());
    }

    @Test
    void badValuesExitTwoNamingTheField() {
        CliRunner even = CliRunner.run("dataset", "cue-accumulation", "--cues", "4", "--output", dir.resolve("x").toString());
        assertEquals(2, even.status);
        assertTrue(even.err.contains("cues"), even.err);
        CliRunner alpha = CliRunner.run("dataset", "randman", "--alpha", "-1", "--output", dir.resolve("x").toString());
        assertEquals(2, alpha.status);
        assertTrue(alpha.err.contains("alpha"), alpha.err);
        CliRunner classes = CliRunner.run("dataset", "randman", "--classes", "0", "--output", dir.resolve("x").toString());
        assertEquals(2, classes.status);
        assertTrue(classes.err.contains("--classes must be >= 1, got 0"), classes.err);
        CliRunner perClass = CliRunner.run("dataset", "randman", "--samples-per-class", "0", "--output",
                dir.resolve("x").toString());
        assertTrue(perClass.err.contains("--samples-per-class must be"), perClass.err);
        CliRunner group = CliRunner.run("dataset", "cue-accumulation", "--group-size", "0", "--output",
                dir.resolve("x").toString());
        assertTrue(group.err.contains("--group-size must be"), group.err);
        assertEquals(2, CliRunner.run("dataset", "randman", "--format", "xml", "--output", dir.resolve("x").toString()).status);
        assertEquals(2, CliRunner.run("dataset", "randman", "--size", "5", "--output", dir.resolve("x").toString()).status);
        assertEquals(2, CliRunner.run("dataset", "cue-accumulation", "--noise-rate", "NaN", "--output",
                dir.resolve("x").toString()).status);
        // a delay of 1e300 s ran out of memory after most of a minute; it is refused before any draw
        for (String[] huge : new String[][] {{"--delay", "1e300"}, {"--cue-rate", "1e12"}, {"--size", "2000000000"}}) {
            CliRunner r = CliRunner.run("dataset", "cue-accumulation", huge[0], huge[1], "--output", dir.resolve("x").toString());
            assertEquals(2, r.status, r.err);
            assertTrue(r.err.contains("cue-accumulation: about") && r.err.contains("maximum heap"), r.err);
        }
        assertFalse(Files.exists(dir.resolve("x")));
    }
    /**
     * Options of another dataset are refused, not ignored, and {@code --output -} is standard
     * output for CSV and JSON (npy, two files, refuses it); randman and cue-accumulation wrote a
     * file named "-" (and "-_spikes.npy") in the working directory and ignored foreign options.
     */
    @Test
    void optionsOfAnotherDatasetAreRefusedAndDashIsStandardOutput() {
        String[][] foreign = {{"randman", "--cues", "3"}, {"cue-accumulation", "--alpha", "3"},
            {"yinyang", "--split", "test", "--classes", "3"}, {"circle", "--delay", "1"}};
        for (String[] f : foreign) {
            String[] args = new String[f.length + 3];
            args[0] = "dataset";
            System.arraycopy(f, 0, args, 1, f.length);
            args[f.length + 1] = "--output";
            args[f.length + 2] = dir.resolve("x").toString();
            CliRunner r = CliRunner.run(args);
            assertEquals(2, r.status, String.join(" ", f));
            assertTrue(r.err.contains(f[f.length - 2]) && r.err.contains("does not apply to " + f[0]), r.err);
        }
        assertFalse(Files.exists(dir.resolve("x")));
        CliRunner csv = CliRunner.run("dataset", "cue-accumulation", "--size", "2", "--output", "-");
        assertEquals(0, csv.status, csv.err);
        assertTrue(csv.out.startsWith("sample,label,neuron,time\n0,"), csv.out);
        CliRunner json = CliRunner.run("dataset", "randman", "--classes", "2", "--samples-per-class", "1", "--format", "json",
                "--output", "-");
        assertEquals(0, json.status, json.err);
        assertTrue(json.out.contains("eventsnn-labelled-spikes"), json.out);
        CliRunner npy = CliRunner.run("dataset", "randman", "--classes", "2", "--samples-per-class", "1", "--format", "npy",
                "--output", "-");
        assertEquals(2, npy.status);
        assertTrue(npy.err.contains("--output -"), npy.err);
        assertFalse(Files.exists(Path.of("-")) || Files.exists(Path.of("-_spikes.npy")));
    }
}

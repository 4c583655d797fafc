package org.eventsnn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.SpikeFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command's output path: exit 2 with one line for paths that cannot be files, - for standard output. */
class OutputPathCommandTest {
    @TempDir
    Path dir;
    Path model;
    Path input;

    @BeforeEach
    void files() throws Exception {
        model = dir.resolve("m.json");
        input = dir.resolve("s.json");
        Files.writeString(model, SimulateCommandTest.MODEL);
        Files.writeString(input, SimulateCommandTest.INPUT);
    }

    private CliRunner simulate(String output) {
        return CliRunner.run("simulate", "--model", model.toString(), "--input", input.toString(), "--output", output);
    }

    private List<Path> listing() throws Exception {
        try (var s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static void assertOneLineExitTwo(CliRunner r, String... mentions) {
        assertEquals(2, r.status, r.err);
        String m = r.err.strip();
        assertFalse(m.contains("\n"), m);
        for (String s : mentions) {
            assertTrue(m.contains(s), m);
        }
    }

    @Test
    void aDirectoryIsRefused() throws Exception {
        Path d = Files.createDirectory(dir.resolve("d"));
        assertOneLineExitTwo(simulate(d.toString()), d.toString(), "is a directory");
        try (var s = Files.list(d)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void aParentThatIsAFileIsRefused() throws Exception {
        Path existing = dir.resolve("existing.json");
        Files.writeString(existing, "keep");
        assertOneLineExitTwo(simulate(existing.resolve("o.json").toString()), "existing.json", "is a file");
        assertEquals("keep", Files.readString(existing));
    }

    @Test
    void anUnwritableLocationIsRefused() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")));
        assertOneLineExitTwo(simulate("/proc/foo.json"), "/proc/foo.json", "cannot write");
    }

    @Test
    void aFifoIsRefusedAndStaysAFifo() throws Exception {
        Path fifo = dir.resolve("fifo.json");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
        assertOneLineExitTwo(simulate(fifo.toString()), "fifo.json", "not a regular file");
        assertFalse(Files.isRegularFile(fifo));
    }

    @Test
    void aSymbolicLinkIsWrittenThrough() throws Exception {
        Path target = Files.createDirectory(dir.resolve("real")).resolve("target.json");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("real", "target.json"));
        assertEquals(0, simulate(link.toString()).status);
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(SpikeFiles.read(target).count("out") > 0);
    }

    @Test
    void aDashWritesToStandardOutput() throws Exception {
        CliRunner r = simulate("-");
        assertEquals(0, r.status, r.err);
        assertFalse(Files.exists(Path.of("-")), "no file named -");
        Path copy = dir.resolve("copy.json");
        Files.writeString(copy, r.out);
        assertTrue(SpikeFiles.read(copy).count("out") > 0);
        CliRunner g = CliRunner.run("generate", "cuba", "--neurons", "10", "--output", "-");
        assertEquals(0, g.status, g.err);
        assertTrue(g.out.contains("eventsnn-model"));
        CliRunner d = CliRunner.run("dataset", "circle", "--size", "3", "--output", "-");
        assertEquals(0, d.status, d.err);
        assertEquals(4, d.out.strip().split("\n").length, d.out);
        assertEquals(2, CliRunner.run("dataset", "circle", "--size", "3", "--format", "npy", "--output", "-").status);
    }

    @Test
    void everyCommandRefusesADirectoryAsItsOutputFile() throws Exception {
        Path d = Files.createDirectory(dir.resolve("d"));
        String out = d.toString();
        assertOneLineExitTwo(CliRunner.run("generate", "cuba", "--neurons", "10", "--output", out), "is a directory");
        assertOneLineExitTwo(CliRunner.run("dataset", "circle", "--size", "3", "--output", out), "is a directory");
        assertOneLineExitTwo(CliRunner.run("calibrate", "--neurons", "2", "--output", out), "is a directory");
        assertOneLineExitTwo(CliRunner.run("gradient", "--model", model.toString(), "--input", input.toString(),
                "--method", "eventprop", "--loss", "ttfs-ce", "--label", "0", "--tau0", "0.005", "--population", "out",
                "--output", out), "is a directory");
    }

    @Test
    void anOutputDirectoryThatIsAFileIsRefused() throws Exception {
        Path file = dir.resolve("model.json");
        Files.writeString(file, "{}");
        assertOneLineExitTwo(CliRunner.run("train", "yinyang", "--epochs", "1", "--output-dir", file.toString()),
                "model.json", "is a file");
        assertOneLineExitTwo(CliRunner.run("hardware-report", "--epochs", "1", "--output-dir", file.toString()),
                "model.json", "is a file");
        assertEquals("{}", Files.readString(file));
        assertEquals(3, listing().size(), "nothing else written: " + listing());
        assertTrue(Json.read(file).isEmpty());
    }
}

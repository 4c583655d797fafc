package org.eventsnn.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.io.SpikeFiles;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NirCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static final String EXPRESSIBLE = SimulateCommandTest.MODEL.replace("\"refractory\": 0.002", "\"refractory\": 0.0");

    @Test
    void exportThenImportGivesTheSameModelFile() throws Exception {
        Path model = write("m.json", EXPRESSIBLE);
        Path nir = dir.resolve("m.nir");
        CliRunner r = CliRunner.run("nir", "export", "--model", model.toString(), "--output", nir.toString());
        assertEquals(0, r.status, r.err);
        assertEquals("", r.err);
        Path back = dir.resolve("back.json");
        r = CliRunner.run("nir", "import", "--input", nir.toString(), "--output", back.toString());
        assertEquals(0, r.status, r.err);
        assertEquals(ModelFiles.toJson(ModelFiles.read(model)).toString(), ModelFiles.toJson(ModelFiles.read(back)).toString());
    }

    /** simulate and gradient read a NIR model by its HDF5 signature, whatever the file's name. */
    @Test
    void simulateAcceptsANirModelUnderAnyName() throws Exception {
        Path model = write("m.json", EXPRESSIBLE);
        Path nir = dir.resolve("model.bin");
        assertEquals(0, CliRunner.run("nir", "export", "--model", model.toString(), "--output", nir.toString()).status);
        Path input = write("s.json", SimulateCommandTest.INPUT);
        Path fromJson = dir.resolve("a.json");
        Path fromNir = dir.resolve("b.json");
        assertEquals(0, CliRunner.run("simulate", "--model", model.toString(), "--input", input.toString(), "--output", fromJson.toString()).status);
        CliRunner r = CliRunner.run("simulate", "--model", nir.toString(), "--input", input.toString(), "--output", fromNir.toString());
        assertEquals(0, r.status, r.err);
        SpikeTrains a = SpikeFiles.read(fromJson);
        SpikeTrains b = SpikeFiles.read(fromNir);
        assertTrue(a.count("out") > 0);
        assertArrayEquals(a.times("out"), b.times("out"));
        assertArrayEquals(a.neurons("out"), b.neurons("out"));
    }

    @Test
    void refractoryIsRefusedWithExitTwoAndNothingWrittenUnlessLossy() throws Exception {
        Path model = write("m.json", SimulateCommandTest.MODEL);
        Path nir = dir.resolve("m.nir");
        CliRunner r = CliRunner.run("nir", "export", "--model", model.toString(), "--output", nir.toString());
        assertEquals(2, r.status);
        assertEquals("eventsnn: population out: refractory period 0.002 s (NIR's CubaLIF and LIF have none): not expressible in NIR"
                + " (--lossy writes it without, keeping it in eventsnn metadata)", r.err.strip());
        assertFalse(Files.exists(nir));
        r = CliRunner.run("nir", "export", "--lossy", "--model", model.toString(), "--output", nir.toString());
        assertEquals(0, r.status, r.err);
        assertEquals("eventsnn: warning: population out: refractory period 0.002 s (NIR's CubaLIF and LIF have none): written without it;"
                + " kept in the node's eventsnn metadata", r.err.strip());
        Path back = dir.resolve("back.json");
        assertEquals(0, CliRunner.run("nir", "import", "--input", nir.toString(), "--output", back.toString()).status);
        assertEquals(ModelFiles.toJson(ModelFiles.read(model)).toString(), ModelFiles.toJson(ModelFiles.read(back)).toString());
    }

    @Test
    void importOfANonHdf5FileExitsTwoAndWritesNothing() throws Exception {
        Path bad = write("x.nir", "{}");
        Path out = dir.resolve("out.json");
        CliRunner r = CliRunner.run("nir", "import", "--input", bad.toString(), "--output", out.toString());
        assertEquals(2, r.status);
        assertEquals("eventsnn: " + bad + ": not an HDF5 file (no HDF5 signature), so not a NIR file", r.err.strip());
        assertFalse(Files.exists(out));
    }

    /**
     * "--output -" imports to standard output and is refused for export (HDF5 is binary); both
     * wrote a file named "-". A bad output path fails before the model is read, so --lossy's
     * warnings are not followed by an error (one line).
     */
    @Test
    void dashIsStandardOutputForImportAndRefusedForExport() throws Exception {
        Path model = write("m.json", EXPRESSIBLE);
        Path nir = dir.resolve("m.nir");
        assertEquals(0, CliRunner.run("nir", "export", "--model", model.toString(), "--output", nir.toString()).status);
        CliRunner in = CliRunner.run("nir", "import", "--input", nir.toString(), "--output", "-");
        assertEquals(0, in.status, in.err);
        assertTrue(in.out.contains("\"eventsnn-model\""), in.out);
        CliRunner out = CliRunner.run("nir", "export", "--model", model.toString(), "--output", "-");
        assertEquals(2, out.status);
        assertTrue(out.err.contains("--output -"), out.err);
        CliRunner dirOut = CliRunner.run("nir", "export", "--model", write("r.json", SimulateCommandTest.MODEL).toString(),
                "--output", dir.toString(), "--lossy");
        assertEquals(2, dirOut.status);
        assertEquals(1, dirOut.err.strip().lines().count(), dirOut.err);
        assertFalse(Files.exists(Path.of("-")));
    }

    @Test
    void nirWithoutSubcommandIsAUsageError() {
        assertEquals(2, CliRunner.run("nir").status);
    }
}

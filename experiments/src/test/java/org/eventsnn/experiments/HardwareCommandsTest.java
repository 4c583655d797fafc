package org.eventsnn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eventsnn.core.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareCommandsTest {
    @TempDir
    Path dir;

    @Test
    void calibrateThenTrainInTheLoopWithTheCalibration() throws Exception {
        Path c = dir.resolve("c.json");
        CliRunner r = CliRunner.run("calibrate", "--backend", "mock-analog", "--chip-seed", "4", "--neurons", "23",
                "--output", c.toString());
        assertEquals(0, r.status, r.err);
        assertEquals(23, Json.read(c).get("neurons").size());
        r = CliRunner.run("train", "yinyang", "--backend", "mock-analog", "--chip-seed", "4", "--calibration", c.toString(),
                "--epochs", "1", "--no-plots", "--set", "hidden=20", "--set", "trainSize=60", "--set", "validationSize=20",
                "--set", "testSize=20", "--output-dir", dir.resolve("run").toString());
        assertEquals(0, r.status, r.err);
        assertTrue(Json.read(dir.resolve("run/result.json")).get("task").asText().contains("mock-analog"));
        var trained = org.eventsnn.core.io.ModelFiles.read(dir.resolve("run/model.json"));
        for (var pr : trained.projections()) {
            for (double w : pr.weights()) {
                assertTrue(Math.abs(w) <= 63 * 0.1 + 1e-12, "weight " + w + " outside the chip's range");
            }
        }
        r = CliRunner.run("train", "yinyang", "--backend", "mock-analog", "--chip-seed", "5", "--calibration", c.toString(),
                "--epochs", "1", "--output-dir", dir.resolve("other").toString());
        assertEquals(2, r.status, "a calibration of another chip is refused");
    }

    @Test
    void hardwareReportWritesTheTable() throws Exception {
        CliRunner r = CliRunner.run("hardware-report", "--chip-seed", "2", "--epochs", "1", "--seeds", "2",
                "--set", "hidden=15", "--set", "trainSize=60", "--set", "validationSize=20", "--set", "testSize=40",
                "--output-dir", dir.toString());
        assertEquals(0, r.status, r.err);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("(d) in the loop with calibration"), md);
        JsonNode json = Json.read(dir.resolve("report.json"));
        assertEquals(4, json.get("variants").size());
        assertEquals(2, json.get("variants").get(2).get("testAccuracy").size());
        assertTrue(Files.size(dir.resolve("report.png")) > 0);
        assertTrue(r.out.contains("in-the-loop seed 1 finished"), "progress of every training run: " + r.out);
        assertTrue(md.contains("1 epoch, 2 seeds") && md.contains(" +- "), md);
    }

    @Test
    void aOneSeedReportHasNoSpread() throws Exception {
        CliRunner r = CliRunner.run("hardware-report", "--chip-seed", "2", "--epochs", "1", "--seeds", "1",
                "--set", "hidden=6", "--set", "trainSize=20", "--set", "validationSize=10", "--set", "testSize=10",
                "--output-dir", dir.toString());
        assertEquals(0, r.status, r.err);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("1 epoch, 1 seed;"), md);
        assertTrue(!md.contains("+-"), md);
    }

    @Test
    void badBackendArgumentsExitTwo() {
        assertEquals(2, CliRunner.run("train", "yinyang", "--backend", "loihi").status);
        assertEquals(2, CliRunner.run("calibrate", "--backend", "software", "--output", dir.resolve("x.json").toString()).status);
        assertEquals(2, CliRunner.run("calibrate", "--calibration", "c.json", "--output", dir.resolve("x.json").toString()).status);
        assertEquals(2, CliRunner.run("hardware-report", "--backend", "software", "--output-dir", dir.toString()).status);
        assertEquals(2, CliRunner.run("hardware-report", "--calibration", "c.json", "--output-dir", dir.toString()).status);
        Path report = dir.resolve("report");
        assertEquals(2, CliRunner.run("hardware-report", "--threads", "0", "--output-dir", report.toString()).status);
        assertTrue(!java.nio.file.Files.exists(report), "nothing written");
        assertEquals(2, CliRunner.run("train", "yinyang", "--calibration", "c.json").status);
    }
}

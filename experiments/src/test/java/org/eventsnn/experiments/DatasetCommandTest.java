package org.eventsnn.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eventsnn.datasets.Dataset;
import org.eventsnn.datasets.Npy;
import org.eventsnn.datasets.YinYang;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCommandTest {
    @TempDir
    Path dir;

    @Test
    void csvHoldsEverySampleInShortestRoundTripForm() throws Exception {
        Path out = dir.resolve("test.csv");
        CliRunner r = CliRunner.run("dataset", "yinyang", "--split", "test", "--output", out.toString());
        assertEquals(0, r.status, r.err);
        List<String> lines = Files.readAllLines(out);
        assertEquals("x,y,x_flipped,y_flipped,label", lines.get(0));
        Dataset d = YinYang.split(YinYang.Split.TEST);
        assertEquals(d.size() + 1, lines.size());
        for (int i = 0; i < d.size(); i++) {
            String[] f = lines.get(i + 1).split(",");
            for (int j = 0; j < 4; j++) {
                assertEquals(d.feature(i, j), Double.parseDouble(f[j]), 0.0);
                assertFalse(f[j].length() > 24, f[j]);
            }
            assertEquals(d.label(i), Integer.parseInt(f[4]));
        }
    }

    @Test
    void npyWritesSamplesAndLabels() {
        CliRunner r = CliRunner.run("dataset", "yinyang", "--split", "validation", "--size", "50", "--format", "npy",
                "--output", dir.resolve("val").toString());
        assertEquals(0, r.status, r.err);
        Dataset d = YinYang.generate("validation", 50, 41);
        Npy.Array samples = Npy.read(dir.resolve("val_samples.npy"));
        assertArrayEquals(new int[] {50, 4}, samples.shape());
        assertArrayEquals(d.features(49), samples.matrix()[49], 0.0);
        assertEquals(d.label(7), Npy.read(dir.resolve("val_labels.npy")).ints()[7]);
    }

    @Test
    void badArgumentsExitTwo() {
        assertEquals(2, CliRunner.run("dataset", "yinyang", "--split", "bogus", "--output", dir.resolve("x").toString()).status);
        assertEquals(2, CliRunner.run("dataset", "mnist", "--output", dir.resolve("x").toString()).status);
        assertEquals(2, CliRunner.run("dataset", "yinyang", "--split", "train", "--size", "-3", "--output", dir.resolve("x").toString()).status);
        assertEquals(2, CliRunner.run("dataset", "yinyang", "--split", "train", "--format", "xml", "--output", dir.resolve("x").toString()).status);
        assertEquals(2, CliRunner.run("dataset", "yinyang", "--split", "train", "--seed", "-1", "--output", dir.resolve("x").toString()).status);
    }
}

package org.eventsnn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} at the command line: refused arguments, resume semantics, what it prints. */
class TrainCommandTest {
    private static final String[] TINY = {"--no-plots", "--threads", "1", "--set", "hidden=6", "--set", "trainSize=20",
        "--set", "validationSize=10", "--set", "testSize=10", "--set", "batchSize=10"};

    @TempDir
    Path dir;

    private static CliRunner train(String... args) {
        String[] all = new String[2 + args.length + TINY.length];
        all[0] = "train";
        all[1] = "yinyang";
        System.arraycopy(args, 0, all, 2, args.length);
        System.arraycopy(TINY, 0, all, 2 + args.length, TINY.length);
        return CliRunner.run(all);
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
    void zeroEpochsAreRefusedAndNothingIsWritten() throws Exception {
        Path run = dir.resolve("run");
        assertOneLineExitTwo(train("--epochs", "0", "--output-dir", run.toString()), "--epochs", "0");
        assertOneLineExitTwo(train("--set", "epochs=0", "--output-dir", run.toString()), "epochs");
        assertFalse(Files.exists(run));
    }

    @Test
    void resumingNothingIsRefused() {
        Path missing = dir.resolve("missing");
        assertOneLineExitTwo(train("--resume", "--epochs", "1", "--output-dir", missing.toString()), "--resume",
                "missing", "no run to resume");
        assertFalse(Files.exists(missing.resolve("checkpoint.json")));
    }

    @Test
    void resumingWithFewerEpochsThanDoneIsRefusedAndAsManyIsAlreadyComplete() throws Exception {
        Path run = dir.resolve("run");
        assertEquals(0, train("--epochs", "2", "--output-dir", run.toString()).status);
        String metrics = Files.readString(run.resolve("metrics.csv"));
        assertOneLineExitTwo(train("--resume", "--epochs", "1", "--output-dir", run.toString()), "already done 2 epochs",
                "--epochs 2");
        assertEquals(metrics, Files.readString(run.resolve("metrics.csv")));
        CliRunner again = train("--resume", "--epochs", "2", "--output-dir", run.toString());
        assertEquals(0, again.status, again.err);
        assertTrue(again.out.contains("already complete (2 epochs)"), again.out);
        CliRunner more = train("--resume", "--epochs", "3", "--output-dir", run.toString());
        assertEquals(0, more.status, more.err);
        assertTrue(more.out.contains("3 epochs in"), more.out);
    }

    @Test
    void oneEpochIsSingularAndTheResultsDirectoryIsNamed() {
        Path run = dir.resolve("run");
        CliRunner r = train("--epochs", "1", "--output-dir", run.toString());
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains(" 1 epoch in "), r.out);
        assertTrue(r.out.strip().endsWith("results in " + run), r.out);
    }

    @Test
    void chipOptionsOnTheSoftwareBackendAreRefused() {
        for (String[] option : new String[][] {{"--mismatch", "0.5"}, {"--jitter", "0"}, {"--chip-seed", "3"},
            {"--weight-scale", "0.2"}, {"--threshold-noise", "0"}, {"--calibration", "c.json"}}) {
            CliRunner r = train("--epochs", "1", "--output-dir", dir.resolve("x").toString(), option[0], option[1]);
            assertOneLineExitTwo(r, option[0], "mock-analog");
        }
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void aMistypedOptionIsNamedWithTheClosestOne() {
        CliRunner r = CliRunner.run("simulate", "--modle", "m.json", "--output", "o.json");
        assertOneLineExitTwo(r, "unknown option --modle", "did you mean --model?");
        assertOneLineExitTwo(CliRunner.run("train", "yinyang", "--epoch", "3"), "--epoch", "--epochs");
        assertOneLineExitTwo(CliRunner.run("simulat"), "unknown command 'simulat'", "simulate");
    }

    @Test
    void noArgumentsListTheCommands() {
        CliRunner r = CliRunner.run();
        assertEquals(0, r.status, r.err);
        for (String command : new String[] {"train", "simulate", "gradient", "dataset", "generate", "calibrate",
            "hardware-report"}) {
            assertTrue(r.out.contains("  " + command + " "), r.out);
        }
    }
}

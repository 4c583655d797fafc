package org.eventsnn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --set fixedDelays=...}: a bad value or an unknown projection exits 2 with one line naming it, writing nothing. */
class FixedDelaysCommandTest {
    @TempDir
    Path dir;

    private static void assertRefused(Path run, String value, String... mentions) {
        CliRunner r = CliRunner.run("train", "yinyang", "--no-plots", "--threads", "1", "--epochs", "1", "--set",
                "hidden=6", "--set", "trainSize=20", "--set", "validationSize=10", "--set", "testSize=10", "--set",
                "learnDelays=1", "--set", "fixedDelays=" + value, "--output-dir", run.toString());
        assertEquals(2, r.status, r.err);
        String m = r.err.strip();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.contains("fixedDelays"), m);
        for (String s : mentions) {
            assertTrue(m.contains(s), m);
        }
        assertFalse(Files.exists(run.resolve("model.json")), "nothing written");
    }

    @Test
    void badValuesExitTwoNamingTheSetting() {
        assertRefused(dir.resolve("a"), "hidden", "'hidden'");
        assertRefused(dir.resolve("b"), "hidden:nowhere", "hidden to nowhere");
    }
}

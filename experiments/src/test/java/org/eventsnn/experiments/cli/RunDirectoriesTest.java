package org.eventsnn.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default run directory is new each time, so the README's first command can be run again. */
class RunDirectoriesTest {
    @TempDir
    Path runs;

    @Test
    void everyRunGetsANewDatedDirectoryAndResumeFindsTheNewest() throws Exception {
        Path first = RunDirectories.choose(runs, null, "yinyang-fastdeep", false);
        assertTrue(first.getFileName().toString().matches("yinyang-fastdeep-\\d{8}-\\d{6}"), first.toString());
        Files.createDirectories(first);
        Path second = RunDirectories.choose(runs, null, "yinyang-fastdeep", false);
        assertNotEquals(first, second);
        Files.createDirectories(second);
        Path third = RunDirectories.choose(runs, null, "yinyang-fastdeep", false);
        Files.createDirectories(third);
        Files.createDirectories(runs.resolve("yinyang-eventprop-29991231-235959"));
        assertEquals(third, RunDirectories.choose(runs, null, "yinyang-fastdeep", true));
        Path given = runs.resolve("mine");
        assertEquals(given, RunDirectories.choose(runs, given, "yinyang-fastdeep", true));
    }

    @Test
    void resumeWithoutAnEarlierRunIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunDirectories.choose(runs, null, "yinyang-jaxsnn", true));
        assertTrue(e.getMessage().contains("--resume") && e.getMessage().contains("jaxsnn"), e.getMessage());
    }
}

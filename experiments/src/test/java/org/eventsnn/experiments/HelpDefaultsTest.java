package org.eventsnn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eventsnn.core.io.Json;
import org.eventsnn.experiments.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** What help says about defaults is what the commands do. */
class HelpDefaultsTest {
    @TempDir
    Path dir;

    @Test
    void everyOptionStatesItsDefaultOrThatItIsRequired() {
        CommandLine root = Main.commandLine();
        root.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return;
            }
            String help = sub.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
            for (OptionSpec o : sub.getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp() || o.required() || o.arity().max() == 0) {
                    continue;
                }
                String description = String.join(" ", o.description()).replaceAll("\\s+", " ");
                if (o.defaultValue() != null) {
                    assertTrue(help.contains("default " + o.defaultValue()), name + " " + o.longestName()
                            + ": help must show its default " + o.defaultValue() + ": " + description);
                } else {
                    assertTrue(description.contains("default") || description.contains("required"), name + " "
                            + o.longestName() + " must say what happens without it: " + description);
                }
            }
        });
    }

    private static String shownDefault(String command, String option) {
        String help = Main.commandLine().getSubcommands().get(command)
                .getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
        // the options list follows the synopsis: the option's last mention starts its entry
        String entry = help.substring(help.lastIndexOf(option + "="));
        Matcher m = Pattern.compile("\\(default (\\S+?)\\)").matcher(entry);
        assertTrue(m.find(), option + " in " + help);
        return m.group(1);
    }

    @Test
    void calibrateRunsOnTheBackendItsHelpNamesAsDefault() throws Exception {
        assertEquals("mock-analog", shownDefault("calibrate", "--backend"));
        Path out = dir.resolve("c.json");
        CliRunner r = CliRunner.run("calibrate", "--neurons", "2", "--output", out.toString());
        assertEquals(0, r.status, r.err);
        assertEquals(2, Json.read(out).get("neurons").size());
        assertEquals("1", shownDefault("calibrate", "--chip-seed"));
        assertEquals(1, Json.read(out).get("chipSeed").asInt());
    }

    @Test
    void hardwareReportAndTrainShowTheirRealBackends() {
        assertEquals("mock-analog", shownDefault("hardware-report", "--backend"));
        assertEquals("software", shownDefault("train", "--backend"));
        assertEquals("20", shownDefault("hardware-report", "--epochs"));
    }

    @Test
    void optionsWithoutASensibleDefaultAreRequired() throws Exception {
        assertEquals(2, CliRunner.run("dataset", "yinyang", "--output", dir.resolve("x.csv").toString()).status);
        assertTrue(!Files.exists(dir.resolve("x.csv")));
        assertEquals(2, CliRunner.run("dataset", "circle", "--split", "test", "--output", dir.resolve("x.csv").toString())
                .status);
    }
}

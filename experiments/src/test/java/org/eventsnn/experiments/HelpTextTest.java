package org.eventsnn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eventsnn.experiments.train.Presets;
import org.eventsnn.experiments.train.YinYangTask;
import org.junit.jupiter.api.Test;

/** Help texts that are whole and agree with the code. */
class HelpTextTest {
    @Test
    void theCommandListShowsWholeSentences() {
        String help = CliRunner.run("--help").out;
        String commands = help.substring(help.indexOf("Commands:"), help.indexOf("Exit status"));
        int checked = 0;
        for (String entry : commands.split("\n  (?=[a-z])")) {
            String text = entry.replaceAll("\\s+", " ").strip();
            if (!text.startsWith("Commands") && !text.startsWith("help")) {
                assertTrue(text.endsWith("."), "cut short: " + text);
                checked++;
            }
        }
        int registered = org.eventsnn.experiments.cli.Main.commandLine().getSubcommands().size() - 1; // all but help
        assertEquals(registered, checked, commands);
    }

    @Test
    void trainHelpKeepsOptionsWithTheirValuesAndStatesEveryPresetsRealShape() {
        String help = CliRunner.run("train", "--help").out;
        for (String line : help.split("\n")) {
            assertTrue(!line.stripTrailing().endsWith("--config") && !line.stripTrailing().endsWith("--set"),
                    "option split from its value: " + line);
        }
        for (String preset : new String[] {"fastdeep", "eventprop", "jaxsnn"}) {
            YinYangTask task = new YinYangTask(Presets.get(preset));
            var net = task.initialNetwork(0);
            String shape = net.population(0).size() + "-" + net.population(1).size() + "-" + net.population(2).size();
            assertEquals(5, net.population(0).size());
            assertTrue(help.replaceAll("\\s+", " ").contains(preset + " " + shape), preset + " " + shape + " in " + help);
        }
    }
}

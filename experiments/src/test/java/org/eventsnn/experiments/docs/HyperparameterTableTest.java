package org.eventsnn.experiments.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eventsnn.experiments.train.Presets;
import org.eventsnn.experiments.train.TrainingConfig;
import org.junit.jupiter.api.Test;

/**
 * docs/training.md's hyperparameter table is rendered from the source of
 * {@code train --list-hyperparameters} ({@link TrainingConfig#DESCRIPTIONS} and every
 * {@link Presets preset}'s values), so the two cannot drift. Run with
 * {@code -Deventsnn.regenerateDocs=true} to rewrite the table instead of comparing.
 */
class HyperparameterTableTest {
    static final String BEGIN = "<!-- hyperparameters:begin";
    static final String END = "<!-- hyperparameters:end -->";
    private static final String REGENERATE = "mvn -B -ntp -o test -pl experiments -am -Dtest=HyperparameterTableTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Deventsnn.regenerateDocs=true";

    /** The table: one row per hyperparameter, in the order --list-hyperparameters prints them. */
    static List<String> render() {
        List<String> rows = new ArrayList<>();
        StringBuilder head = new StringBuilder("| name | meaning |");
        StringBuilder rule = new StringBuilder("| --- | --- |");
        ObjectNode[] values = new ObjectNode[Presets.NAMES.length];
        for (int p = 0; p < values.length; p++) {
            head.append(" `").append(Presets.NAMES[p]).append("` |");
            rule.append(" --- |");
            values[p] = Presets.get(Presets.NAMES[p]).toJson();
        }
        rows.add(head.toString());
        rows.add(rule.toString());
        for (Map.Entry<String, String> e : TrainingConfig.DESCRIPTIONS.entrySet()) {
            StringBuilder row = new StringBuilder("| `").append(e.getKey()).append("` | ")
                    .append(e.getValue().replace("|", "\\|")).append(" |");
            for (ObjectNode v : values) {
                row.append(' ').append(v.get(e.getKey()).asText()).append(" |");
            }
            rows.add(row.toString());
        }
        return rows;
    }

    @Test
    void trainingPageShowsEveryHyperparameterWithEveryPresetsValue() throws IOException {
        Path page = DocPages.root().resolve("docs/training.md");
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        int begin = indexOfPrefix(lines, BEGIN);
        int end = indexOfPrefix(lines, END);
        assertTrue(begin >= 0 && end > begin, page + " needs the lines '" + BEGIN + " ...-->' and '" + END + "'");
        List<String> expected = render();
        if (Boolean.getBoolean("eventsnn.regenerateDocs")) {
            List<String> out = new ArrayList<>(lines.subList(0, begin + 1));
            out.addAll(expected);
            out.addAll(lines.subList(end, lines.size()));
            Files.write(page, out, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(String.join("\n", expected), String.join("\n", lines.subList(begin + 1, end)),
                "docs/training.md's hyperparameter table differs from TrainingConfig.DESCRIPTIONS and Presets;"
                        + " regenerate it with: " + REGENERATE);
    }

    @Test
    void tableHasARowPerHyperparameterAndAColumnPerPreset() {
        List<String> rows = render();
        assertEquals(TrainingConfig.DESCRIPTIONS.size() + 2, rows.size());
        String reviveBump = rows.stream().filter(r -> r.startsWith("| `reviveBump` |")).findFirst().orElseThrow();
        assertTrue(reviveBump.endsWith("| 0 | 0.005 | 0 |"), reviveBump);
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}

package org.eventsnn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user documentation under docs/: its links and file references exist, its runnable commands run. */
class DocsTest {
    static final Path ROOT = Path.of("..");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
    private static final Pattern FILE_REFERENCE = Pattern.compile("`((?:docs|examples|experiments|event-core|gradients"
            + "|datasets|hardware)/[^`\\s]+\\.(?:md|json|java))`");

    @TempDir
    Path dir;

    private static List<Path> docs() throws Exception {
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            return s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    @Test
    void everyLinkAndFileReferenceExists() throws Exception {
        List<Path> docs = docs();
        assertTrue(docs.size() >= 2, "docs/cli.md and docs/java-api.md: " + docs);
        int checked = 0;
        for (Path doc : docs) {
            String text = Files.readString(doc);
            Matcher links = LINK.matcher(text);
            while (links.find()) {
                String target = links.group(1);
                if (!target.startsWith("http")) {
                    assertTrue(Files.exists(doc.getParent().resolve(target)), doc + " links " + target);
                    checked++;
                }
            }
            Matcher files = FILE_REFERENCE.matcher(text);
            while (files.find()) {
                assertTrue(Files.exists(ROOT.resolve(files.group(1))), doc + " names " + files.group(1));
                checked++;
            }
        }
        assertTrue(checked >= 4, "links checked: " + checked);
    }

    /** The commands of the code block after {@code <!-- runnable -->} in docs/cli.md. */
    static List<String> runnableCommands() throws Exception {
        String text = Files.readString(ROOT.resolve("docs/cli.md"));
        int marker = text.indexOf("<!-- runnable -->");
        assertTrue(marker >= 0);
        int start = text.indexOf("```", marker) + 3;
        int end = text.indexOf("```", start);
        List<String> commands = new ArrayList<>();
        for (String line : text.substring(start, end).split("\n")) {
            if (line.startsWith("./eventsnn ")) {
                commands.add(line.substring("./eventsnn ".length()).strip());
            }
        }
        return commands;
    }

    @Test
    void theRunnableCommandsRunAsWritten() throws Exception {
        List<String> commands = runnableCommands();
        assertTrue(commands.size() >= 5, commands.toString());
        for (String command : commands) {
            String[] args = command.split(" +");
            for (int i = 0; i < args.length; i++) {
                if (args[i].startsWith("examples/")) {
                    args[i] = ROOT.resolve(args[i]).toString();
                } else if (args[i].startsWith("out/")) {
                    args[i] = dir.resolve(args[i]).toString();
                }
            }
            CliRunner r = CliRunner.run(args);
            assertEquals(0, r.status, command + ": " + r.err);
        }
        assertTrue(Files.size(dir.resolve("out/spikes.json")) > 0);
    }
}

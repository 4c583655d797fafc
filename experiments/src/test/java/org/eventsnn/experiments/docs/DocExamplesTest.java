package org.eventsnn.experiments.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eventsnn.experiments.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Every {@code ./eventsnn ...} example in README.md and docs/*.md parses against the real
 * command model (an unknown option, a bad value or a missing required option fails), and the
 * cheap ones run, in-process: in a fresh directory per page, in page order, with the files of
 * {@code src/test/resources/docs-examples} beside them.
 */
class DocExamplesTest {
    /** Files a page's examples may read without creating them first (the small model and inputs of docs/simulation.md). */
    private static final String[] FIXTURES = {"model.json", "input.json", "cuba-input.json"};
    /** Options whose value is a file the command reads. */
    private static final Set<String> READS = Set.of("--model", "--input", "--config", "--calibration");

    @Test
    void everyExampleParses() {
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (Path page : DocPages.pages()) {
            for (DocPages.Example e : DocPages.examples(page)) {
                n++;
                try {
                    ParseResult r = Main.commandLine().parseArgs(e.args().toArray(String[]::new));
                    if (!r.hasSubcommand()) {
                        failures.add(e + "\n    names no command");
                    }
                } catch (CommandLine.ParameterException | IllegalArgumentException x) {
                    failures.add(e + "\n    " + x.getMessage());
                }
            }
        }
        assertTrue(n >= 20, "expected the pages to show commands, found " + n);
        assertEquals("", String.join("\n", failures), "examples that do not parse");
    }

    @Test
    void cheapExamplesRun(@TempDir Path tmp) throws Exception {
        int ran = 0;
        List<String> failures = new ArrayList<>();
        for (Path page : DocPages.pages()) {
            Path dir = Files.createDirectory(tmp.resolve(page.getFileName().toString().replace(".md", "")));
            for (String f : FIXTURES) {
                try (InputStream in = DocExamplesTest.class.getResourceAsStream("/docs-examples/" + f)) {
                    Files.copy(in, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            for (DocPages.Example e : DocPages.examples(page)) {
                List<String> args = e.args();
                if (!cheap(args, dir)) {
                    continue;
                }
                ran++;
                String result = run(dir, args);
                if (result != null) {
                    failures.add(e + "\n    " + result);
                }
            }
        }
        assertTrue(ran >= 8, "expected cheap examples to run, ran " + ran);
        assertEquals("", String.join("\n", failures), "examples that fail");
    }

    /**
     * Cheap: help and hyperparameter listings, datasets, generated networks, and simulations
     * and gradients whose input files are there (fixtures or written by an earlier example).
     */
    static boolean cheap(List<String> args, Path dir) {
        if (args.isEmpty()) {
            return false;
        }
        if (args.contains("--help") || args.contains("-h") || args.contains("--list-hyperparameters")) {
            return true;
        }
        switch (args.get(0)) {
            case "dataset":
            case "generate":
                return true;
            case "simulate":
            case "gradient":
                for (int i = 0; i + 1 < args.size(); i++) {
                    if (READS.contains(args.get(i)) && !Files.exists(dir.resolve(args.get(i + 1)))) {
                        return false;
                    }
                }
                return true;
            default:
                return false;
        }
    }

    /**
     * Runs the command line in-process as if from {@code dir}: every option value of type
     * {@link Path} is resolved against it. Null on exit status 0, else what went wrong.
     */
    private static String run(Path dir, List<String> args) {
        String[] a = args.toArray(String[]::new);
        ParseResult parsed;
        try {
            parsed = Main.commandLine().parseArgs(a);
        } catch (CommandLine.ParameterException e) {
            return e.getMessage();
        }
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        for (int i = 0; i + 1 < a.length; i++) {
            OptionSpec o = parsed.commandSpec().findOption(a[i]);
            if (o != null && o.type() == Path.class) {
                a[i + 1] = dir.resolve(a[i + 1]).toString();
            }
        }
        for (int i = 0; i < a.length; i++) {
            int eq = a[i].indexOf('=');
            if (a[i].startsWith("--") && eq > 0) {
                OptionSpec o = parsed.commandSpec().findOption(a[i].substring(0, eq));
                if (o != null && o.type() == Path.class) {
                    a[i] = a[i].substring(0, eq + 1) + dir.resolve(a[i].substring(eq + 1));
                }
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), a);
        return status == 0 ? null : "exit status " + status + ": " + err.toString().strip();
    }
}

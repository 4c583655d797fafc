package org.eventsnn.experiments.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eventsnn.experiments.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every registered command is documented, and its options agree with its {@code --help}: the
 * page section under the heading {@code eventsnn COMMAND} (for example {@code ## `eventsnn train`},
 * in any docs/*.md or README.md) names every option of the command, and every {@code --option}
 * it names, outside examples of other commands, is one of them. Help and version options need
 * not be named.
 */
class CommandDocsTest {
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[A-Za-z][\\w-]*");
    private static final Set<String> STANDARD = Set.of("-h", "--help", "-V", "--version");

    @Test
    void everyCommandsOptionsMatchItsDocsSection() {
        List<CommandSpec> commands = new ArrayList<>();
        collect(Main.commandLine(), commands);
        assertTrue(commands.size() >= 7, "expected the registered commands, found " + commands.size());
        List<String> failures = new ArrayList<>();
        for (CommandSpec c : commands) {
            failures.addAll(check(c));
        }
        assertEquals("", String.join("\n", failures), "commands whose docs and --help disagree");
    }

    @Test
    void aMisspeltOptionInADocsSectionIsReported() {
        CommandSpec train = Main.commandLine().getSubcommands().get("train").getCommandSpec();
        List<String> problems = compare(train, "| `--preset` | x |\n| `--epoch` | y |", "test");
        assertTrue(problems.stream().anyMatch(p -> p.contains("--epoch ") && p.contains("not an option")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("--seeds")), problems.toString());
    }

    /** Leaf commands and commands with options of their own, depth first; the help command excepted. */
    private static void collect(CommandLine cl, List<CommandSpec> out) {
        for (CommandLine sub : new java.util.LinkedHashSet<>(cl.getSubcommands().values())) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.userObject() instanceof CommandLine.HelpCommand) {
                continue;
            }
            boolean ownOptions = spec.options().stream().anyMatch(o -> !STANDARD.contains(o.longestName()));
            if (sub.getSubcommands().isEmpty() || ownOptions) {
                out.add(spec);
            }
            collect(sub, out);
        }
    }

    private static List<String> check(CommandSpec c) {
        String title = c.qualifiedName(" ");
        List<String> sections = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (Path page : DocPages.pages()) {
            List<String> lines = DocPages.lines(page);
            for (DocPages.Heading h : DocPages.headings(lines)) {
                if (h.text().equals(title)) {
                    sections.add(DocPages.section(lines, h));
                    where.add(DocPages.name(page) + ":" + (h.line() + 1));
                }
            }
        }
        if (sections.size() != 1) {
            return List.of(title + ": expected one docs section with the heading '## `" + title + "`', found "
                    + (sections.isEmpty() ? "none" : where));
        }
        return compare(c, sections.get(0), where.get(0));
    }

    static List<String> compare(CommandSpec c, String section, String where) {
        String name = c.qualifiedName(" ");
        List<String> problems = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (OptionSpec o : c.options()) {
            names.addAll(List.of(o.names()));
            if (STANDARD.contains(o.longestName())) {
                continue;
            }
            boolean named = false;
            for (String n : o.names()) {
                named |= Pattern.compile("(?<![\\w-])" + Pattern.quote(n) + "(?![\\w-])").matcher(section).find();
            }
            if (!named) {
                problems.add(name + ": option " + o.longestName() + " is in --help but not in its docs section (" + where + ")");
            }
        }
        Matcher m = OPTION.matcher(withoutOtherCommands(section, c));
        Set<String> unknown = new TreeSet<>();
        while (m.find()) {
            if (!names.contains(m.group())) {
                unknown.add(m.group());
            }
        }
        for (String u : unknown) {
            problems.add(name + ": " + u + " in its docs section (" + where + ") is not an option of the command");
        }
        return problems;
    }

    /** The section without examples of other commands, whose options are checked by {@link DocExamplesTest}. */
    private static String withoutOtherCommands(String section, CommandSpec c) {
        String own = "./eventsnn " + c.qualifiedName(" ").substring("eventsnn ".length());
        StringBuilder kept = new StringBuilder();
        for (String line : section.split("\n", -1)) {
            for (int at = line.indexOf("./eventsnn "); at >= 0; at = line.indexOf("./eventsnn ", at + 1)) {
                int after = at + own.length();
                boolean ours = line.startsWith(own, at)
                        && (after == line.length() || line.charAt(after) == ' ' || line.charAt(after) == '`');
                if (!ours) {
                    int tick = line.indexOf('`', at);
                    line = line.substring(0, at) + (tick < 0 ? "" : line.substring(tick));
                }
            }
            kept.append(line).append('\n');
        }
        return kept.toString();
    }
}

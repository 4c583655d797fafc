package org.eventsnn.experiments.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The user documentation as the tests see it: README.md and every {@code docs/*.md} of the
 * repository, with their headings (and GitHub's anchors for them), their sections and the
 * {@code ./eventsnn ...} command lines they show.
 */
final class DocPages {
    private DocPages() {
    }

    /** The repository root: the nearest directory above the working directory with README.md and docs/. */
    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        for (Path d = p; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("README.md")) && Files.isDirectory(d.resolve("docs"))) {
                return d;
            }
        }
        throw new IllegalStateException("no README.md with a docs/ folder above " + p);
    }

    /** README.md and every docs/*.md, README first, then by name. */
    static List<Path> pages() {
        Path root = root();
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        try (Stream<Path> s = Files.list(root.resolve("docs"))) {
            s.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    /** A page's name relative to the root, for messages. */
    static String name(Path page) {
        return root().relativize(page).toString();
    }

    static List<String> lines(Path page) {
        try {
            return Files.readAllLines(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For each line, whether it lies inside a fenced code block (the fences included). */
    static boolean[] inCode(List<String> lines) {
        boolean[] code = new boolean[lines.size()];
        boolean open = false;
        for (int i = 0; i < lines.size(); i++) {
            boolean fence = lines.get(i).stripLeading().startsWith("```");
            code[i] = open || fence;
            if (fence) {
                open = !open;
            }
        }
        return code;
    }

    /** A heading: its level (number of #), its text with backticks removed, its line. */
    record Heading(int level, String text, int line) {
    }

    static List<Heading> headings(List<String> lines) {
        boolean[] code = inCode(lines);
        List<Heading> hs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!code[i] && l.startsWith("#")) {
                int level = 0;
                while (level < l.length() && l.charAt(level) == '#') {
                    level++;
                }
                if (level < l.length() && l.charAt(level) == ' ') {
                    hs.add(new Heading(level, l.substring(level).strip().replace("`", ""), i));
                }
            }
        }
        return hs;
    }

    /** GitHub's anchors of a page's headings (lower case, punctuation dropped, spaces to hyphens, -1, -2 for repeats). */
    static Set<String> anchors(Path page) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Heading h : headings(lines(page))) {
            String slug = slug(h.text());
            int n = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(n == 0 ? slug : slug + "-" + n);
        }
        return anchors;
    }

    static String slug(String heading) {
        StringBuilder s = new StringBuilder();
        for (char c : heading.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                s.append(c);
            } else if (c == ' ') {
                s.append('-');
            }
        }
        return s.toString();
    }

    /**
     * The text of the section under the heading whose text (backticks removed) is
     * {@code title}: every line up to the next heading of the same or a higher level.
     */
    static String section(List<String> lines, Heading h) {
        int end = lines.size();
        for (Heading other : headings(lines)) {
            if (other.line() > h.line() && other.level() <= h.level()) {
                end = other.line();
                break;
            }
        }
        return String.join("\n", lines.subList(h.line() + 1, end));
    }

    /** One {@code ./eventsnn ...} command line shown in a page. */
    record Example(Path page, int line, String text) {
        /** The arguments after {@code ./eventsnn}, up to the first shell operator. */
        List<String> args() {
            List<String> words = ShellWords.split(text.substring("./eventsnn".length()));
            List<String> args = new ArrayList<>();
            for (String w : words) {
                if (w.equals("&&") || w.equals("|") || w.equals(";") || w.startsWith(">") || w.startsWith("2>")) {
                    break;
                }
                args.add(w);
            }
            return args;
        }

        @Override
        public String toString() {
            return name(page) + ":" + (line + 1) + ": " + text;
        }
    }

    /**
     * Every {@code ./eventsnn ARGS} in a page: in code blocks up to the end of the line,
     * elsewhere up to the end of the inline code span. A bare {@code ./eventsnn} is not an example.
     */
    static List<Example> examples(Path page) {
        List<String> lines = lines(page);
        boolean[] code = inCode(lines);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            for (int at = l.indexOf("./eventsnn "); at >= 0; at = l.indexOf("./eventsnn ", at + 1)) {
                int end = l.length();
                if (!code[i]) {
                    int tick = l.indexOf('`', at);
                    end = tick < 0 ? end : tick;
                }
                String text = l.substring(at, end).strip();
                if (!text.equals("./eventsnn")) {
                    examples.add(new Example(page, i, text));
                }
                if (code[i]) {
                    break;
                }
            }
        }
        return examples;
    }
}

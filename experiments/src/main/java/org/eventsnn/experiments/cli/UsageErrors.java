package org.eventsnn.experiments.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Command-line mistakes as one line: an unknown option or command is named with the closest
 * valid one (even when picocli would first complain about a missing required option), every
 * other mistake as picocli states it, followed by where the help is.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        String name = cli.getCommandSpec().qualifiedName();
        cli.getErr().println(name + ": " + describe(e, args) + " (see '" + name + " --help')");
        return ErrorHandler.BAD_INPUT;
    }

    private static String describe(ParameterException e, String[] args) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        String unknown = unknownOption(spec, args);
        if (unknown != null) {
            String closest = closest(unknown, optionNames(spec));
            return "unknown option " + unknown + (closest == null ? "" : " (did you mean " + closest + "?)");
        }
        if (e instanceof CommandLine.UnmatchedArgumentException u && spec.parent() == null && !spec.subcommands().isEmpty()
                && !u.getUnmatched().isEmpty()) {
            String word = u.getUnmatched().get(0);
            String closest = closest(word, new ArrayList<>(spec.subcommands().keySet()));
            return "unknown command '" + word + "'" + (closest == null ? "" : " (did you mean " + closest + "?)")
                    + "; commands: " + String.join(", ", spec.subcommands().keySet());
        }
        return ErrorHandler.oneLine(e.getMessage());
    }

    /** The first argument of this command that looks like an option but is none of its options. */
    private static String unknownOption(CommandSpec spec, String[] args) {
        List<String> names = optionNames(spec);
        int from = 0;
        if (spec.parent() != null) {
            from = Arrays.asList(args).indexOf(spec.name()) + 1;
        }
        for (int i = Math.max(0, from); i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return null;
            }
            if (!a.startsWith("-") || a.equals("-") || a.matches("-[0-9.].*")) {
                continue;
            }
            String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (!names.contains(option)) {
                return option;
            }
        }
        return null;
    }

    private static List<String> optionNames(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        spec.options().forEach(o -> names.addAll(Arrays.asList(o.names())));
        return names;
    }

    /** The candidate nearest to {@code word} in edit distance, if near enough to be a typo. */
    static String closest(String word, List<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, word.length() / 3) ? best : null;
    }

    /** Levenshtein distance, with a swap of two neighbouring letters counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

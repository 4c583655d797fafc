package org.eventsnn.experiments.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code eventsnn} command line. Exit status: 0 on success (and for {@code eventsnn}
 * alone, which lists the commands), 2 on bad input, arguments or output paths, a limit
 * reached or too little memory (with a one-line message naming the file, field and value),
 * 1 only for an internal error (a bug).
 */
@Command(name = "eventsnn", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Exact event-driven simulation and training of spiking neural networks.",
        footer = {"%nExit status: 0 on success, 2 on any error (one line naming the file, field and value; nothing"
                + " is written), 1 only for an internal error.", "'eventsnn help COMMAND' describes a command."})
public final class Main implements Runnable {
    /** The commands, in the order {@code eventsnn} lists them (then {@code help}). */
    private static final List<Class<?>> COMMANDS = List.of(TrainCommand.class, SweepCommand.class, CalibrateCommand.class,
            HardwareReportCommand.class, SimulateCommand.class, GradientCommand.class, GenerateCommand.class,
            DatasetCommand.class, NirCommand.class);

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Without a command: the list of commands on standard output, exit status 0. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns its exit status. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** The command line with every command (and {@code help}). */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command line for arguments that start with {@code first}: with that command alone where
     * it names one, else with every command and {@code help}. Building a command's model reads
     * its options by reflection, and building them all took about a tenth of a 10-epoch training
     * run (docs/throughput.md#start-up); a command runs the same either way.
     */
    static CommandLine commandLine(String first) {
        CommandLine cli = new CommandLine(new Main());
        List<Class<?>> named = COMMANDS.stream().filter(c -> name(c).equals(first)).toList();
        for (Class<?> c : named.isEmpty() ? COMMANDS : named) {
            cli.addSubcommand(c);
        }
        if (named.isEmpty()) {
            cli.addSubcommand(new CommandLine.HelpCommand());
        }
        return cli;
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /** Runs the command line with the given output and error streams (for tests and embedding). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(args.length > 0 ? args[0] : null);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new UsageErrors());
        int status;
        try {
            status = cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println(outOfMemory());
            status = ErrorHandler.BAD_INPUT;
        }
        out.flush();
        err.flush();
        return status;
    }

    /** What to do when the heap ran out (the estimates before large allocations should prevent it). */
    static String outOfMemory() {
        return String.format(Locale.ROOT, "eventsnn: out of memory (maximum heap %d MB); give the JVM more with"
                + " EVENTSNN_JAVA_OPTS=\"-XX:+UseParallelGC -Xmx8g\" (say), or make the task smaller",
                Runtime.getRuntime().maxMemory() >> 20);
    }
}

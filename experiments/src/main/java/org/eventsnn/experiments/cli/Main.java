package org.eventsnn.experiments.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code eventsnn} command line. Exit status: 0 on success, 2 on bad input or arguments
 * (with a one-line message naming the file, field and value), 1 on any other failure.
 */
@Command(name = "eventsnn", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Exact event-driven simulation and training of spiking neural networks.",
        subcommands = {TrainCommand.class, SweepCommand.class, CalibrateCommand.class, HardwareReportCommand.class, SimulateCommand.class, GradientCommand.class, GenerateCommand.class, DatasetCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given output and error streams (for tests and embedding). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("eventsnn: " + e.getMessage());
            e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            return ErrorHandler.BAD_INPUT;
        });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }
}

package org.eventsnn.experiments.cli;

import org.eventsnn.core.io.FormatException;
import picocli.CommandLine;

/** Turns exceptions into one-line messages and exit codes (2 for bad input, 1 otherwise). */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int BAD_INPUT = 2;
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        if (e instanceof FormatException || e instanceof IllegalArgumentException) {
            cli.getErr().println("eventsnn: " + e.getMessage());
            return BAD_INPUT;
        }
        cli.getErr().println("eventsnn: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        if (System.getenv("EVENTSNN_DEBUG") != null) {
            e.printStackTrace(cli.getErr());
        }
        return FAILURE;
    }
}

package org.eventsnn.experiments.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.eventsnn.core.engine.SimulationLimitException;
import org.eventsnn.core.io.FormatException;
import picocli.CommandLine;

/**
 * Turns exceptions into one-line messages and exit codes: 2 for anything the user can act on
 * (bad input, arguments or output paths, a limit reached, files that cannot be read or
 * written), 1 only for what would be a bug in eventsnn (then {@code EVENTSNN_DEBUG=1} prints
 * the stack trace).
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int BAD_INPUT = 2;
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        if (e instanceof FormatException || e instanceof IllegalArgumentException
                || e instanceof SimulationLimitException) {
            cli.getErr().println("eventsnn: " + oneLine(e.getMessage()));
            return BAD_INPUT;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            cli.getErr().println("eventsnn: " + oneLine(e.getMessage()));
            return BAD_INPUT;
        }
        cli.getErr().println("eventsnn: internal error (a bug, please report it): " + e.getClass().getSimpleName()
                + ": " + oneLine(e.getMessage()));
        if (System.getenv("EVENTSNN_DEBUG") != null) {
            e.printStackTrace(cli.getErr());
        }
        return FAILURE;
    }

    static String oneLine(String message) {
        return message == null ? "" : message.replace('\n', ' ').replace('\r', ' ');
    }
}

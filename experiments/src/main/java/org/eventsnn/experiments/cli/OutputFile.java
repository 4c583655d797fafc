package org.eventsnn.experiments.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eventsnn.core.io.AtomicFiles;
import org.eventsnn.core.io.OutputException;

/**
 * A command's one output file: {@code -} means standard output, anything else is written
 * atomically ({@link AtomicFiles}: through symbolic links, never over a directory, device or
 * FIFO). Commands check it before their work so that a bad path fails at once.
 */
final class OutputFile {
    static final String STDOUT = "-";

    private OutputFile() {
    }

    static boolean isStdout(Path output) {
        return output.toString().equals(STDOUT);
    }

    /** Fails with a one-line {@link OutputException} if {@code output} cannot be written. */
    static void check(Path output) throws OutputException {
        if (!isStdout(output)) {
            AtomicFiles.requireWritable(output);
        }
    }

    /** Writes {@code content} to {@code output}, or to {@code stdout} for {@code -}. */
    static void write(Path output, AtomicFiles.Content content, PrintWriter stdout) throws IOException {
        if (isStdout(output)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            content.writeTo(bytes);
            stdout.print(bytes.toString(StandardCharsets.UTF_8));
            stdout.flush();
        } else {
            AtomicFiles.write(output, content);
        }
    }

    /** Where a status line goes: standard error when the output itself goes to standard output. */
    static PrintWriter statusStream(Path output, picocli.CommandLine cli) {
        return isStdout(output) ? cli.getErr() : cli.getOut();
    }
}

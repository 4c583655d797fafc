package org.eventsnn.experiments;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.eventsnn.experiments.cli.Main;

/** Runs the command line in-process and captures its exit status and messages. */
final class CliRunner {
    final int status;
    final String out;
    final String err;

    private CliRunner(int status, String out, String err) {
        this.status = status;
        this.out = out;
        this.err = err;
    }

    static CliRunner run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRunner(status, out.toString(), err.toString());
    }
}

package org.eventsnn.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressLinesTest {
    /** Nothing in the first 10 s of wall time, then a line at most every 30 s, with the time left extrapolated. */
    @Test
    void linesStartAfterTenSecondsAndComeEveryThirty() {
        long[] now = {1_000_000_000L};
        StringWriter text = new StringWriter();
        ProgressLines lines = new ProgressLines(new PrintWriter(text), 1.1, () -> now[0]);
        at(now, lines, 9.9, 0.1);
        assertEquals("", text.toString());
        at(now, lines, 12, 0.275);
        at(now, lines, 30, 0.5);
        at(now, lines, 200, 1.0);
        assertEquals("eventsnn: simulated 0.275 of 1.1 s (25 %) in 12 s; about 36 s left\n"
                + "eventsnn: simulated 1 of 1.1 s (91 %) in 3 min 20 s; about 20 s left\n", text.toString());
    }

    @Test
    void clockReadsAsSecondsMinutesOrHours() {
        assertEquals("59 s", ProgressLines.clock(59.4));
        assertEquals("1 min 05 s", ProgressLines.clock(65));
        assertEquals("2 h 07 min", ProgressLines.clock(2 * 3600 + 7 * 60 + 20));
    }

    private static void at(long[] now, ProgressLines lines, double wallSeconds, double simulated) {
        now[0] = 1_000_000_000L + Math.round(wallSeconds * 1e9);
        lines.reached(simulated);
    }
}

package org.eventsnn.experiments.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.eventsnn.core.engine.SimulationProgress;

/**
 * Progress of a long simulation for people, on standard error: nothing during its first
 * {@link #FIRST} seconds of wall time (most runs end before), then a line every {@link #EVERY}
 * seconds with the simulated time reached, the wall time so far and an estimate of the time
 * left (the rate so far, extrapolated). Lines, not a bar, so that logs of cluster jobs show them.
 */
final class ProgressLines implements SimulationProgress {
    static final double FIRST = 10;
    static final double EVERY = 30;

    private final PrintWriter err;
    private final double duration;
    private final LongSupplier nanoClock;
    private final long start;
    private double nextLine = FIRST;

    ProgressLines(PrintWriter err, double duration, LongSupplier nanoClock) {
        this.err = err;
        this.duration = duration;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    @Override
    public void reached(double time) {
        double wall = (nanoClock.getAsLong() - start) * 1e-9;
        if (wall < nextLine) {
            return;
        }
        nextLine = wall + EVERY;
        double left = time > 0 ? wall * (duration - time) / time : Double.NaN;
        err.printf(Locale.ROOT, "eventsnn: simulated %s of %s s (%.0f %%) in %s%s%n", fourDigits(time),
                fourDigits(duration), 100 * time / duration, clock(wall),
                Double.isNaN(left) ? "" : "; about " + clock(left) + " left");
        err.flush();
    }

    /** Four significant digits without trailing zeros: 0.275, 1.1, 1. */
    private static String fourDigits(double x) {
        return new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** Seconds as {@code 42 s}, {@code 3 min 05 s} or {@code 2 h 07 min}. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}

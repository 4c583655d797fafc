package org.eventsnn.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.function.LongSupplier;
import org.eventsnn.core.engine.ParallelSimulator;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SpikeTrains;

/**
 * Whether two threads that share nothing slow each other down on this machine: the CPU time of
 * one run alone against the same run on each of two threads at once, for a simulation (each
 * thread with an engine of its own on one thread, over the same read-only network) and for a
 * register-only arithmetic loop that touches no memory. If the simulation's runs take more CPU
 * in pairs, the two cores share something this work meets (caches, memory bandwidth, a core's
 * execution units); if the loop's do too, the clock drops when both cores are busy. Either way
 * that loss is the machine's, not the multi-threaded engine's; if neither does, a two-thread
 * run's extra CPU is the engine's own.
 * Rounds alternate alone and paired; medians after one warm-up round. Run it as a single-file
 * program on a built jar, on an otherwise idle machine:
 * <pre>
 * java -XX:+UseParallelGC -cp experiments/target/eventsnn.jar \
 *     experiments/src/test/java/org/eventsnn/bench/CoreSharing.java MODEL.json SECONDS ROUNDS
 * </pre>
 */
public final class CoreSharing {
    private static final ThreadMXBean CLOCK = ManagementFactory.getThreadMXBean();
    private static final long LOOP_STEPS = 200_000_000L;

    private CoreSharing() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: CoreSharing MODEL.json SECONDS ROUNDS");
            System.exit(2);
        }
        Network network = ModelFiles.read(Path.of(args[0]));
        double seconds = Double.parseDouble(args[1]);
        int rounds = Integer.parseInt(args[2]);
        LongSupplier simulation = () -> {
            long start = CLOCK.getCurrentThreadCpuTime();
            new ParallelSimulator(network, 1, Long.MAX_VALUE).run(SpikeTrains.builder(seconds).build());
            return CLOCK.getCurrentThreadCpuTime() - start;
        };
        LongSupplier loop = () -> {
            long start = CLOCK.getCurrentThreadCpuTime();
            sink += arithmetic(LOOP_STEPS);
            return CLOCK.getCurrentThreadCpuTime() - start;
        };
        report(args[0] + ", " + seconds + " s, one thread", simulation, rounds);
        report("register-only loop, " + LOOP_STEPS + " steps", loop, rounds);
    }

    private static volatile double sink;

    /** Eight independent chains of multiplications and additions in registers: no memory traffic. */
    private static double arithmetic(long steps) {
        double a = 1.0;
        double b = 0.9;
        double c = 0.8;
        double d = 0.7;
        double e = 0.6;
        double f = 0.5;
        double g = 0.4;
        double h = 0.3;
        for (long k = 0; k < steps; k++) {
            a = a * 0.999_999_9 + 1e-9;
            b = b * 0.999_999_8 + 1e-9;
            c = c * 0.999_999_7 + 1e-9;
            d = d * 0.999_999_6 + 1e-9;
            e = e * 0.999_999_5 + 1e-9;
            f = f * 0.999_999_4 + 1e-9;
            g = g * 0.999_999_3 + 1e-9;
            h = h * 0.999_999_2 + 1e-9;
        }
        return a + b + c + d + e + f + g + h;
    }

    private static void report(String what, LongSupplier run, int rounds) throws Exception {
        run.getAsLong(); // warm-up
        paired(run);
        double[] alone = new double[rounds];
        double[] paired = new double[2 * rounds];
        for (int r = 0; r < rounds; r++) {
            alone[r] = run.getAsLong() * 1e-9;
            long[] two = paired(run);
            paired[2 * r] = two[0] * 1e-9;
            paired[2 * r + 1] = two[1] * 1e-9;
        }
        double a = median(alone);
        double p = median(paired);
        System.out.printf(Locale.ROOT, "%s: CPU per run alone %.3f s (min %.3f), on two threads at once %.3f s"
                + " (min %.3f): %.2fx%n", what, a, Arrays.stream(alone).min().getAsDouble(), p,
                Arrays.stream(paired).min().getAsDouble(), p / a);
    }

    /** Two runs started together on two threads; each one's CPU time in nanoseconds. */
    private static long[] paired(LongSupplier run) throws Exception {
        long[] cpu = new long[2];
        CyclicBarrier start = new CyclicBarrier(2);
        Thread other = new Thread(() -> {
            try {
                start.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            cpu[1] = run.getAsLong();
        });
        other.start();
        start.await();
        cpu[0] = run.getAsLong();
        other.join();
        return cpu;
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}

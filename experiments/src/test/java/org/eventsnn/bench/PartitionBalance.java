package org.eventsnn.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.eventsnn.core.engine.ParallelSimulator;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SpikeTrains;

/**
 * How evenly the multi-threaded engine shares a model's work between its threads, measured in
 * each thread's CPU time (so that other jobs on the machine count little): per window and
 * partition, the CPU its turn took. On idle cores a run cannot take less wall time than the sum
 * over windows of the busiest thread's CPU, where perfect balance would need the mean; the
 * imbalance loss is that sum over the sum of means, minus one. Printed twice: as the threads ran
 * (on a loaded machine a descheduled thread leaves its partitions to the other, which counts as
 * imbalance), and for the partitions' measured costs taken in turn by as many idle threads (the
 * engine's rule; with one partition per thread, the partitions themselves). Also prints each
 * partition's and each thread's total. Run it as a single-file program on a built jar:
 * <pre>
 * java -XX:+UseParallelGC -cp experiments/target/eventsnn.jar \
 *     experiments/src/test/java/org/eventsnn/bench/PartitionBalance.java MODEL.json SECONDS THREADS [PARTITIONS]
 * </pre>
 * PARTITIONS defaults to the engine's default for THREADS.
 */
public final class PartitionBalance {
    private PartitionBalance() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: PartitionBalance MODEL.json SECONDS THREADS [PARTITIONS]");
            System.exit(2);
        }
        Network network = ModelFiles.read(Path.of(args[0]));
        double seconds = Double.parseDouble(args[1]);
        int threads = Integer.parseInt(args[2]);
        int partitions = args.length > 3 ? Integer.parseInt(args[3]) : ParallelSimulator.defaultPartitions(network, threads);
        ParallelSimulator engine = new ParallelSimulator(network, threads, partitions, Long.MAX_VALUE);
        int windows = (int) Math.ceil(seconds / ParallelSimulator.minDelay(network)) + 2;
        int parts = engine.partitions();
        long[][] perThread = new long[windows][engine.threads()];
        long[][] cost = new long[windows][parts];
        engine.profilePartitions((window, partition, thread, cpu) -> {
            perThread[window][thread] += cpu; // each cell written by its own thread only
            cost[window][partition] = cpu;
        });
        long start = System.nanoTime();
        engine.run(SpikeTrains.builder(seconds).build());
        double wall = (System.nanoTime() - start) * 1e-9;
        System.out.printf(Locale.ROOT, "%s, %.3f s, %d threads, %d partitions: simulation wall %.2f s%n",
                args[0], seconds, engine.threads(), parts, wall);
        double[] threadTotal = new double[engine.threads()];
        for (long[] window : perThread) {
            for (int t = 0; t < window.length; t++) {
                threadTotal[t] += window[t] * 1e-9;
            }
        }
        System.out.println("CPU per thread (s):" + list(threadTotal));
        double[] partitionTotal = new double[parts];
        for (long[] window : cost) {
            for (int q = 0; q < parts; q++) {
                partitionTotal[q] += window[q] * 1e-9;
            }
        }
        System.out.println("CPU per partition (s):" + list(partitionTotal));
        report("as run (other jobs shift work between threads)", perThread);
        long[][] idle = new long[windows][];
        for (int w = 0; w < windows; w++) {
            idle[w] = inTurn(cost[w], engine.threads());
        }
        report("on " + engine.threads() + " idle threads taking partitions in turn", idle);
        long[][] lastFirst = new long[windows][];
        long[][] oracle = new long[windows][];
        for (int w = 0; w < windows; w++) {
            lastFirst[w] = inTurn(cost[w], engine.threads(), largestFirst(cost[Math.max(0, w - 1)]));
            oracle[w] = inTurn(cost[w], engine.threads(), largestFirst(cost[w]));
        }
        report("the same, largest in the window before first", lastFirst);
        report("the same, largest in the window first (oracle)", oracle);
    }

    /**
     * Each thread's CPU in a window where {@code threads} threads, all starting at once, each take
     * the next partition in index order whenever they are free (the engine's rule, on idle cores).
     */
    static long[] inTurn(long[] cost, int threads) {
        int[] order = new int[cost.length];
        for (int q = 0; q < order.length; q++) {
            order[q] = q;
        }
        return inTurn(cost, threads, order);
    }

    /** The partitions by descending cost. */
    static int[] largestFirst(long[] cost) {
        return java.util.stream.IntStream.range(0, cost.length).boxed()
                .sorted((a, b) -> Long.compare(cost[b], cost[a])).mapToInt(Integer::intValue).toArray();
    }

    /** As {@link #inTurn(long[], int)}, the partitions taken in {@code order}. */
    static long[] inTurn(long[] cost, int threads, int[] order) {
        long[] busy = new long[threads];
        for (int q : order) {
            long c = cost[q];
            int free = 0;
            for (int t = 1; t < threads; t++) {
                free = busy[t] < busy[free] ? t : free;
            }
            busy[free] += c;
        }
        return busy;
    }

    /** The sum over windows of the busiest thread's CPU against the mean's, and the loss. */
    private static void report(String what, long[][] perThread) {
        double busiest = 0;
        double mean = 0;
        for (long[] window : perThread) {
            long max = 0;
            long sum = 0;
            for (long t : window) {
                max = Math.max(max, t);
                sum += t;
            }
            busiest += max * 1e-9;
            mean += sum * 1e-9 / window.length;
        }
        System.out.printf(Locale.ROOT, "%s: sum over windows of the busiest thread's CPU %.2f s, of the mean %.2f s:"
                + " imbalance loss %.1f %%%n", what, busiest, mean, 100 * (busiest / mean - 1));
    }

    private static String list(double[] values) {
        StringBuilder line = new StringBuilder();
        for (double v : values) {
            line.append(String.format(Locale.ROOT, " %.2f", v));
        }
        return line.toString();
    }
}

package org.eventsnn.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.eventsnn.core.engine.ParallelSimulator;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SpikeTrains;

/**
 * Where the multi-threaded engine's wall time goes, window by window, in a JVM warmed by one run
 * of the same model: the threads' CPU in partition turns, the waits inside windows (from the
 * first turn's start to the last turn's end, less the turns' CPU: imbalance, and a parked
 * thread's wake-up), and the gaps between windows (the barrier). A turn's start is taken as its
 * end less its CPU time ({@link ParallelSimulator#profilePartitions}), so a descheduled thread
 * counts as waiting. Run it as a single-file program on a built jar:
 * <pre>
 * java -XX:+UseParallelGC -cp experiments/target/eventsnn.jar \
 *     experiments/src/test/java/org/eventsnn/bench/WindowWaits.java MODEL.json SECONDS THREADS
 * </pre>
 */
public final class WindowWaits {
    private WindowWaits() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: WindowWaits MODEL.json SECONDS THREADS");
            System.exit(2);
        }
        Network network = ModelFiles.read(Path.of(args[0]));
        double seconds = Double.parseDouble(args[1]);
        int threads = Integer.parseInt(args[2]);
        ParallelSimulator engine = new ParallelSimulator(network, threads, Long.MAX_VALUE);
        int parts = engine.partitions();
        int windows = (int) Math.ceil(seconds / ParallelSimulator.minDelay(network)) + 2;
        long[] end = new long[windows * parts];
        long[] cpu = new long[windows * parts];
        int[] thread = new int[windows * parts];
        engine.run(SpikeTrains.builder(seconds).build()); // warm-up
        engine.profilePartitions((w, q, t, nanos) -> {
            end[w * parts + q] = System.nanoTime();
            cpu[w * parts + q] = nanos;
            thread[w * parts + q] = t;
        });
        long start = System.nanoTime();
        engine.run(SpikeTrains.builder(seconds).build());
        long wall = System.nanoTime() - start;
        long turns = 0;
        long spans = 0;
        long gaps = 0;
        long lastEnd = -1;
        int counted = 0;
        for (int w = 0; w < windows; w++) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (int q = 0; q < parts; q++) {
                int i = w * parts + q;
                if (end[i] != 0) {
                    first = Math.min(first, end[i] - cpu[i]);
                    last = Math.max(last, end[i]);
                    turns += cpu[i];
                }
            }
            if (last == Long.MIN_VALUE) {
                continue;
            }
            counted++;
            spans += last - first;
            gaps += lastEnd >= 0 ? first - lastEnd : 0;
            lastEnd = last;
        }
        double perThread = turns * 1e-9 / engine.threads();
        System.out.printf(Locale.ROOT, "%s, %.3f s, %d threads, %d partitions, %d windows: wall %.3f s; CPU in turns %.3f s"
                + " (%.3f per thread); waits inside windows %.3f s; gaps between windows %.3f s%n", args[0], seconds,
                engine.threads(), parts, counted, wall * 1e-9, turns * 1e-9, perThread, spans * 1e-9 - perThread,
                gaps * 1e-9);
    }
}

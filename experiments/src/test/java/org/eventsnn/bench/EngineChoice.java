package org.eventsnn.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.eventsnn.core.engine.ParallelSimulator;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SpikeTrains;

/**
 * CPU time of one model on the single event queue against the window engine on one thread and one
 * partition, alternating run by run in one JVM (median of the rounds after two of warm-up): where the windows' per-window
 * work costs more than the queue ({@link ParallelSimulator#tooLittleToShare}'s threshold). Prints
 * the events per window actually processed, and the advice. Run it against a built jar as a
 * single-file program:
 * <pre>
 * java -XX:+UseParallelGC -cp experiments/target/eventsnn.jar \
 *     experiments/src/test/java/org/eventsnn/bench/EngineChoice.java MODEL.json SECONDS ROUNDS
 * </pre>
 */
public final class EngineChoice {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int WARM_UP = 2;

    private EngineChoice() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: EngineChoice MODEL.json SECONDS ROUNDS");
            System.exit(2);
        }
        Network network = ModelFiles.read(Path.of(args[0]));
        double seconds = Double.parseDouble(args[1]);
        int rounds = Integer.parseInt(args[2]);
        if (rounds <= WARM_UP) {
            throw new IllegalArgumentException("ROUNDS must exceed the " + WARM_UP + " warm-up rounds: " + rounds);
        }
        SpikeTrains none = SpikeTrains.builder(seconds).build();
        double[] queue = new double[rounds - WARM_UP];
        double[] windows = new double[rounds - WARM_UP];
        long events = 0;
        for (int r = 0; r < rounds; r++) {
            Simulator s = Simulator.withEventQueue(network, Long.MAX_VALUE);
            long t0 = CPU.getCurrentThreadCpuTime();
            s.run(none);
            double queueSeconds = (CPU.getCurrentThreadCpuTime() - t0) * 1e-9;
            events = s.synapticEventCount() + s.driveEventCount();
            ParallelSimulator p = new ParallelSimulator(network, 1, 1, Long.MAX_VALUE);
            t0 = CPU.getCurrentThreadCpuTime();
            p.run(none);
            double windowSeconds = (CPU.getCurrentThreadCpuTime() - t0) * 1e-9;
            if (r >= WARM_UP) {
                queue[r - WARM_UP] = queueSeconds;
                windows[r - WARM_UP] = windowSeconds;
            }
        }
        Arrays.sort(queue);
        Arrays.sort(windows);
        double perWindow = events / seconds * ParallelSimulator.minDelay(network);
        int m = queue.length / 2;
        System.out.printf(Locale.ROOT, "%s: %d events, %.0f per window; CPU medians: queue %.3f s, windows %.3f s"
                + " (windows / queue %.2f)%n", args[0], events, perWindow, queue[m], windows[m], windows[m] / queue[m]);
        String advice = ParallelSimulator.tooLittleToShare(network);
        System.out.println("advice for more threads: " + (advice == null ? "share the windows" : advice));
    }
}

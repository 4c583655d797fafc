package org.eventsnn.bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times the single-threaded event queue of several builds of eventsnn on one model in one JVM,
 * alternating run by run, so that every build meets the same load on a shared machine: a
 * before/after comparison with its baseline in the same run. Each build is loaded from its
 * shaded jar by a class loader of its own; CPU time of the running thread per simulated run;
 * the first two rounds are warm-up. With {@code --windows} first, each build runs its
 * multi-threaded engine with one partition instead (its windows, on the calling thread). Run it
 * as a single-file program:
 * <pre>
 * java -XX:+UseParallelGC experiments/src/test/java/org/eventsnn/bench/EngineComparison.java \
 *     [--windows] MODEL.json SECONDS ROUNDS BEFORE.jar AFTER.jar...
 * </pre>
 */
public final class EngineComparison {
    private static final int WARM_UP = 2;

    private EngineComparison() {
    }

    public static void main(String[] arguments) throws Exception {
        boolean windows = arguments.length > 0 && arguments[0].equals("--windows");
        String[] args = windows ? Arrays.copyOfRange(arguments, 1, arguments.length) : arguments;
        if (args.length < 4) {
            System.err.println("usage: EngineComparison [--windows] MODEL.json SECONDS ROUNDS JAR...");
            System.exit(2);
        }
        Path model = Path.of(args[0]);
        double seconds = Double.parseDouble(args[1]);
        int rounds = Integer.parseInt(args[2]);
        if (rounds <= WARM_UP) {
            throw new IllegalArgumentException("ROUNDS must exceed the " + WARM_UP + " warm-up rounds: " + rounds);
        }
        int builds = args.length - 3;
        Object[] simulators = new Object[builds];
        Object[] inputs = new Object[builds];
        Method[] run = new Method[builds];
        for (int b = 0; b < builds; b++) {
            ClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[3 + b]).toUri().toURL()}, null);
            Object network = loader.loadClass("org.eventsnn.core.io.ModelFiles").getMethod("read", Path.class)
                    .invoke(null, model);
            Class<?> net = loader.loadClass("org.eventsnn.core.model.Network");
            Class<?> simulator = loader.loadClass("org.eventsnn.core.engine." + (windows ? "ParallelSimulator" : "Simulator"));
            simulators[b] = windows
                    ? simulator.getConstructor(net, int.class, long.class).newInstance(network, 1, Long.MAX_VALUE)
                    : simulator.getConstructor(net).newInstance(network);
            Class<?> trains = loader.loadClass("org.eventsnn.core.record.SpikeTrains");
            Object builder = trains.getMethod("builder", double.class).invoke(null, seconds);
            inputs[b] = builder.getClass().getMethod("build").invoke(builder);
            run[b] = simulator.getMethod("run", trains);
        }
        var threads = ManagementFactory.getThreadMXBean();
        double[][] cpu = new double[builds][rounds - WARM_UP];
        for (int r = 0; r < rounds; r++) {
            for (int b = 0; b < builds; b++) {
                long start = threads.getCurrentThreadCpuTime();
                run[b].invoke(simulators[b], inputs[b]);
                if (r >= WARM_UP) {
                    cpu[b][r - WARM_UP] = (threads.getCurrentThreadCpuTime() - start) * 1e-9;
                }
            }
        }
        double baseline = median(cpu[0]);
        for (int b = 0; b < builds; b++) {
            double[] sorted = cpu[b].clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%s: median %.3f s, min %.3f s CPU per run; baseline / this %.2f%n",
                    args[3 + b], median(cpu[b]), sorted[0], baseline / median(cpu[b]));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

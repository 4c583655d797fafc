package org.eventsnn.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * CPU time per Yin-Yang sample of several builds of eventsnn in one JVM, alternating round by
 * round, so that every build meets the same load on a shared machine: the forward pass stopped
 * once every output has fired (as training and evaluation run it), and that plus the preset's
 * gradient method, and the same in batches of the preset's size through a one-thread
 * {@code BatchGradients}, which sums each sample's gradients and, in builds that have them, runs
 * Fast and Deep's networks on layer kernels ({@code withLayerKernels}), as training does. Each build is loaded from its class path (a shaded {@code eventsnn.jar}, or
 * class directories and jars separated by {@code :}) by a class loader of its own; a round runs
 * the first 1000 training samples; the first three rounds are warm-up. Where
 * {@link SampleCpuTime} compares builds in separate processes, whose figures on this machine
 * move by 10-20 % from process to process, this puts their rounds side by side. Run it as a
 * single-file program:
 * <pre>
 * java -XX:+UseParallelGC experiments/src/test/java/org/eventsnn/bench/SampleComparison.java \
 *     [--threads T] PRESET ROUNDS MODEL.json|initial BEFORE.jar AFTER.jar...
 * </pre>
 * With {@code --threads T} each round also runs the batches on T threads, and each build's wall
 * time per sample there is given beside its one-thread batches' wall time, with their ratio: the
 * second thread's gain (on a machine with at least T idle cores).
 */
public final class SampleComparison {
    private static final int WARM_UP = 3;
    private static final int SAMPLES = 1000;

    private SampleComparison() {
    }

    /** One build's task, simulator, gradient method and samples, driven by reflection. */
    private static final class Build {
        final Object simulator;
        final Object method;
        final Object loss;
        final Object[] inputs = new Object[SAMPLES];
        final int[] labels = new int[SAMPLES];
        final int output;
        final Method runUntilAllFired;
        final Method recycle;
        final Method compute;
        /** A one-thread batch runner, the network, and what its {@code run} takes, as training calls it. */
        final Object batches;
        final Object network;
        final Object trains;
        final int batchSize;
        final Method runBatch;
        /** The same batches on several threads, or null. */
        final Object threadedBatches;

        Build(String classPath, String preset, String model, int threads) throws Exception {
            String[] parts = classPath.split(File.pathSeparator);
            URL[] urls = new URL[parts.length];
            for (int i = 0; i < parts.length; i++) {
                urls[i] = Path.of(parts[i]).toUri().toURL();
            }
            ClassLoader loader = new URLClassLoader(urls, null);
            Class<?> taskClass = loader.loadClass("org.eventsnn.experiments.train.YinYangTask");
            Object config = loader.loadClass("org.eventsnn.experiments.train.Presets").getMethod("get", String.class)
                    .invoke(null, preset);
            Object task = null;
            for (var constructor : taskClass.getConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0].isInstance(config)) {
                    task = constructor.newInstance(config);
                }
            }
            if (task == null) {
                throw new IllegalStateException("no YinYangTask(config) in " + classPath);
            }
            Class<?> networkClass = loader.loadClass("org.eventsnn.core.model.Network");
            Object network = model.equals("initial")
                    ? taskClass.getMethod("initialNetwork", long.class).invoke(task, 1L)
                    : loader.loadClass("org.eventsnn.core.io.ModelFiles").getMethod("read", Path.class)
                    .invoke(null, Path.of(model));
            Class<?> simulatorClass = loader.loadClass("org.eventsnn.core.engine.Simulator");
            simulator = simulatorClass.getConstructor(networkClass).newInstance(network);
            Object newMethod = taskClass.getMethod("newMethod").invoke(task);
            method = newMethod.getClass().getMethod("withoutSynapseDelayGradients").invoke(newMethod);
            loss = taskClass.getMethod("loss").invoke(task);
            output = taskClass.getField("OUTPUT_INDEX").getInt(null);
            Class<?> split = loader.loadClass("org.eventsnn.datasets.YinYang$Split");
            Object train = split.getField("TRAIN").get(null);
            Object data = taskClass.getMethod("data", split).invoke(task, train);
            Method input = data.getClass().getMethod("input", int.class);
            Method label = data.getClass().getMethod("label", int.class);
            input.setAccessible(true);
            label.setAccessible(true);
            for (int i = 0; i < SAMPLES; i++) {
                inputs[i] = input.invoke(data, i);
                labels[i] = (Integer) label.invoke(data, i);
            }
            Class<?> trains = loader.loadClass("org.eventsnn.core.record.SpikeTrains");
            Class<?> result = loader.loadClass("org.eventsnn.core.record.SimulationResult");
            runUntilAllFired = simulatorClass.getMethod("runUntilAllFired", trains, int.class);
            recycle = simulatorClass.getMethod("recycle", result);
            Class<?> gradientMethod = loader.loadClass("org.eventsnn.gradients.GradientMethod");
            Class<?> lossClass = loader.loadClass("org.eventsnn.gradients.SpikeTimeLoss");
            compute = gradientMethod.getMethod("compute", result, int.class, lossClass, int.class);
            this.network = network;
            this.trains = Array.newInstance(trains, SAMPLES);
            for (int i = 0; i < SAMPLES; i++) {
                Array.set(this.trains, i, inputs[i]);
            }
            batchSize = (int) (double) (Double) config.getClass().getMethod("number", String.class)
                    .invoke(config, "batchSize");
            Object batchTask = task;
            Method methodOfTask = taskClass.getMethod("newMethod");
            Supplier<Object> methods = () -> {
                try {
                    return methodOfTask.invoke(batchTask);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            };
            Class<?> batchClass = loader.loadClass("org.eventsnn.gradients.BatchGradients");
            batches = batchRunner(batchClass, 1, methods);
            threadedBatches = threads > 1 ? batchRunner(batchClass, threads, methods) : null;
            runBatch = batchClass.getMethod("run", networkClass, this.trains.getClass(), int[].class, int[].class,
                    int.class, lossClass);
        }

        /** A batch runner on {@code threads} threads, on layer kernels where the build has them. */
        private static Object batchRunner(Class<?> batchClass, int threads, Supplier<Object> methods) throws Exception {
            Object runner = batchClass.getConstructor(int.class, Supplier.class).newInstance(threads, methods);
            try { // since 2026-12-07 training runs Fast and Deep's networks on layer kernels, as here
                batchClass.getMethod("withLayerKernels").invoke(runner);
            } catch (NoSuchMethodException olderBuild) {
                // every sample on the forward pass
            }
            return runner;
        }

        /** One round over the samples in batches of the preset's size, forward and backward, as training runs them. */
        void batchRound(Object runner) throws Exception {
            for (int from = 0; from < SAMPLES; from += batchSize) {
                int[] order = new int[Math.min(batchSize, SAMPLES - from)];
                for (int k = 0; k < order.length; k++) {
                    order[k] = from + k;
                }
                runBatch.invoke(runner, network, trains, labels, order, output, loss);
            }
        }

        /** One round over the samples; with gradients, each sample's backward pass too. */
        void round(boolean gradients) throws Exception {
            for (int i = 0; i < SAMPLES; i++) {
                Object r = runUntilAllFired.invoke(simulator, inputs[i], output);
                if (gradients) {
                    compute.invoke(method, r, output, loss, labels[i]);
                }
                recycle.invoke(simulator, r);
            }
        }
    }

    /** Prints each build's median CPU time per sample, forward and forward + backward. */
    public static void main(String[] arguments) throws Exception {
        int threads = 1;
        String[] args = arguments;
        if (args.length > 1 && args[0].equals("--threads")) {
            threads = Integer.parseInt(args[1]);
            args = Arrays.copyOfRange(args, 2, args.length);
        }
        if (args.length < 4 || threads < 1) {
            System.err.println("usage: SampleComparison [--threads T] PRESET ROUNDS MODEL.json|initial CLASSPATH...");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[1]);
        if (rounds <= WARM_UP) {
            throw new IllegalArgumentException("ROUNDS must exceed the " + WARM_UP + " warm-up rounds: " + rounds);
        }
        int builds = args.length - 3;
        Build[] build = new Build[builds];
        for (int b = 0; b < builds; b++) {
            build[b] = new Build(args[3 + b], args[0], args[2], threads);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[][] forward = new double[builds][rounds - WARM_UP];
        double[][] both = new double[builds][rounds - WARM_UP];
        double[][] batch = new double[builds][rounds - WARM_UP];
        double[][] batchWall = new double[builds][rounds - WARM_UP];
        double[][] threadedWall = new double[builds][rounds - WARM_UP];
        for (int r = 0; r < rounds; r++) {
            for (int b = 0; b < builds; b++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                build[b].round(false);
                long t1 = cpu.getCurrentThreadCpuTime();
                build[b].round(true);
                long t2 = cpu.getCurrentThreadCpuTime();
                long w2 = System.nanoTime();
                build[b].batchRound(build[b].batches);
                long t3 = cpu.getCurrentThreadCpuTime();
                long w3 = System.nanoTime();
                if (threads > 1) {
                    build[b].batchRound(build[b].threadedBatches);
                }
                long w4 = System.nanoTime();
                if (r >= WARM_UP) {
                    forward[b][r - WARM_UP] = (t1 - t0) / 1e3 / SAMPLES;
                    both[b][r - WARM_UP] = (t2 - t1) / 1e3 / SAMPLES;
                    batch[b][r - WARM_UP] = (t3 - t2) / 1e3 / SAMPLES;
                    batchWall[b][r - WARM_UP] = (w3 - w2) / 1e3 / SAMPLES;
                    threadedWall[b][r - WARM_UP] = (w4 - w3) / 1e3 / SAMPLES;
                }
            }
        }
        for (int b = 0; b < builds; b++) {
            System.out.printf(Locale.ROOT, "%s: forward %s, forward + backward %s, in batches %s us CPU per sample (%s)%n",
                    args[0], summary(forward[b]), summary(both[b]), summary(batch[b]), args[3 + b]);
            if (threads > 1) {
                System.out.printf(Locale.ROOT, "%s: in batches, wall per sample: 1 thread %s, %d threads %s us: %.2fx (%s)%n",
                        args[0], summary(batchWall[b]), threads, summary(threadedWall[b]),
                        median(batchWall[b]) / median(threadedWall[b]), args[3 + b]);
            }
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    /** Median and the range of the middle half. */
    private static String summary(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return String.format(Locale.ROOT, "%.1f [%.1f-%.1f]", v[v.length / 2], v[v.length / 4], v[(3 * v.length) / 4]);
    }
}

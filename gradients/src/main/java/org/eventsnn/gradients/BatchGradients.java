package org.eventsnn.gradients;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.eventsnn.core.Arguments;
import org.eventsnn.core.Network;
import org.eventsnn.core.SimulationResult;
import org.eventsnn.core.SpikeTrains;

/**
 * Runs a mini-batch: simulates every sample (on a {@link ForwardPass}), and optionally computes
 * its gradients, in parallel over a fixed pool of threads. Per-sample results are stored by index and summed in
 * sample order, so the result is bit-identical for any thread count. Each thread keeps its own
 * simulator and gradient method. Close it to stop the threads.
 */
public final class BatchGradients implements AutoCloseable {
    private final int threads;
    private final ExecutorService pool;
    private final Supplier<GradientMethod> methods;
    private final ThreadLocal<GradientMethod> method;
    private final ForwardPass forward;
    private long runs;

    /** A batch runner simulating in software, with {@code threads} worker threads and a gradient method per thread. */
    public BatchGradients(int threads, Supplier<GradientMethod> methods) {
        this(threads, methods, ForwardPass.software());
    }

    /** A batch runner whose forward passes run on {@code forward} (e.g. a hardware backend). */
    public BatchGradients(int threads, Supplier<GradientMethod> methods, ForwardPass forward) {
        this.forward = forward;
        this.threads = Arguments.requireAtLeast(threads, 1, "threads");
        this.methods = methods;
        this.method = ThreadLocal.withInitial(methods);
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "eventsnn-batch");
            t.setDaemon(true);
            return t;
        });
    }

    public int threads() {
        return threads;
    }

    /** Name of the gradient method. */
    public String methodName() {
        return methods.get().name();
    }

    /**
     * Simulates {@code inputs[i]} for each i in {@code samples}, evaluates {@code loss} on the
     * first spikes of population {@code output} with label {@code labels[i]}, and computes its
     * gradients.
     */
    public BatchResult run(Network net, SpikeTrains[] inputs, int[] labels, int[] samples, int output,
                           SpikeTimeLoss loss) {
        return run(net, inputs, labels, samples, output, loss, true);
    }

    /** As {@link #run(Network, SpikeTrains[], int[], int[], int, SpikeTimeLoss)}; gradients only if asked. */
    public BatchResult run(Network net, SpikeTrains[] inputs, int[] labels, int[] samples, int output,
                           SpikeTimeLoss loss, boolean gradients) {
        SampleResult[] results = new SampleResult[samples.length];
        forward.prepare(net, runs++);
        if (pool == null) {
            for (int i = 0; i < samples.length; i++) {
                results[i] = sample(net, inputs[samples[i]], samples[i], labels[samples[i]], output, loss, gradients);
            }
        } else {
            List<Future<?>> futures = new ArrayList<>();
            int chunk = (samples.length + threads - 1) / threads;
            for (int start = 0; start < samples.length; start += chunk) {
                int lo = start;
                int hi = Math.min(samples.length, start + chunk);
                futures.add(pool.submit(() -> {
                    for (int i = lo; i < hi; i++) {
                        results[i] = sample(net, inputs[samples[i]], samples[i], labels[samples[i]], output, loss, gradients);
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException) {
                        throw (RuntimeException) c;
                    }
                    throw new IllegalStateException(c);
                }
            }
        }
        return BatchResult.sum(net, results, gradients);
    }

    private SampleResult sample(Network net, SpikeTrains in, int index, int label, int output, SpikeTimeLoss loss,
                                boolean gradients) {
        SimulationResult r = forward.run(net, in, index, output);
        double[] first = r.firstSpikeTimes(output);
        boolean[] fired = firedNeurons(r);
        if (!gradients) {
            return new SampleResult(first, fired, label, new FirstSpikes(r, output, loss, label).loss, null);
        }
        Gradients g = method.get().compute(r, output, loss, label);
        return new SampleResult(first, fired, label, g.loss(), g);
    }

    private static boolean[] firedNeurons(SimulationResult r) {
        boolean[] fired = new boolean[r.network().neuronCount()];
        for (int s = 0; s < r.record().count(); s++) {
            fired[r.record().neuron(s)] = true;
        }
        return fired;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** One sample's outcome. */
    static final class SampleResult {
        final double[] firstSpikes;
        final boolean[] fired;
        final int label;
        final double loss;
        final Gradients gradients;

        SampleResult(double[] firstSpikes, boolean[] fired, int label, double loss, Gradients gradients) {
            this.firstSpikes = firstSpikes;
            this.fired = fired;
            this.label = label;
            this.loss = loss;
            this.gradients = gradients;
        }
    }
}

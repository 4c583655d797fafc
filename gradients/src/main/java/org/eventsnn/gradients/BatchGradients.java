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
import org.eventsnn.core.Simulator;
import org.eventsnn.core.SpikeTrains;

/**
 * Runs a mini-batch: simulates every sample, and optionally computes its gradients, in
 * parallel over a fixed pool of threads. Per-sample results are stored by index and summed in
 * sample order, so the result is bit-identical for any thread count. Each thread keeps its own
 * simulator and gradient method. Close it to stop the threads.
 */
public final class BatchGradients implements AutoCloseable {
    private final int threads;
    private final ExecutorService pool;
    private final Supplier<GradientMethod> methods;
    private final ThreadLocal<GradientMethod> method;
    private final ThreadLocal<Simulator[]> simulator = ThreadLocal.withInitial(() -> new Simulator[1]);

    /** A batch runner with {@code threads} worker threads and a gradient method per thread. */
    public BatchGradients(int threads, Supplier<GradientMethod> methods) {
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
     * Simulates {@code inputs[i]} for each i in {@code samples} and, if {@code loss} is not null,
     * computes gradients of it on population {@code output} with label {@code labels[i]}.
     */
    public BatchResult run(Network net, SpikeTrains[] inputs, int[] labels, int[] samples, int output,
                           SpikeTimeLoss loss) {
        SampleResult[] results = new SampleResult[samples.length];
        if (pool == null) {
            for (int i = 0; i < samples.length; i++) {
                results[i] = sample(net, inputs[samples[i]], labels[samples[i]], output, loss);
            }
        } else {
            List<Future<?>> futures = new ArrayList<>();
            int chunk = (samples.length + threads - 1) / threads;
            for (int start = 0; start < samples.length; start += chunk) {
                int lo = start;
                int hi = Math.min(samples.length, start + chunk);
                futures.add(pool.submit(() -> {
                    for (int i = lo; i < hi; i++) {
                        results[i] = sample(net, inputs[samples[i]], labels[samples[i]], output, loss);
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
        return BatchResult.sum(net, results, loss != null);
    }

    private SampleResult sample(Network net, SpikeTrains in, int label, int output, SpikeTimeLoss loss) {
        Simulator[] holder = simulator.get();
        if (holder[0] == null || holder[0].network() != net) {
            holder[0] = new Simulator(net);
        }
        SimulationResult r = holder[0].run(in);
        double[] first = r.firstSpikeTimes(output);
        if (loss == null) {
            return new SampleResult(first, label, Double.NaN, null);
        }
        Gradients g = method.get().compute(r, output, loss, label);
        return new SampleResult(first, label, g.loss(), g);
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
        final int label;
        final double loss;
        final Gradients gradients;

        SampleResult(double[] firstSpikes, int label, double loss, Gradients gradients) {
            this.firstSpikes = firstSpikes;
            this.label = label;
            this.loss = loss;
            this.gradients = gradients;
        }
    }
}

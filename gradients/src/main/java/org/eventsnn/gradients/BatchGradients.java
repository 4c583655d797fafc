package org.eventsnn.gradients;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.eventsnn.core.base.Arguments;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;

/**
 * Runs a mini-batch: simulates every sample (on a {@link ForwardPass}), and optionally computes
 * its gradients, in parallel: the calling thread and {@code threads - 1} pooled helpers take the
 * next unclaimed sample until none is left, so neither a costly sample nor a helper that wakes up
 * late holds the others up. Per-sample results are summed strictly in sample order, by whichever
 * thread finds the next one ready, so the result is bit-identical for any thread count and the
 * summing overlaps the simulations. Each thread keeps its own
 * simulator and gradient method. Close it to stop the threads.
 */
public final class BatchGradients implements AutoCloseable {
    private final int threads;
    private final ExecutorService pool;
    private final Supplier<GradientMethod> methods;
    private final ThreadLocal<GradientMethod> method;
    private final ForwardPass forward;
    /** Whether a neuron's firing counts over the whole window ({@link ForwardPass#countsFiringOverWindow}). */
    private final boolean firingOverWindow;
    /** Per thread: samples on layer kernels, or null where batches do not use them ({@link #withLayerKernels}). */
    private ThreadLocal<KernelSamples> kernels;
    private long runs;
    private double neuronGradientLimit = Double.POSITIVE_INFINITY;
    private boolean delayGradients;

    /** A batch runner simulating in software, with {@code threads} worker threads and a gradient method per thread. */
    public BatchGradients(int threads, Supplier<GradientMethod> methods) {
        this(threads, methods, ForwardPass.software());
    }

    /** A batch runner whose forward passes run on {@code forward} (e.g. a hardware backend). */
    public BatchGradients(int threads, Supplier<GradientMethod> methods, ForwardPass forward) {
        this.forward = forward;
        this.firingOverWindow = forward.countsFiringOverWindow();
        this.threads = Arguments.requireAtLeast(threads, 1, "threads");
        this.methods = methods;
        // read when a thread first computes, so after withDelayGradients (which must come before any batch)
        this.method = ThreadLocal.withInitial(() -> delayGradients ? methods.get()
                : methods.get().withoutSynapseDelayGradients());
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "eventsnn-batch");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Fast and Deep's gradient chopping (their {@code max_dw_norm}): from now on a sample's
     * weight gradients into a neuron are left out of the batch mean when the largest of them in
     * magnitude, divided by the batch size, exceeds {@code limit}. Such gradients come from
     * spikes whose membrane barely reached threshold, where dt/dw diverges. The default,
     * +Infinity, keeps everything. Returns this.
     */
    public BatchGradients dropLargeNeuronGradients(double limit) {
        this.neuronGradientLimit = Arguments.requirePositive(limit, "limit");
        return this;
    }

    /**
     * From now on batches with gradients also sum each synapse's delay gradient
     * ({@link BatchResult#meanDelayGradients}), for delay learning; without it the gradient
     * methods leave them out ({@link GradientMethod#withoutSynapseDelayGradients}). Call it
     * before the first batch. Returns this.
     */
    public BatchGradients withDelayGradients() {
        if (runs > 0) {
            throw new IllegalStateException("withDelayGradients must come before the first batch");
        }
        this.delayGradients = true;
        return this;
    }

    /**
     * From now on, where the forward pass allows it ({@link ForwardPass#allowsLayerKernels}), a
     * sample whose network the layer kernels simulate ({@code LayerKernels.unsuitedReason} is
     * null) runs on them instead of the event queue, with the gradients of {@code fastdeep}
     * (layers with {@code tauSyn = tauMem}) or {@code eventprop} (other layers) computed on their
     * state: a fraction of the cost, every spike and gradient within the budgets of
     * docs/exactness.md ("Layer kernels") rather than bit for bit. Samples they cannot run (other
     * gradient methods, delay gradients, losses on every spike, a neuron firing twice where Fast
     * and Deep needs one spike) run on the forward pass as before.
     * Call it before the first batch. Returns this.
     */
    public BatchGradients withLayerKernels() {
        if (runs > 0) {
            throw new IllegalStateException("withLayerKernels must come before the first batch");
        }
        if (forward.allowsLayerKernels()) {
            kernels = ThreadLocal.withInitial(KernelSamples::new);
        }
        return this;
    }

    /** Number of worker threads. */
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
     *
     * @throws IllegalArgumentException if {@code output} is not a LIF population of {@code net}
     */
    public BatchResult run(Network net, SpikeTrains[] inputs, int[] labels, int[] samples, int output,
                           SpikeTimeLoss loss) {
        return run(net, inputs, labels, samples, output, loss, true);
    }

    /** As {@link #run(Network, SpikeTrains[], int[], int[], int, SpikeTimeLoss)}; gradients only if asked. */
    public BatchResult run(Network net, SpikeTrains[] inputs, int[] labels, int[] samples, int output,
                           SpikeTimeLoss loss, boolean gradients) {
        OutputSpikes.requireLifOutput(net, output);
        return runEach(net, samples, gradients,
                i -> sample(net, inputs[i], i, labels[i], output, loss, gradients));
    }

    /**
     * As {@link #run(Network, SpikeTrains[], int[], int[], int, SpikeTimeLoss, boolean)} for a
     * loss on every spike of population {@code output}: each sample runs its whole window, its
     * prediction is the loss's, and gradients need a method that supports such losses
     * ({@link GradientMethod#computeAllSpikes}).
     */
    public BatchResult run(Network net, SpikeTrains[] inputs, int[] labels, int[] samples, int output,
                           SpikeTrainLoss loss, boolean gradients) {
        OutputSpikes.requireLifOutput(net, output);
        return runEach(net, samples, gradients,
                i -> sampleAllSpikes(net, inputs[i], i, labels[i], output, loss, gradients));
    }

    /** Runs {@code sample} for every index of {@code samples} in parallel and sums in order. */
    private BatchResult runEach(Network net, int[] samples, boolean gradients,
                                java.util.function.IntFunction<SampleResult> sample) {
        AtomicReferenceArray<SampleResult> results = new AtomicReferenceArray<>(samples.length);
        BatchSum sum = new BatchSum(net, samples.length, gradients, delayGradients, neuronGradientLimit);
        ReentrantLock summing = new ReentrantLock();
        forward.prepare(net, runs++);
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int i = next.getAndIncrement(); i < samples.length; i = next.getAndIncrement()) {
                results.set(i, sample.apply(samples[i]));
                if (summing.tryLock()) { // else another thread is summing; whatever it leaves is summed later
                    try {
                        sumReady(results, sum);
                    } finally {
                        summing.unlock();
                    }
                }
            }
        };
        List<Future<?>> helpers = new ArrayList<>();
        for (int h = 1; h < Math.min(threads, samples.length); h++) {
            helpers.add(pool.submit(work));
        }
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            next.set(samples.length); // the helpers stop after their current sample
            awaitQuietly(helpers);
            throw e;
        }
        finish(helpers);
        summing.lock();
        try {
            sumReady(results, sum);
        } finally {
            summing.unlock();
        }
        return sum.result();
    }

    /** Adds, in sample order, every result from the next unsummed one up to the first not yet there. */
    private static void sumReady(AtomicReferenceArray<SampleResult> results, BatchSum sum) {
        for (int i = sum.added(); i < results.length() && results.get(i) != null; i = sum.added()) {
            sum.add(results.get(i));
            results.set(i, null); // its gradients are no longer needed
        }
    }

    /** Waits for the helpers and rethrows the first failure among them. */
    private static void finish(List<Future<?>> helpers) {
        RuntimeException failure = null;
        for (Future<?> f : helpers) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                failure = failure != null ? failure
                        : c instanceof RuntimeException ? (RuntimeException) c : new IllegalStateException(c);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Waits for the helpers, ignoring their failures (the caller's own is propagating). */
    private static void awaitQuietly(List<Future<?>> helpers) {
        try {
            finish(helpers);
        } catch (RuntimeException ignored) {
            // the caller's failure is the one reported
        }
    }

    private SampleResult sample(Network net, SpikeTrains in, int index, int label, int output, SpikeTimeLoss loss,
                                boolean gradients) {
        if (kernels != null && !delayGradients) {
            SampleResult k = kernels.get().run(net, in, label, output, loss, gradients ? method.get() : null,
                    firingOverWindow);
            if (k != null) {
                return k;
            }
        }
        SimulationResult r = gradients ? forward.run(net, in, index, output) : forward.runSpikesOnly(net, in, index, output);
        double[] first = r.firstSpikeTimes(output);
        boolean[] fired = firedNeurons(r, firingOverWindow);
        SampleResult result;
        if (gradients) {
            Gradients g = method.get().compute(r, output, loss, label);
            result = new SampleResult(first, fired, label, g.loss(), g, BatchResult.predict(first));
        } else {
            result = new SampleResult(first, fired, label, new FirstSpikes(r, output, loss, label).loss, null,
                    BatchResult.predict(first));
        }
        forward.recycle(r); // nothing kept above refers to the record
        return result;
    }

    private SampleResult sampleAllSpikes(Network net, SpikeTrains in, int index, int label, int output,
                                         SpikeTrainLoss loss, boolean gradients) {
        SimulationResult r = gradients ? forward.run(net, in, index, -1) : forward.runSpikesOnly(net, in, index, -1);
        OutputSpikes spikes = new OutputSpikes(r, output);
        Gradients g = gradients ? method.get().computeAllSpikes(r, output, loss, label) : null;
        double value = g != null ? g.loss() : loss.evaluate(spikes, label, new double[spikes.count()]);
        SampleResult result = new SampleResult(r.firstSpikeTimes(output), firedNeurons(r, firingOverWindow), label, value, g,
                loss.predict(spikes));
        forward.recycle(r);
        return result;
    }

    /**
     * The neurons that fired within the record, and with {@code overWindow} also those the
     * record says fired in the window after its end.
     */
    private static boolean[] firedNeurons(SimulationResult r, boolean overWindow) {
        boolean[] fired = new boolean[r.network().neuronCount()];
        SpikeRecord record = r.record();
        for (int s = 0; s < record.count(); s++) {
            fired[record.neuron(s)] = true;
        }
        for (int i = 0; overWindow && i < record.firedAfterEndCount(); i++) {
            fired[record.firedAfterEnd(i)] = true;
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
        final int prediction;

        SampleResult(double[] firstSpikes, boolean[] fired, int label, double loss, Gradients gradients,
                     int prediction) {
            this.prediction = prediction;
            this.firstSpikes = firstSpikes;
            this.fired = fired;
            this.label = label;
            this.loss = loss;
            this.gradients = gradients;
        }
    }
}

package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;

/**
 * The exact event-driven engine on several threads, with results bit-identical to
 * {@link Simulator#withEventQueue}'s for every thread count: the same spikes at the same times,
 * recorded in the same order, with the same currents.
 *
 * <p>Neurons are split into contiguous blocks of global indices, one per thread, with equal
 * shares of the expected input events ({@link PartitionBounds}), each with its own states,
 * arrivals and Poisson drive. Time advances in windows as long as the network's minimum delay
 * ({@link #minDelay}; {@link WindowEnds}): a spike in a window arrives anywhere only in a
 * later one (rounding is monotone, so {@code spike + delay >= window start + minimum delay}),
 * so within a window the partitions are independent, and every input of a neuron is known
 * when the window starts: each partition runs its neurons one at a time through their inputs
 * and own events, in the global queue's order ({@link Partition}), which makes one thread
 * faster than the global queue too. At the end of a window the partitions' spikes are
 * merged into the global order ({@link WindowMerge}) and numbered, as the single queue numbers
 * them, and every partition schedules the arrivals at its neurons keyed by those numbers; a
 * row's part is delivered by every partition owning one of its targets, each to its own, in
 * row order. Procedural synapses with delays of their own are generated once, by the spike's
 * partition, and sent to their targets' partitions.
 *
 * <p>With one thread the same windows run on the calling thread. A network whose minimum delay is
 * 0 has no independent window: it runs on {@link Simulator}'s queue, on one thread, and
 * {@link #fallbackReason} says so if more were asked for.
 * Only plain runs are parallel: replay, traces and gradients (which need the processed-event
 * log, not kept here) use {@link Simulator}. A run exceeding the spike budget fails with
 * {@link Simulator}'s very message, detected at the end of the window in which it happens.
 * Not thread-safe: one run at a time.
 */
public final class ParallelSimulator {
    private final Network network;
    private final long maxSpikes;
    private final double minDelay;
    private final String fallbackReason;
    private final Simulator single;
    private final Partition[] parts;
    private final WindowMerge merge;
    private long synapticEventCount;
    private long driveEventCount;
    private SimulationProgress progress;

    /**
     * An engine for {@code network} on {@code threads} threads (at most one per neuron) that
     * fails with {@link SimulationLimitException} once a run records more than {@code maxSpikes}
     * spikes (inputs included).
     */
    public ParallelSimulator(Network network, int threads, long maxSpikes) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (maxSpikes < 1) {
            throw new IllegalArgumentException("maxSpikes must be >= 1, got " + maxSpikes);
        }
        this.network = network;
        this.maxSpikes = maxSpikes;
        this.minDelay = minDelay(network);
        int n = network.neuronCount();
        int t = Math.min(threads, Math.max(1, n));
        if (threads > 1 && !(minDelay > 0)) {
            fallbackReason = "the network's minimum delay is 0, so it runs on one thread";
        } else {
            fallbackReason = null;
        }
        if (!(minDelay > 0)) {
            single = Simulator.withEventQueue(network, maxSpikes);
            parts = null;
            merge = null;
            return;
        }
        single = null;
        merge = new WindowMerge(network, maxSpikes);
        parts = new Partition[t];
        int[] bounds = PartitionBounds.split(network, t);
        for (int q = 0; q < t; q++) {
            parts[q] = new Partition(network, parts, merge, q, bounds[q], bounds[q + 1], maxSpikes);
        }
    }

    /**
     * The smallest delay of any synapse that exists (a stored projection without synapses
     * delivers nothing), over stored, per-synapse and procedural delays alike; +infinity without
     * any: the length of the windows in which partitions run independently.
     */
    public static double minDelay(Network network) {
        double m = Double.POSITIVE_INFINITY;
        for (Projection p : network.projections()) {
            if (!p.isStored() || p.synapseCount() > 0) {
                m = Math.min(m, p.minDelay());
            }
        }
        return m;
    }

    /** The number of threads a run uses: 1 after a fallback. */
    public int threads() {
        return parts == null ? 1 : parts.length;
    }

    /** Why more threads were asked for than a run uses (one line), or null. */
    public String fallbackReason() {
        return fallbackReason;
    }

    /** Synaptic events (one per synapse a spike reached, stored or generated) of the last run. */
    public long synapticEventCount() {
        return single != null ? single.synapticEventCount() : synapticEventCount;
    }

    /** Poisson drive arrivals of the last run. */
    public long driveEventCount() {
        return single != null ? single.driveEventCount() : driveEventCount;
    }

    /**
     * Reports the simulated time reached to {@code listener} at the end of every window of the
     * following runs (every 65,536 events on the single queue after a fallback); null stops
     * the reports.
     */
    public void reportProgress(SimulationProgress listener) {
        progress = listener;
        if (single != null) {
            single.reportProgress(listener);
        }
    }

    /** Simulates {@code [0, input.duration()]} driven by {@code input}. */
    public SimulationResult run(SpikeTrains input) {
        if (single != null) {
            return single.run(input);
        }
        input.requireInputOf(network);
        double duration = input.duration();
        if (!(minDelay > Math.ulp(duration))) {
            Simulator queue = Simulator.withEventQueue(network, maxSpikes); // windows too short to advance
            queue.reportProgress(progress);
            SimulationResult result = queue.run(input);
            synapticEventCount = queue.synapticEventCount();
            driveEventCount = queue.driveEventCount();
            return result;
        }
        InputSpikes inputs = InputSpikes.of(network, input);
        merge.clear();
        WindowEnds ends = new WindowEnds(minDelay, duration);
        for (Partition p : parts) {
            p.reset(ends, duration, inputs.time(), inputs.neuron(), inputs.index());
        }
        Windows windows = new Windows(ends);
        CyclicBarrier barrier = new CyclicBarrier(parts.length, windows::advance);
        Thread[] workers = new Thread[parts.length - 1];
        for (int q = 1; q < parts.length; q++) {
            Partition p = parts[q];
            workers[q - 1] = new Thread(() -> work(p, windows, barrier), "eventsnn-partition-" + q);
            workers[q - 1].start();
        }
        work(parts[0], windows, barrier);
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a partition", e);
            }
        }
        if (windows.failure instanceof RuntimeException r) {
            throw r;
        }
        if (windows.failure instanceof Error e) {
            throw e;
        }
        if (windows.failure != null) {
            throw new IllegalStateException("a partition's thread failed", windows.failure);
        }
        synapticEventCount = 0;
        driveEventCount = 0;
        for (Partition p : parts) {
            synapticEventCount += p.synapticEvents;
            driveEventCount += p.driveArrivals();
        }
        return new SimulationResult(network, input, merge.record(parts), null);
    }

    /** One thread's loop: take the last window's arrivals, run the window, meet the others. */
    private void work(Partition p, Windows windows, CyclicBarrier barrier) {
        while (true) {
            try {
                if (windows.failure == null) {
                    p.receive(windows.first, windows.last, windows.index);
                    p.runWindow(windows.index);
                }
            } catch (RuntimeException | Error e) {
                windows.fail(e);
            }
            try {
                barrier.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                windows.fail(e);
                return;
            } catch (BrokenBarrierException e) {
                windows.fail(e);
                return;
            }
            if (windows.done) {
                return;
            }
        }
    }

    /**
     * The current window's number and the global numbers {@code [first, last)} of the previous
     * window's spikes; advanced by the last thread to reach the barrier, while the others wait
     * (the barrier orders every read after the write).
     */
    private final class Windows {
        final WindowEnds ends;
        int index;
        int first;
        int last;
        boolean done;
        volatile Throwable failure;

        Windows(WindowEnds ends) {
            this.ends = ends;
        }

        synchronized void fail(Throwable e) {
            if (failure == null) {
                failure = e;
            }
        }

        void advance() {
            if (failure == null) {
                try {
                    first = merge.count();
                    merge.merge(parts);
                    last = merge.count();
                } catch (RuntimeException | Error e) {
                    fail(e);
                }
            }
            index++;
            done = failure != null || index >= ends.count();
            if (progress != null && !done) {
                progress.reached(ends.start(index));
            }
        }
    }
}

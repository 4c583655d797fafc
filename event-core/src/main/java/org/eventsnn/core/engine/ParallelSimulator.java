package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The exact event-driven engine on several threads, with results bit-identical to
 * {@link Simulator#withEventQueue}'s for every thread count: the same spikes at the same times,
 * recorded in the same order, with the same currents.
 *
 * <p>Neurons are split into contiguous blocks of global indices, the partitions, with equal
 * shares of the expected input events ({@link PartitionBounds}), each with its own states,
 * arrivals and Poisson drive; by default up to 4 partitions per thread where windows hold
 * enough work ({@link #defaultPartitions}). In each window the threads take the partitions in
 * turn from a shared counter, those that took longest in the window before first, so that a
 * thread whose partitions ran fast takes more: the threads finish a window nearly together
 * although the partitions' work varies from window to window. Which thread runs a partition, and
 * how many partitions there are, changes no spike.
 *
 * <p>Time advances in windows as long as the network's minimum delay ({@link #minDelay};
 * {@link WindowEnds}): a spike in a window arrives anywhere only in a
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
    /** Partitions per thread by default ({@link #defaultPartitions}). */
    static final int PARTITIONS_PER_THREAD = 4;
    /** Expected input events in a window per partition, at least, by default ({@link #defaultPartitions}). */
    static final double EVENTS_PER_TURN = 1000;
    /** The neurons of the network times the partitions, at most, by default: 2^22, about 330 MB. */
    static final long NEURON_SLOTS = 1L << 22;

    private final Partition[] parts;
    private final int threadCount;
    private final WindowMerge merge;
    private PartitionWork profile;
    private long synapticEventCount;
    private long driveEventCount;
    private SimulationProgress progress;

    /**
     * An engine for {@code network} on {@code threads} threads (at most one per neuron) that
     * fails with {@link SimulationLimitException} once a run records more than {@code maxSpikes}
     * spikes (inputs included), with {@link #defaultPartitions} partitions.
     */
    public ParallelSimulator(Network network, int threads, long maxSpikes) {
        this(network, threads, defaultPartitions(network, threads), maxSpikes);
    }

    /**
     * An engine for {@code network} on {@code threads} threads with its neurons split into
     * {@code partitions} blocks (at least {@code threads}; both at most one per neuron), which the
     * threads take in turn window by window. The spikes do not depend on either count; the
     * balance between threads and the memory do.
     */
    public ParallelSimulator(Network network, int threads, int partitions, long maxSpikes) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (partitions < threads) {
            throw new IllegalArgumentException("partitions must be >= threads (" + threads + "), got " + partitions);
        }
        if (maxSpikes < 1) {
            throw new IllegalArgumentException("maxSpikes must be >= 1, got " + maxSpikes);
        }
        this.network = network;
        this.maxSpikes = maxSpikes;
        this.minDelay = minDelay(network);
        int n = network.neuronCount();
        if (threads > 1 && !(minDelay > 0)) {
            fallbackReason = "the network's minimum delay is 0, so it runs on one thread";
        } else {
            fallbackReason = null;
        }
        if (!(minDelay > 0)) {
            single = Simulator.withEventQueue(network, maxSpikes);
            parts = null;
            merge = null;
            threadCount = 1;
            return;
        }
        single = null;
        threadCount = Math.min(threads, Math.max(1, n));
        merge = new WindowMerge(network, maxSpikes);
        parts = new Partition[Math.min(partitions, Math.max(1, n))];
        int[] bounds = PartitionBounds.split(network, parts.length);
        int[] owners = Partition.ownersOfBlocks(bounds);
        for (int q = 0; q < parts.length; q++) {
            parts[q] = new Partition(network, parts, owners, merge, q, bounds[q], bounds[q + 1], maxSpikes);
        }
    }

    /**
     * The partitions {@code threads} threads use by default: one on one thread; else one per
     * {@link #EVENTS_PER_TURN} input events expected in a window that partitions share without
     * repeating work (Poisson drive and generated synapses: {@link PartitionBounds#splittableEvents},
     * over the minimum delay), between one and {@link #PARTITIONS_PER_THREAD} per thread, so that a
     * thread that finishes its share of a window early takes another's where windows hold
     * enough such work (each partition costs some work per window, and a stored row, or a
     * procedural row with one delay, is read by every partition owning some of its targets); and
     * no more than keep the partitions' per-network arrays (about 80 bytes per neuron of the
     * network each) within {@link #NEURON_SLOTS} neurons in all. Depends only on the network and
     * the thread count.
     */
    public static int defaultPartitions(Network network, int threads) {
        if (threads <= 1) {
            return 1;
        }
        double perWindow = PartitionBounds.splittableEvents(network) * minDelay(network);
        long perThread = Math.min(PARTITIONS_PER_THREAD, (long) (perWindow / ((double) threads * EVENTS_PER_TURN)));
        long affordable = NEURON_SLOTS / Math.max(1, network.neuronCount());
        return (int) Math.max(threads, Math.min(threads * Math.max(1, perThread), affordable));
    }

    /**
     * Input events per window, expected at {@link PartitionBounds#NOMINAL_RATE} spikes per second
     * from every neuron, below which {@link #tooLittleToShare} advises one thread for a network
     * without Poisson drive.
     */
    static final double MIN_SHARED_EVENTS = 2000;

    /**
     * Why {@code network} should run on one thread although more were asked for, or null. A network
     * without Poisson drive whose windows hold fewer than {@link #MIN_SHARED_EVENTS} expected input
     * events (at {@link PartitionBounds#NOMINAL_RATE} spikes per second from every neuron) runs
     * faster on the single event queue: there the windows' per-window work outweighs what two
     * threads share. Measured on one thread ({@code bench/EngineChoice}, CPU time): CUBA of 4,000
     * neurons with 0.1 ms delays (about 30 such events per window, 185 processed) takes 2.6-2.9x
     * the queue's CPU in windows, and on two threads they ran slower than on one (JMH); 256,000
     * neurons (about 2,000, 12,800 processed) 1.0-1.5x, about what a second thread gives back. With
     * Poisson drive the windows pay on one thread already (the microcircuit at scale 0.1: 0.74x
     * the queue's CPU). Null as well for a network without delay, which {@link #fallbackReason}
     * explains. A choice of engine, never of spikes: every engine gives the same bits.
     */
    public static String tooLittleToShare(Network network) {
        double minDelay = minDelay(network);
        if (network.hasPoissonDrive() || !(minDelay > 0)) {
            return null;
        }
        double perWindow = PartitionBounds.expectedSynapticEvents(network) * minDelay;
        if (perWindow >= MIN_SHARED_EVENTS) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "its windows of the minimum delay (%s s) would hold about %.0f input"
                + " events each (at %s spike/s per neuron), too few to share between threads in a network without"
                + " Poisson drive: it runs on one thread, faster here, with the same spikes",
                plain(minDelay), perWindow, plain(PartitionBounds.NOMINAL_RATE));
    }

    /**
     * x in plain decimal notation, without trailing zeros (1.0E-4 as 0.0001, 1.0 as 1), where that
     * is short: from 1e-9 up to 1e9; beyond, Java's shortest form (1.0E-300, not 300 digits).
     */
    static String plain(double x) {
        double magnitude = Math.abs(x);
        if (magnitude != 0 && (magnitude < 1e-9 || magnitude >= 1e9)) {
            return Double.toString(x);
        }
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
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
        return threadCount;
    }

    /** The number of partitions the neurons are split into: 1 after a fallback. */
    public int partitions() {
        return parts == null ? 1 : parts.length;
    }

    /**
     * Measuring, not simulating: what each partition's turn in each window cost, reported as it
     * ends. For balance studies; the spikes do not change.
     */
    public interface PartitionWork {
        /**
         * Partition {@code partition} ran window {@code window} on thread {@code thread} (0 is the
         * calling thread) in {@code cpuNanos} of that thread's CPU time (taking its arrivals and
         * running its neurons). Called concurrently from the threads.
         */
        void ran(int window, int partition, int thread, long cpuNanos);
    }

    /**
     * Reports every partition's CPU time per window of the following runs to {@code listener}
     * (null stops it). Costs two reads of the thread's CPU clock per partition and window.
     */
    public void profilePartitions(PartitionWork listener) {
        profile = listener;
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
        CyclicBarrier barrier = new CyclicBarrier(threadCount, windows::advance);
        Thread[] workers = new Thread[threadCount - 1];
        for (int t = 1; t < threadCount; t++) {
            int thread = t;
            workers[t - 1] = new Thread(() -> work(thread, windows, barrier), "eventsnn-window-" + t);
            workers[t - 1].start();
        }
        work(0, windows, barrier);
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

    /**
     * One thread's loop: in each window, take partitions not yet taken (from a shared counter,
     * the costliest of the window before first), take their arrivals and run them, then meet the
     * others.
     */
    private void work(int thread, Windows windows, CyclicBarrier barrier) {
        ThreadMXBean clock = profile != null ? ManagementFactory.getThreadMXBean() : null;
        while (true) {
            try {
                for (int q = windows.claim(); q >= 0 && windows.failure == null; q = windows.claim()) {
                    long cpu = clock != null ? clock.getCurrentThreadCpuTime() : 0;
                    long start = System.nanoTime();
                    parts[q].receive(windows.first, windows.last, windows.index);
                    parts[q].runWindow(windows.index);
                    windows.took(q, System.nanoTime() - start);
                    if (clock != null) {
                        profile.ran(windows.index, q, thread, clock.getCurrentThreadCpuTime() - cpu);
                    }
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
        /** How many partitions were taken in this window. */
        private final AtomicInteger taken = new AtomicInteger();
        /** The order in which this window's partitions are taken: by descending {@link #cost}. */
        private final int[] order = new int[parts.length];
        /** Per partition, the wall time its turn took in the window before (written by the thread that ran it). */
        private final long[] cost = new long[parts.length];

        Windows(WindowEnds ends) {
            this.ends = ends;
            for (int q = 0; q < order.length; q++) {
                order[q] = q;
            }
        }

        /** The next partition not yet taken in this window, or -1 once all are. */
        int claim() {
            int i = taken.getAndIncrement();
            return i < order.length ? order[i] : -1;
        }

        /** Partition q's turn in this window took {@code nanos} of wall time. */
        void took(int q, long nanos) {
            cost[q] = nanos;
        }

        /**
         * Orders the partitions by descending cost in the window just run (ties by index), so that
         * the large ones are taken first and small ones fill the gaps at the end: the threads
         * then tend to finish together. Only the schedule depends on it, never the spikes.
         */
        private void orderByCost() {
            for (int i = 1; i < order.length; i++) {
                int q = order[i];
                int j = i - 1;
                for (; j >= 0 && (cost[order[j]] < cost[q] || cost[order[j]] == cost[q] && order[j] > q); j--) {
                    order[j + 1] = order[j];
                }
                order[j + 1] = q;
            }
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
            orderByCost();
            taken.set(0);
            done = failure != null || index >= ends.count();
            if (progress != null && !done) {
                progress.reached(ends.start(index));
            }
        }
    }
}

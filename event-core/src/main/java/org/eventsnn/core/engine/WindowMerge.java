package org.eventsnn.core.engine;

import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SpikeRecord;

/**
 * Numbers the spikes of each window in the order of the single-threaded queue and keeps the
 * global record of the multi-threaded engine. Within a window partitions are independent, so the
 * queue's processing order is the merge of the partitions' processing orders that always takes
 * the partition whose next event has the smallest key (time, class, id). A spike's place in
 * that merge depends only on its time and the largest key its partition processed at that
 * instant up to it (its merge key): ties between partitions arise only on an arrival shared
 * by both, after which the spikes it caused at that instant follow in global neuron order.
 */
final class WindowMerge {
    private final Network network;
    private final long maxSpikes;
    private final DoubleArrayList time = new DoubleArrayList();
    private final IntArrayList neuron = new IntArrayList();
    private final IntArrayList partition = new IntArrayList();
    private final IntArrayList local = new IntArrayList();
    private int[] cursor = new int[0];
    /**
     * The global number of each partition's local spikes: written only here, while every
     * partition waits at the barrier, so that partitions read it during the next window while
     * others keep appending to their own spike lists.
     */
    private int[][] globalOf = new int[0][];

    WindowMerge(Network network, long maxSpikes) {
        this.network = network;
        this.maxSpikes = maxSpikes;
    }

    void clear() {
        time.clear();
        neuron.clear();
        partition.clear();
        local.clear();
    }

    int count() {
        return time.size();
    }

    double time(int s) {
        return time.get(s);
    }

    int neuron(int s) {
        return neuron.get(s);
    }

    /** The global numbers of partition q's local spikes merged so far, by local number (changed only by {@link #merge}). */
    int[] globalNumbers(int q) {
        return globalOf[q];
    }

    /**
     * Appends the partitions' spikes of the window just run in global order and numbers them.
     *
     * @throws SimulationLimitException once more than the spike budget were recorded, with the
     *         single-threaded engine's message
     */
    void merge(Partition[] parts) {
        if (cursor.length != parts.length) {
            cursor = new int[parts.length];
            globalOf = new int[parts.length][64];
        }
        for (int q = 0; q < parts.length; q++) {
            cursor[q] = parts[q].windowFirst;
        }
        while (true) {
            int best = -1;
            for (int q = 0; q < parts.length; q++) {
                if (cursor[q] < parts[q].spikes.count() && (best < 0 || before(parts[q].spikes, cursor[q],
                        parts[best].spikes, cursor[best]))) {
                    best = q;
                }
            }
            if (best < 0) {
                break;
            }
            PartitionSpikes s = parts[best].spikes;
            int l = cursor[best]++;
            if (l == globalOf[best].length) {
                globalOf[best] = java.util.Arrays.copyOf(globalOf[best], 2 * l);
            }
            globalOf[best][l] = time.size();
            time.add(s.time(l));
            neuron.add(s.neuron(l));
            partition.add(best);
            local.add(l);
        }
        if (time.size() > maxSpikes) {
            throw budgetExceeded();
        }
    }

    private static boolean before(PartitionSpikes x, int i, PartitionSpikes y, int k) {
        if (x.time(i) != y.time(k)) {
            return x.time(i) < y.time(k);
        }
        if (x.keyRank(i) != y.keyRank(k)) {
            return x.keyRank(i) < y.keyRank(k);
        }
        if (x.keyA(i) != y.keyA(k)) {
            return x.keyA(i) < y.keyA(k);
        }
        if (x.keyB(i) != y.keyB(k)) {
            return x.keyB(i) < y.keyB(k);
        }
        return x.neuron(i) < y.neuron(k);
    }

    /** The single-threaded engine's failure at spike number maxSpikes, counted over the spikes before it. */
    private SimulationLimitException budgetExceeded() {
        int over = (int) maxSpikes;
        int[] perPopulation = new int[network.populations().size()];
        for (int s = 0; s < over; s++) {
            perPopulation[network.populationOf(neuron.get(s))]++;
        }
        int most = network.populationOf(neuron.get(over));
        for (int p = 0; p < perPopulation.length; p++) {
            if (perPopulation[p] > perPopulation[most]) {
                most = p;
            }
        }
        return new SimulationLimitException("more than " + maxSpikes + " spikes by time " + time.get(over)
                + " s: population " + network.population(most).name() + " fired " + perPopulation[most] + " of them");
    }

    /** The global record: every spike in global order with its currents and input index. */
    SpikeRecord record(Partition[] parts) {
        SpikeRecord r = new SpikeRecord(Math.max(16, time.size()), Math.max(16, time.size()));
        for (int s = 0; s < time.size(); s++) {
            PartitionSpikes p = parts[partition.get(s)].spikes;
            int l = local.get(s);
            r.add(p.time(l), p.neuron(l), p.currentAtSpike(l), p.inputIndex(l));
            if (!Double.isNaN(p.currentAtRelease(l))) {
                r.setCurrentAtRelease(s, p.currentAtRelease(l));
            }
        }
        return r;
    }
}

package org.eventsnn.core.engine;

import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

/**
 * The spikes one partition of the multi-threaded engine recorded, in its processing order,
 * with what the global record needs (time, neuron, currents, input index), the merge key that
 * places each among other partitions' spikes of the same instant ({@link WindowMerge}). Written
 * only by its partition's thread (and read by the merge while that thread waits).
 */
final class PartitionSpikes {
    private final DoubleArrayList time = new DoubleArrayList();
    private final IntArrayList neuron = new IntArrayList();
    private final DoubleArrayList currentAtSpike = new DoubleArrayList();
    private final DoubleArrayList currentAtRelease = new DoubleArrayList();
    private final IntArrayList inputIndex = new IntArrayList();
    private final IntArrayList keyRank = new IntArrayList();
    private final LongArrayList keyA = new LongArrayList();
    private final LongArrayList keyB = new LongArrayList();

    void clear() {
        time.clear();
        neuron.clear();
        currentAtSpike.clear();
        currentAtRelease.clear();
        inputIndex.clear();
        keyRank.clear();
        keyA.clear();
        keyB.clear();
    }

    /** Records a spike with its merge key (rank, a, b); returns its local number. */
    int add(double t, int g, double current, int input, int rank, long a, long b) {
        time.add(t);
        neuron.add(g);
        currentAtSpike.add(current);
        currentAtRelease.add(Double.NaN);
        inputIndex.add(input);
        keyRank.add(rank);
        keyA.add(a);
        keyB.add(b);
        return time.size() - 1;
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

    double currentAtSpike(int s) {
        return currentAtSpike.get(s);
    }

    double currentAtRelease(int s) {
        return currentAtRelease.get(s);
    }

    void setCurrentAtRelease(int s, double current) {
        currentAtRelease.set(s, current);
    }

    int inputIndex(int s) {
        return inputIndex.get(s);
    }

    int keyRank(int s) {
        return keyRank.get(s);
    }

    long keyA(int s) {
        return keyA.get(s);
    }

    long keyB(int s) {
        return keyB.get(s);
    }
}

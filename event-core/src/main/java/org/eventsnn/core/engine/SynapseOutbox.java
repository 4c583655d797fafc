package org.eventsnn.core.engine;

import java.util.Arrays;

/**
 * Generated synapses (procedural, each with a delay of its own) that one partition of the
 * multi-threaded engine produced for another's neurons during a window: arrival time, the
 * producer's local spike number, projection, place in the row's arrival order, target (index
 * within the target population) and weight. Flat growing arrays, emptied and refilled every
 * second window; nothing is allocated once they have grown.
 */
final class SynapseOutbox {
    private double[] time = new double[64];
    private int[] spike = new int[64];
    private int[] projection = new int[64];
    private int[] place = new int[64];
    private int[] target = new int[64];
    private double[] weight = new double[64];
    private int size;

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    void add(double t, int localSpike, int proj, int k, int post, double w) {
        if (size == time.length) {
            int n = Math.multiplyExact(size, 2);
            time = Arrays.copyOf(time, n);
            spike = Arrays.copyOf(spike, n);
            projection = Arrays.copyOf(projection, n);
            place = Arrays.copyOf(place, n);
            target = Arrays.copyOf(target, n);
            weight = Arrays.copyOf(weight, n);
        }
        time[size] = t;
        spike[size] = localSpike;
        projection[size] = proj;
        place[size] = k;
        target[size] = post;
        weight[size] = w;
        size++;
    }

    double time(int e) {
        return time[e];
    }

    int spike(int e) {
        return spike[e];
    }

    int projection(int e) {
        return projection[e];
    }

    int place(int e) {
        return place[e];
    }

    int target(int e) {
        return target[e];
    }

    double weight(int e) {
        return weight[e];
    }
}

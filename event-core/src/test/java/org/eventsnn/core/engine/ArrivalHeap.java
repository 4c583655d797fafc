package org.eventsnn.core.engine;

/**
 * The plainest binary min-heap with {@link ArrivalQueue}'s entries and key (arrival time, spike
 * number, projection, row slot or place): the reference that the engines' arrival queue is tested
 * against (the single queue used it until the 4-ary queue replaced it).
 */
final class ArrivalHeap {
    private double[] time = new double[64];
    private int[] spike = new int[64];
    private int[] projection = new int[64];
    private int[] slot = new int[64];
    /** Target and weight of a generated synapse's entry; target -1 for a row's entry. */
    private int[] post = new int[64];
    private double[] weight = new double[64];
    private int size;

    void clear() {
        size = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    double topTime() {
        return time[0];
    }

    int topSpike() {
        return spike[0];
    }

    int topProjection() {
        return projection[0];
    }

    /** The first compressed-row slot the top arrival delivers. */
    int topSlot() {
        return slot[0];
    }

    /** Target of the top entry if it is one generated synapse, else -1. */
    int topPost() {
        return post[0];
    }

    /** Weight of the top entry if it is one generated synapse. */
    double topWeight() {
        return weight[0];
    }

    /** A row's arrival (or the part of it from compressed-row slot {@code first}, -1 for all of it). */
    void push(double t, int s, int proj, int first) {
        push(t, s, proj, first, -1, 0);
    }

    /** One generated synapse to {@code target} of weight {@code w}, at {@code place} of its row's arrival order. */
    void pushSynapse(double t, int s, int proj, int place, int target, double w) {
        push(t, s, proj, place, target, w);
    }

    private void push(double t, int s, int proj, int first, int target, double w) {
        if (size == time.length) {
            int n = Math.multiplyExact(size, 2);
            time = java.util.Arrays.copyOf(time, n);
            spike = java.util.Arrays.copyOf(spike, n);
            projection = java.util.Arrays.copyOf(projection, n);
            slot = java.util.Arrays.copyOf(slot, n);
            post = java.util.Arrays.copyOf(post, n);
            weight = java.util.Arrays.copyOf(weight, n);
        }
        int p = size++;
        while (p > 0) {
            int parent = (p - 1) >>> 1;
            if (!before(t, s, proj, first, time[parent], spike[parent], projection[parent], slot[parent])) {
                break;
            }
            move(parent, p);
            p = parent;
        }
        put(p, t, s, proj, first, target, w);
    }

    void pop() {
        size--;
        if (size == 0) {
            return;
        }
        double t = time[size];
        int s = spike[size];
        int proj = projection[size];
        int first = slot[size];
        int target = post[size];
        double w = weight[size];
        int p = 0;
        while (true) {
            int child = 2 * p + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(time[child + 1], spike[child + 1], projection[child + 1], slot[child + 1],
                    time[child], spike[child], projection[child], slot[child])) {
                child++;
            }
            if (!before(time[child], spike[child], projection[child], slot[child], t, s, proj, first)) {
                break;
            }
            move(child, p);
            p = child;
        }
        put(p, t, s, proj, first, target, w);
    }

    private void put(int p, double t, int s, int proj, int first, int target, double w) {
        time[p] = t;
        spike[p] = s;
        projection[p] = proj;
        slot[p] = first;
        post[p] = target;
        weight[p] = w;
    }

    private void move(int from, int to) {
        time[to] = time[from];
        spike[to] = spike[from];
        projection[to] = projection[from];
        slot[to] = slot[from];
        post[to] = post[from];
        weight[to] = weight[from];
    }

    /** Whether arrival (t, s, proj, place) sorts before arrival (t2, s2, proj2, place2). */
    private static boolean before(double t, int s, int proj, int place, double t2, int s2, int proj2, int place2) {
        if (t != t2) {
            return t < t2;
        }
        if (s != s2) {
            return s < s2;
        }
        if (proj != proj2) {
            return proj < proj2;
        }
        return place < place2;
    }
}

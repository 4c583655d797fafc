package org.eventsnn.core.model;

import java.util.Locale;

/**
 * Checks, before a large network is built, that it can fit in the JVM's maximum heap, so that an
 * impossible size fails at once with the estimate and how to raise the heap, instead of an
 * {@link OutOfMemoryError} after minutes. Estimates are deliberately low (what storing the
 * synapses and neurons takes, not every buffer around them), so nothing that would fit is refused.
 */
public final class MemoryEstimate {
    /**
     * Bytes a stored synapse of a random projection takes at least while its network is built:
     * its target in the builder's growing list (4 bytes, and up to half as much again of room to
     * grow), then in the projection, which keeps 2 bytes per such synapse (4 beyond 65,536 target
     * neurons; its weights and delay, all equal, take none): {@link Projection#storedBytes}.
     */
    public static final long BYTES_PER_SYNAPSE = 6;
    /** Bytes of a neuron's state, parameters and event-queue entry. */
    public static final long BYTES_PER_NEURON = 100;

    private MemoryEstimate() {
    }

    /** Bytes that {@code neurons} neurons and {@code synapses} synapses of {@code bytesPerSynapse} bytes take. */
    public static double bytes(double neurons, double synapses, double bytesPerSynapse) {
        return neurons * BYTES_PER_NEURON + synapses * bytesPerSynapse;
    }

    /**
     * Throws an {@link IllegalArgumentException} naming {@code what}, the estimate, the maximum
     * heap and how to raise it if {@code bytes} exceed the JVM's maximum heap.
     */
    public static void requireFits(String what, double synapses, double bytes) {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s needs about %s (%.3g synapses), more than"
                    + " the JVM's maximum heap of %s; give it more with EVENTSNN_JAVA_OPTS=\"-XX:+UseParallelGC -Xmx%dg\""
                    + " if the machine has the memory, or make the network smaller", what, size(bytes), synapses,
                    size(max), (long) Math.ceil(1.5 * bytes / (1L << 30))));
        }
    }

    /** A byte count for people: MB or GB. */
    static String size(double bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", bytes / (1L << 30))
                : String.format(Locale.ROOT, "%.0f MB", bytes / (1L << 20));
    }
}

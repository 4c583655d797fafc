package org.eventsnn.core.model;

/**
 * A map of indices {@code 0 .. n-1} to indices (a permutation between compressed-row slots and
 * synapse numbers), held as the distance {@code map(r) - r}: nothing for the identity, 1 byte
 * when every distance fits in a signed byte (rows reordered within at most 128 places), 2 bytes
 * when it fits in a short, else 4.
 */
final class SlotMap {
    /** The identity: no arrays. */
    static final SlotMap IDENTITY = new SlotMap(null, null, null);

    private final byte[] near;
    private final short[] mid;
    private final int[] far;

    private SlotMap(byte[] near, short[] mid, int[] far) {
        this.near = near;
        this.mid = mid;
        this.far = far;
    }

    /** The map {@code r -> map[r]} for {@code r < size}; {@link #IDENTITY} when it is one. */
    static SlotMap of(int[] map, int size) {
        int maxDistance = 0;
        for (int r = 0; r < size; r++) {
            maxDistance = Math.max(maxDistance, Math.abs(map[r] - r));
        }
        if (maxDistance == 0) {
            return IDENTITY;
        }
        if (maxDistance <= Byte.MAX_VALUE) {
            byte[] d = new byte[size];
            for (int r = 0; r < size; r++) {
                d[r] = (byte) (map[r] - r);
            }
            return new SlotMap(d, null, null);
        }
        if (maxDistance <= Short.MAX_VALUE) {
            short[] d = new short[size];
            for (int r = 0; r < size; r++) {
                d[r] = (short) (map[r] - r);
            }
            return new SlotMap(null, d, null);
        }
        int[] d = new int[size];
        for (int r = 0; r < size; r++) {
            d[r] = map[r] - r;
        }
        return new SlotMap(null, null, d);
    }

    /** The same map held as 4-byte distances, even the identity. */
    SlotMap asInts(int size) {
        int[] d = new int[size];
        for (int r = 0; r < size; r++) {
            d[r] = get(r) - r;
        }
        return new SlotMap(null, null, d);
    }

    /** The image of {@code r}. */
    int get(int r) {
        if (near != null) {
            return r + near[r];
        }
        if (mid != null) {
            return r + mid[r];
        }
        return far != null ? r + far[r] : r;
    }

    /** True for the identity. */
    boolean isIdentity() {
        return near == null && mid == null && far == null;
    }

    /** The inverse map of this permutation of {@code 0 .. size-1}. */
    SlotMap inverse(int size) {
        if (isIdentity()) {
            return IDENTITY;
        }
        int[] inv = new int[size];
        for (int r = 0; r < size; r++) {
            inv[get(r)] = r;
        }
        return of(inv, size);
    }

    /** The images of {@code 0 .. size-1}, or null for the identity. */
    int[] toArray(int size) {
        if (isIdentity()) {
            return null;
        }
        int[] a = new int[size];
        for (int r = 0; r < size; r++) {
            a[r] = get(r);
        }
        return a;
    }

    /** Bytes of the array holding the distances (its payload). */
    long bytes() {
        return near != null ? near.length : mid != null ? 2L * mid.length : far != null ? 4L * far.length : 0;
    }
}

package org.eventsnn.core.base;

/**
 * The SplitMix64 generator (Steele, Lea, Flood 2014), used wherever a model file asks for
 * generated randomness so that other tools can reproduce it exactly:
 * <pre>
 *   state += 0x9E3779B97F4A7C15
 *   z = state
 *   z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9
 *   z = (z ^ (z >>> 27)) * 0x94D049BB133111EB
 *   next64 = z ^ (z >>> 31)
 *   nextDouble = (next64 >>> 11) * 2^-53          (uniform in [0, 1))
 * </pre>
 * with 64-bit wrap-around arithmetic, starting from {@code state = seed}.
 */
public final class SplitMix64 {
    private long state;

    /** A generator starting from {@code state = seed}. */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform double in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}

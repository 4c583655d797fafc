package org.eventsnn.core.base;

/**
 * A random stream that is a pure function of a key pair (seed, index): what procedural
 * synapses and Poisson drive draw from, so that any neuron's draws can be regenerated on their
 * own, in any order, by any thread, and by other tools. It is {@link SplitMix64} started from
 * <pre>
 *   state = mix64(seed + (index + 1) * 0x9E3779B97F4A7C15)
 * </pre>
 * (64-bit wrap-around; mix64 is SplitMix64's output function: {@code z ^= z >>> 30;
 * z *= 0xBF58476D1CE4E5B9; z ^= z >>> 27; z *= 0x94D049BB133111EB; z ^= z >>> 31}), i.e. the
 * start state is the (index + 1)-th output of a SplitMix64 seeded with {@code seed}. The n-th
 * draw of the stream is then {@code mix64(state + n * 0x9E3779B97F4A7C15)}, n = 1, 2, ...
 * Derived variates use only correctly rounded or fdlibm ({@link StrictMath}, {@link Fdlibm})
 * operations, so they are reproducible bit for bit. One instance is reused for many keys: no allocation.
 */
public final class CounterStream {
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final double TWO_PI = 2 * Math.PI;
    private long state;

    /** Restarts the stream at the key (seed, index). */
    public void start(long seed, long index) {
        state = mix64(seed + (index + 1) * GAMMA);
    }

    /** The stream's state (to resume it later with {@link #resume}). */
    public long state() {
        return state;
    }

    /** Continues a stream from a state returned by {@link #state}. */
    public void resume(long s) {
        state = s;
    }

    /** SplitMix64's output function. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next 64 random bits. */
    public long nextLong() {
        state += GAMMA;
        return mix64(state);
    }

    /** A uniform double in [0, 1): {@code (next64 >>> 11) * 2^-53}. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * A standard normal variate from two draws u1, u2 (Box-Muller, cosine branch):
     * {@code sqrt(-2 log1p(-u1)) * cos(2 pi u2)}, with {@code 2 pi} the double nearest and
     * StrictMath's log1p and cos.
     */
    public double nextGaussian() {
        double u1 = nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2 * Fdlibm.log1p(-u1)) * Fdlibm.cos(TWO_PI * u2);
    }

    /**
     * An exponential variate of mean 1 from one draw u: {@code -log1p(-u)} (StrictMath), in
     * [0, 37.4]: never negative, never infinite.
     */
    public double nextExponential() {
        return -Fdlibm.log1p(-nextDouble());
    }

    /**
     * A standard normal variate by the ziggurat ({@code Ziggurat}: 256 layers; one 64-bit draw
     * for about 98.8 % of variates, more for the rest). Much cheaper than {@link #nextGaussian}.
     */
    public double nextZigguratGaussian() {
        return Ziggurat.NORMAL.normal(this);
    }

    /**
     * An exponential variate of mean 1 by the ziggurat ({@code Ziggurat}), never negative, never
     * infinite. Much cheaper than {@link #nextExponential}.
     */
    public double nextZigguratExponential() {
        return Ziggurat.EXPONENTIAL.exponential(this);
    }
}

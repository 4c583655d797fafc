package org.eventsnn.datasets;

/**
 * The Mersenne Twister MT19937 (Matsumoto and Nishimura 1998) with the draws of numpy's legacy
 * {@code RandomState}: integer seeding by {@code init_genrand}, {@link #rand()} doubles built
 * from two 32-bit outputs, and {@link #randint(int)} by masked rejection sampling. Reproduces
 * numpy's streams bit for bit.
 */
public final class Mt19937 {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int index;

    /** Seeded like {@code numpy.random.RandomState(seed)} for {@code 0 <= seed < 2^32}. */
    public Mt19937(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("seed must be in [0, 2^32), got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    /** The next 32-bit output, as an unsigned value in a long. */
    public long nextUint32() {
        return next32() & 0xFFFFFFFFL;
    }

    private int next32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7FFFFFFF);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) {
                next ^= 0x9908B0DF;
            }
            mt[i] = next;
        }
        index = 0;
    }

    /** numpy's {@code rand()}: a double in [0, 1) with 53 random bits. */
    public double rand() {
        long a = (next32() >>> 5) & 0xFFFFFFFFL;
        long b = (next32() >>> 6) & 0xFFFFFFFFL;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /**
     * numpy's legacy {@code randint(n)} for {@code 1 <= n <= 2^32}: draws {@code next32() & mask},
     * with mask the smallest all-ones value covering {@code n - 1}, until it is below n.
     */
    public long randint(long n) {
        if (n < 1 || n > 0x100000000L) {
            throw new IllegalArgumentException("randint bound must be in [1, 2^32], got " + n);
        }
        long max = n - 1;
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long v;
        do {
            v = nextUint32() & mask;
        } while (v > max);
        return v;
    }
}

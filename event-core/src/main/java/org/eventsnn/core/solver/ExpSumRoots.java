package org.eventsnn.core.solver;

/**
 * Sign changes of an exponential sum {@code S(t) = sum_j c_j exp(-r_j t)} (distinct rates) on
 * an open interval {@code (0, H)}. Zeros of S are separated by zeros of
 * {@code d/dt [exp(r_0 t) S(t)]}, itself a sum with one term fewer (Rolle); recursing down to
 * two terms, solved in closed form, isolates every zero. Points are refined by safeguarded
 * Newton iteration. Holds its own scratch buffers: one instance per thread.
 */
public final class ExpSumRoots {
    private final double[][] coef;
    private final double[][] rate;
    private final double[][] roots;
    private final SumFunction function = new SumFunction();

    /** For sums of up to {@code maxTerms} terms. */
    public ExpSumRoots(int maxTerms) {
        int n = Math.max(maxTerms, 2);
        coef = new double[n + 1][n];
        rate = new double[n + 1][n];
        roots = new double[n + 1][n];
    }

    /**
     * Writes the points in {@code (0, horizon)} where S changes sign (or is exactly zero),
     * ascending, into {@code out}; returns how many. {@code c} and {@code r} are not modified.
     */
    public int find(double[] c, double[] r, int m, double horizon, double[] out) {
        System.arraycopy(c, 0, coef[0], 0, m);
        System.arraycopy(r, 0, rate[0], 0, m);
        int n = solve(0, m, horizon);
        System.arraycopy(roots[0], 0, out, 0, n);
        return n;
    }

    private int solve(int depth, int m, double horizon) {
        double[] c = coef[depth];
        double[] r = rate[depth];
        int kept = 0;
        for (int j = 0; j < m; j++) {
            if (c[j] != 0) {
                c[kept] = c[j];
                r[kept] = r[j];
                kept++;
            }
        }
        m = kept;
        double[] out = roots[depth];
        if (m <= 1) {
            return 0;
        }
        if (m == 2) {
            double ratio = -c[0] / c[1];
            if (ratio > 0) {
                double t = -Math.log(ratio) / (r[1] - r[0]);
                if (t > 0 && t < horizon) {
                    out[0] = t;
                    return 1;
                }
            }
            return 0;
        }
        double[] dc = coef[depth + 1];
        double[] dr = rate[depth + 1];
        for (int j = 1; j < m; j++) {
            dc[j - 1] = -c[j] * (r[j] - r[0]);
            dr[j - 1] = r[j];
        }
        int nCrit = solve(depth + 1, m - 1, horizon);
        double[] crit = roots[depth + 1];
        function.set(c, r, m);
        int n = 0;
        double a = 0;
        double sa = function.value(0);
        for (int i = 0; i <= nCrit; i++) {
            double b = i < nCrit ? crit[i] : horizon;
            double sb = function.value(b);
            if (sb == 0) { // a zero, or every term underflowed: beyond t_s S has its slowest term's sign
                int slowest = slowest(r, m);
                double settled = settledAfter(c, r, m, slowest);
                if (b > settled && a < settled) {
                    b = settled;
                    sb = function.value(b);
                }
                if (sb == 0) { // still: S scaled by the slowest term's decay keeps its sign, also for the root
                    function.shift = r[slowest];
                    sb = function.value(b);
                }
            }
            if ((sa < 0 && sb > 0) || (sa > 0 && sb < 0)) {
                out[n++] = SafeguardedNewton.root(function, a, b, sa < 0);
            } else if (sb == 0 && i < nCrit) {
                out[n++] = b;
            }
            function.shift = 0;
            a = b;
            sa = sb;
        }
        return n;
    }

    private static int slowest(double[] r, int m) {
        int s = 0;
        for (int j = 1; j < m; j++) {
            if (r[j] < r[s]) {
                s = j;
            }
        }
        return s;
    }

    /**
     * A time after which the term of the smallest rate exceeds twice the sum of the others'
     * magnitudes, {@code |c_s| exp(-r_s t) >= 2 (m-1) |c_j| exp(-r_j t)} for every j, so that
     * S keeps that term's sign and has no zero. Where every term underflows S evaluates to 0
     * and its sign would be lost (a missed sign change, or a spurious exact zero).
     */
    private static double settledAfter(double[] c, double[] r, int m, int s) {
        double t = 0;
        for (int j = 0; j < m; j++) {
            if (j != s) {
                t = Math.max(t, Math.log(2 * (m - 1) * Math.abs(c[j] / c[s])) / (r[j] - r[s]));
            }
        }
        return t;
    }

    /**
     * The sum S and its derivative over a borrowed coefficient buffer; with {@link #shift} a rate
     * s, {@code exp(s t) S(t)}, which has the same zeros and, for s the smallest rate, keeps its
     * slowest term from underflowing.
     */
    private static final class SumFunction implements SafeguardedNewton.Function {
        private double[] c;
        private double[] r;
        private int m;
        private double slope;
        double shift;

        void set(double[] c, double[] r, int m) {
            this.c = c;
            this.r = r;
            this.m = m;
        }

        @Override
        public double value(double t) {
            double v = 0;
            double d = 0;
            for (int j = 0; j < m; j++) {
                double rate = r[j] - shift;
                double e = c[j] * Math.exp(-rate * t);
                v += e;
                d -= rate * e;
            }
            slope = d;
            return v;
        }

        @Override
        public double slope() {
            return slope;
        }
    }
}

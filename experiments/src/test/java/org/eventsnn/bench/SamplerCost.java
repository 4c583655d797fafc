package org.eventsnn.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.eventsnn.core.base.CounterStream;
import org.eventsnn.core.model.Sampler;

/**
 * CPU time per variate of the two samplers of procedural projections and Poisson drive
 * ({@link Sampler}): exponential and normal values, inversion (fdlibm's log1p, Box-Muller with
 * fdlibm's cos) as the baseline against the ziggurat, alternating round by round in one JVM,
 * median of the rounds after three of warm-up. Run it against a built jar as a single-file
 * program:
 * <pre>
 * java -cp experiments/target/eventsnn.jar experiments/src/test/java/org/eventsnn/bench/SamplerCost.java [ROUNDS]
 * </pre>
 */
public final class SamplerCost {
    private static final int VARIATES = 2_000_000;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private SamplerCost() {
    }

    /** A round of {@link #VARIATES} values; returns their sum so that none is optimised away. */
    private static double round(Sampler sampler, boolean normal, CounterStream s, double[] nanos, int k) {
        long t0 = CPU.getCurrentThreadCpuTime();
        double sum = 0;
        for (int i = 0; i < VARIATES; i++) {
            sum += normal ? sampler.normal(s) : sampler.exponential(s);
        }
        nanos[k] = (CPU.getCurrentThreadCpuTime() - t0) / (double) VARIATES;
        return sum;
    }

    private static double median(double[] x, int from) {
        double[] s = Arrays.copyOfRange(x, from, x.length);
        Arrays.sort(s);
        return s[s.length / 2];
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        String[] names = {"exponential, inversion", "exponential, ziggurat", "normal, inversion (Box-Muller)",
            "normal, ziggurat"};
        double[][] nanos = new double[4][rounds];
        CounterStream s = new CounterStream();
        s.start(2026, 12);
        double check = 0;
        for (int k = 0; k < rounds; k++) {
            for (int m = 0; m < 4; m++) {
                check += round(m % 2 == 0 ? Sampler.INVERSION : Sampler.ZIGGURAT, m >= 2, s, nanos[m], k);
            }
        }
        for (int m = 0; m < 4; m++) {
            double base = median(nanos[m - m % 2], 3);
            System.out.printf(Locale.ROOT, "%-32s median %.1f ns CPU per variate, min %.1f; inversion / this %.2f%n",
                    names[m], median(nanos[m], 3), Arrays.stream(nanos[m]).skip(3).min().orElse(0),
                    base / median(nanos[m], 3));
        }
        System.out.printf(Locale.ROOT, "(checksum %.3f)%n", check);
    }
}

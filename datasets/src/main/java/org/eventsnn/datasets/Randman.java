package org.eventsnn.datasets;

import org.eventsnn.core.base.Arguments;
import org.eventsnn.core.base.SplitMix64;
import org.eventsnn.core.record.SpikeOrder;
import org.eventsnn.core.record.SpikeTrains;

/**
 * Random manifold spike patterns (randman; Zenke and Vogels 2021, Neural Computation 33:899,
 * generator published as fzenke/randman): each class is a smooth random map from a
 * {@code dimension}-dimensional unit cube to one spike time per input neuron; a sample is the
 * image of a uniform random point. Every input neuron fires exactly once in every sample, so only
 * the timing carries the class.
 *
 * <p>Algorithm, from {@code SplitMix64(seed)} and nothing else (bit-reproducible):
 * <ol>
 *   <li>{@code F = min(ceil(precision^(-1/alpha)), 1000)} frequencies, precision 1e-3 (F = 32 for
 *       alpha = 2).</li>
 *   <li>For each class k in order: draw the manifold's parameters {@code a[i][d][f], b[i][d][f],
 *       c[i][d][f]} uniform in [0, 1) in the order input i, manifold axis d, then the F values of
 *       a, of b, of c; set {@code a[i][d][0] = 0} (no constant offset). Then draw
 *       {@code samplesPerClass} points {@code x} in {@code [0,1)^dimension}, coordinates in
 *       order.</li>
 *   <li>Input i of a point: {@code y_i(x) = prod_d sum_f a[i][d][f] (f+1)^(-alpha)
 *       sin(2 pi (f x_d b[i][d][f] + c[i][d][f]))}.</li>
 *   <li>Per class and input, the values are standardised over the class's samples,
 *       {@code (y - min) / (max - min + 1e-7)}, which lies in [0, 1); the spike time is that
 *       times {@code duration}.</li>
 *   <li>Samples are class by class, then shuffled by a Fisher-Yates pass drawing
 *       {@code j = (nextLong >>> 1) mod (i + 1)} from the same stream.</li>
 * </ol>
 * Defaults are those of the reference generator's {@code make_spiking_dataset}: 10 classes,
 * 100 inputs, manifold dimension 2, alpha 2, 1000 samples per class, one spike per input over
 * 100 time steps, here 1 ms each (duration 0.1 s). Immutable settings; generation is pure.
 */
public final class Randman {
    /** Values below which (relative to 1) a Fourier coefficient's weight is dropped. */
    static final double PRECISION = 1e-3;
    static final int MAX_FREQUENCIES = 1000;
    private static final double EPSILON = 1e-7;

    private final int classes;
    private final int inputs;
    private final int dimension;
    private final double alpha;
    private final int samplesPerClass;
    private final double duration;

    private Randman(int classes, int inputs, int dimension, double alpha, int samplesPerClass, double duration) {
        this.classes = Arguments.requireAtLeast(classes, 1, "classes");
        this.inputs = Arguments.requireAtLeast(inputs, 1, "inputs");
        this.dimension = Arguments.requireAtLeast(dimension, 1, "dimension");
        this.alpha = Arguments.requirePositive(alpha, "alpha");
        this.samplesPerClass = Arguments.requireAtLeast(samplesPerClass, 1, "samplesPerClass");
        this.duration = Arguments.requirePositive(duration, "duration");
    }

    /** The reference defaults: 10 classes, 100 inputs, dimension 2, alpha 2, 1000 per class, 0.1 s. */
    public static Randman defaults() {
        return new Randman(10, 100, 2, 2.0, 1000, 0.1);
    }

    /**
     * Settings with every value given.
     *
     * @throws IllegalArgumentException naming the first value out of range (counts below 1,
     *                                  alpha or duration not finite and positive)
     */
    public static Randman of(int classes, int inputs, int dimension, double alpha, int samplesPerClass,
                             double duration) {
        return new Randman(classes, inputs, dimension, alpha, samplesPerClass, duration);
    }

    public int classes() {
        return classes;
    }

    public int inputs() {
        return inputs;
    }

    public int dimension() {
        return dimension;
    }

    public double alpha() {
        return alpha;
    }

    public int samplesPerClass() {
        return samplesPerClass;
    }

    public double duration() {
        return duration;
    }

    /** Number of Fourier frequencies per axis: {@code min(ceil(1e-3^(-1/alpha)), 1000)}. */
    public int frequencies() {
        return (int) Math.min(Math.ceil(Math.pow(PRECISION, -1 / alpha)), MAX_FREQUENCIES);
    }

    /** The dataset of {@code seed}: classes x samplesPerClass samples, input population {@code population}. */
    public LabelledSpikes generate(long seed, String population) {
        SplitMix64 rng = new SplitMix64(seed);
        int total = classes * samplesPerClass;
        double[][] times = new double[total][];
        int[] labels = new int[total];
        for (int k = 0; k < classes; k++) {
            double[][][][] params = manifold(rng);
            double[][] x = new double[samplesPerClass][dimension];
            for (double[] point : x) {
                for (int d = 0; d < dimension; d++) {
                    point[d] = rng.nextDouble();
                }
            }
            double[][] y = new double[samplesPerClass][];
            for (int s = 0; s < samplesPerClass; s++) {
                y[s] = evaluate(params, x[s]);
            }
            standardise(y);
            for (int s = 0; s < samplesPerClass; s++) {
                times[k * samplesPerClass + s] = y[s];
                labels[k * samplesPerClass + s] = k;
            }
        }
        for (int i = total - 1; i > 0; i--) {
            int j = (int) ((rng.nextLong() >>> 1) % (i + 1));
            double[] t = times[i];
            times[i] = times[j];
            times[j] = t;
            int l = labels[i];
            labels[i] = labels[j];
            labels[j] = l;
        }
        SpikeTrains[] trains = new SpikeTrains[total];
        for (int s = 0; s < total; s++) {
            trains[s] = oneSpikePerInput(times[s], population, duration);
        }
        return new LabelledSpikes(population, inputs, classes, duration, trains, labels);
    }

    /** Parameters [input][axis][a, b, c][frequency] of one class's manifold. */
    private double[][][][] manifold(SplitMix64 rng) {
        int f = frequencies();
        double[][][][] p = new double[inputs][dimension][3][f];
        for (int i = 0; i < inputs; i++) {
            for (int d = 0; d < dimension; d++) {
                for (int m = 0; m < 3; m++) {
                    for (int q = 0; q < f; q++) {
                        p[i][d][m][q] = rng.nextDouble();
                    }
                }
                p[i][d][0][0] = 0;
            }
        }
        return p;
    }

    private double[] evaluate(double[][][][] params, double[] x) {
        double[] y = new double[inputs];
        for (int i = 0; i < inputs; i++) {
            double product = 1;
            for (int d = 0; d < dimension; d++) {
                double[][] p = params[i][d];
                double sum = 0;
                for (int q = 0; q < p[0].length; q++) {
                    sum += p[0][q] * Math.pow(q + 1, -alpha) * Math.sin(2 * Math.PI * (q * x[d] * p[1][q] + p[2][q]));
                }
                product *= sum;
            }
            y[i] = product;
        }
        return y;
    }

    /** Maps each input's values over the class's samples to spike times in [0, duration). */
    private void standardise(double[][] y) {
        for (int i = 0; i < inputs; i++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] s : y) {
                min = Math.min(min, s[i]);
                max = Math.max(max, s[i]);
            }
            for (double[] s : y) {
                s[i] = duration * ((s[i] - min) / (max - min + EPSILON));
            }
        }
    }

    private static SpikeTrains oneSpikePerInput(double[] time, String population, double duration) {
        double[] t = time.clone();
        int[] n = new int[t.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = i;
        }
        SpikeOrder.sort(t, n);
        return SpikeTrains.builder(duration).add(population, n, t).build();
    }
}

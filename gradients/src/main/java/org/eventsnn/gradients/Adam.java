package org.eventsnn.gradients;

import org.eventsnn.core.base.Arguments;

/** Adam (Kingma and Ba 2015) with bias correction. */
public final class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private double[][] m;
    private double[][] v;

    /** Adam with beta1 0.9, beta2 0.999, epsilon 1e-8. */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
    }

    /** Adam with the given moment decays (each in [0, 1)) and epsilon (&gt; 0). */
    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        super(learningRate);
        this.beta1 = requireFraction(beta1, "beta1");
        this.beta2 = requireFraction(beta2, "beta2");
        this.epsilon = Arguments.requirePositive(epsilon, "epsilon");
    }

    private static double requireFraction(double x, String name) {
        if (!(x >= 0 && x < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + x);
        }
        return x;
    }

    @Override
    protected void initState(double[][] params) {
        m = allocateLike(params);
        v = allocateLike(params);
    }

    @Override
    protected String invalidState(int array, double value) {
        return array == 1 && !(value >= 0) ? "Adam's second moment must be >= 0" : super.invalidState(array, value);
    }

    @Override
    protected double[][][] stateArrays() {
        return new double[][][] {m, v};
    }

    @Override
    protected void computeUpdate(double[][] grads, double[][] out, long t) {
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        double rate = learningRate();
        for (int p = 0; p < grads.length; p++) {
            double[] g = grads[p];
            double[] mp = m[p];
            double[] vp = v[p];
            double[] o = out[p];
            for (int i = 0; i < g.length; i++) {
                mp[i] = beta1 * mp[i] + (1 - beta1) * g[i];
                vp[i] = beta2 * vp[i] + (1 - beta2) * g[i] * g[i];
                o[i] = rate * (mp[i] / c1) / (Math.sqrt(vp[i] / c2) + epsilon);
            }
        }
    }
}

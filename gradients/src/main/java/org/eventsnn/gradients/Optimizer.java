package org.eventsnn.gradients;

import org.eventsnn.core.base.Arguments;

/**
 * A first-order optimizer over parameter arrays ({@code params[p][i]}, e.g. one array per
 * projection). Each {@link #step} optionally clips the gradient (elementwise and/or by global
 * norm), computes the update, optionally limits the update's global norm, and applies it in
 * place. State is allocated on the first step; nothing is allocated afterwards.
 */
public abstract class Optimizer {
    private double learningRate;
    private double clipValue = Double.POSITIVE_INFINITY;
    private double clipNorm = Double.POSITIVE_INFINITY;
    private double maxUpdateNorm = Double.POSITIVE_INFINITY;
    private double[][] update;
    private double[][] clipped;
    private long steps;

    /** An optimizer with the given initial learning rate (&gt; 0). */
    protected Optimizer(double learningRate) {
        this.learningRate = Arguments.requirePositive(learningRate, "learningRate");
    }

    /** The current learning rate. */
    public double learningRate() {
        return learningRate;
    }

    /** Sets the learning rate (schedules call this between epochs). */
    public void setLearningRate(double rate) {
        learningRate = Arguments.requirePositive(rate, "learningRate");
    }

    /** Clips every gradient entry to {@code [-c, c]} before the update. */
    public Optimizer clipValue(double c) {
        clipValue = Arguments.requirePositive(c, "clipValue");
        return this;
    }

    /** Rescales the gradient to global norm at most {@code c} before the update. */
    public Optimizer clipNorm(double c) {
        clipNorm = Arguments.requirePositive(c, "clipNorm");
        return this;
    }

    /** Rescales each update to global norm at most {@code c} (Fast and Deep's "max update"). */
    public Optimizer maxUpdateNorm(double c) {
        maxUpdateNorm = Arguments.requirePositive(c, "maxUpdateNorm");
        return this;
    }

    /** Number of steps taken. */
    public long steps() {
        return steps;
    }

    /** One descent step: {@code params -= update(grads)}. */
    public final void step(double[][] params, double[][] grads) {
        if (update == null) {
            update = allocateLike(params);
            clipped = allocateLike(params);
            initState(params);
        }
        double[][] g = clip(grads);
        steps++;
        computeUpdate(g, update, steps);
        double scale = limit(update, maxUpdateNorm);
        for (int p = 0; p < params.length; p++) {
            double[] w = params[p];
            double[] u = update[p];
            for (int i = 0; i < w.length; i++) {
                w[i] -= scale * u[i];
            }
        }
    }

    private double[][] clip(double[][] grads) {
        double normScale = limit(grads, clipNorm);
        for (int p = 0; p < grads.length; p++) {
            for (int i = 0; i < grads[p].length; i++) {
                double v = grads[p][i] * normScale;
                clipped[p][i] = Math.max(-clipValue, Math.min(clipValue, v));
            }
        }
        return clipped;
    }

    /** The factor that brings the global norm of {@code x} down to {@code max} (1 if it is below). */
    private static double limit(double[][] x, double max) {
        if (max == Double.POSITIVE_INFINITY) {
            return 1;
        }
        double sum = 0;
        for (double[] row : x) {
            for (double v : row) {
                sum += v * v;
            }
        }
        double norm = Math.sqrt(sum);
        return norm > max ? max / norm : 1;
    }

    static double[][] allocateLike(double[][] params) {
        double[][] a = new double[params.length][];
        for (int p = 0; p < params.length; p++) {
            a[p] = new double[params[p].length];
        }
        return a;
    }

    /**
     * The optimizer's internal arrays (e.g. Adam's moments), shaped like the parameters, for
     * checkpoints; empty before the first step. The arrays are live: {@link #restoreState}
     * copies into them.
     */
    public final double[][][] state() {
        return update == null ? new double[0][][] : stateArrays();
    }

    /** Restores {@link #state()} and the step count saved from an optimizer of the same kind and shapes. */
    public final void restoreState(double[][] paramsShape, double[][][] saved, long savedSteps) {
        if (update == null) {
            update = allocateLike(paramsShape);
            clipped = allocateLike(paramsShape);
            initState(paramsShape);
        }
        double[][][] live = stateArrays();
        if (saved.length != live.length) {
            throw new IllegalArgumentException("optimizer state has " + saved.length + " arrays, expected " + live.length);
        }
        for (int a = 0; a < live.length; a++) {
            if (saved[a].length != live[a].length) {
                throw new IllegalArgumentException("optimizer state array " + a + " has " + saved[a].length
                        + " rows, expected " + live[a].length);
            }
            for (int p = 0; p < live[a].length; p++) {
                if (saved[a][p].length != live[a][p].length) {
                    throw new IllegalArgumentException("optimizer state array " + a + "[" + p + "] has "
                            + saved[a][p].length + " values, expected " + live[a][p].length);
                }
                for (int i = 0; i < saved[a][p].length; i++) {
                    String why = invalidState(a, saved[a][p][i]);
                    if (why != null) {
                        throw new IllegalArgumentException("optimizerState[" + a + "][" + p + "][" + i + "] = "
                                + saved[a][p][i] + ": " + why);
                    }
                }
                System.arraycopy(saved[a][p], 0, live[a][p], 0, live[a][p].length);
            }
        }
        steps = savedSteps;
    }

    /** Why {@code value} cannot be in state array {@code array} (null if it can): every finite value can, unless overridden. */
    protected String invalidState(int array, double value) {
        return Double.isFinite(value) ? null : "must be a finite number";
    }

    /** Allocates per-parameter state. */
    protected abstract void initState(double[][] params);

    /** The per-parameter state arrays (live). */
    protected abstract double[][][] stateArrays();

    /** Writes the step to subtract (learning rate included) into {@code out}; {@code t} counts from 1. */
    protected abstract void computeUpdate(double[][] grads, double[][] out, long t);
}

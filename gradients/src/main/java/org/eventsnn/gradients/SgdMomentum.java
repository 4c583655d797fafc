package org.eventsnn.gradients;

/** Stochastic gradient descent with (heavy-ball) momentum: {@code v = mu v + g; w -= rate v}. */
public final class SgdMomentum extends Optimizer {
    private final double momentum;
    private double[][] velocity;

    /** SGD with momentum {@code mu} in [0, 1). */
    public SgdMomentum(double learningRate, double momentum) {
        super(learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
    }

    @Override
    protected void initState(double[][] params) {
        velocity = allocateLike(params);
    }

    @Override
    protected double[][][] stateArrays() {
        return new double[][][] {velocity};
    }

    @Override
    protected void computeUpdate(double[][] grads, double[][] out, long t) {
        double rate = learningRate();
        for (int p = 0; p < grads.length; p++) {
            for (int i = 0; i < grads[p].length; i++) {
                velocity[p][i] = momentum * velocity[p][i] + grads[p][i];
                out[p][i] = rate * velocity[p][i];
            }
        }
    }
}

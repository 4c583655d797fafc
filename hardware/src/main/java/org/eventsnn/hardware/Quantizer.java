package org.eventsnn.hardware;

/** Weights as the chip realises them: {@code clamp(round(w / scale), -max, max) * scale}. */
public final class Quantizer {
    private final double scale;
    private final int max;

    /** Weights in steps of {@code scale}, at most {@code maxSteps} steps either way. */
    public Quantizer(double scale, int maxSteps) {
        this.scale = scale;
        this.max = maxSteps;
    }

    /** The integer step of weight w (saturating; rounding half away from zero). */
    public int steps(double w) {
        double x = w / scale;
        double q = Math.copySign(Math.floor(Math.abs(x) + 0.5), x);
        return (int) Math.max(-max, Math.min(max, q));
    }

    /** The realised weight. */
    public double apply(double w) {
        return steps(w) * scale;
    }
}

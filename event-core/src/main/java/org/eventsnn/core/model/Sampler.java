package org.eventsnn.core.model;

import org.eventsnn.core.base.CounterStream;

/**
 * How a procedural projection or a Poisson drive turns its {@link CounterStream} into exponential
 * and normal variates (the model file's optional {@code "sampler"} field). Both are exact
 * samplers of their distributions and pure functions of the stream, so either keeps every rule's
 * results reproducible bit for bit; they give different variates from the same stream.
 */
public enum Sampler {
    /**
     * The default: an exponential as {@code -log1p(-u)}, a normal by Box-Muller's cosine branch
     * (fdlibm's log1p and cos). What every model written before the field existed means.
     */
    INVERSION("inversion", 8.6),
    /**
     * Marsaglia and Tsang's ziggurat for both, with 256 layers: 4 (normal) to 10 (exponential)
     * times cheaper per variate.
     */
    ZIGGURAT("ziggurat", 13.8);

    private final String fieldValue;
    private final double largestNormal;

    Sampler(String fieldValue, double largestNormal) {
        this.fieldValue = fieldValue;
        this.largestNormal = largestNormal;
    }

    /**
     * A bound on the magnitude of every normal value this sampler draws: Box-Muller's
     * {@code sqrt(-2 ln 2^-53)}, about 8.57; the ziggurat's tail start plus its largest tail
     * step, {@code 3.654 + 36.74 / 3.654}, about 13.71.
     */
    public double largestNormal() {
        return largestNormal;
    }

    /** The model file's spelling of this sampler. */
    public String fieldValue() {
        return fieldValue;
    }

    /** The sampler spelled {@code value} in a model file, or null if there is none. */
    public static Sampler ofFieldValue(String value) {
        for (Sampler s : values()) {
            if (s.fieldValue.equals(value)) {
                return s;
            }
        }
        return null;
    }

    /** An exponential variate of mean 1 from {@code stream}: never negative, never infinite. */
    public double exponential(CounterStream stream) {
        return this == INVERSION ? stream.nextExponential() : stream.nextZigguratExponential();
    }

    /** A standard normal variate from {@code stream}. */
    public double normal(CounterStream stream) {
        return this == INVERSION ? stream.nextGaussian() : stream.nextZigguratGaussian();
    }
}

package org.eventsnn.core.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.eventsnn.core.model.NeuronParameters;
import org.junit.jupiter.api.Test;

/**
 * {@link LifDynamics#kernel(int, double, double, double)}, which reuses the membrane's decay
 * (EventProp's spans), against {@link LifDynamics#kernel(int, double, double)} bit for bit: on
 * both sides of the series limit, at equal rates, integer and arbitrary ratios and delta
 * receptors.
 */
class KernelWithMembraneDecayTest {
    @Test
    void reusingTheMembranesDecayGivesTheKernelsBits() {
        qt().withExamples(20_000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            double tauMem = 1e-3 * (1 + 30 * rnd.nextDouble());
            double[] ratios = {1, 4, 2, 0.5, 1 + 1e-6, 0.3 + 5 * rnd.nextDouble()};
            double tauSyn = rnd.nextInt(10) == 0 ? 0 : tauMem / ratios[rnd.nextInt(ratios.length)];
            LifDynamics dyn = new LifDynamics(NeuronParameters.builder().tauMem(tauMem).tauSyn(tauSyn).build());
            double d;
            double gap = dyn.alpha() - dyn.beta(0);
            if (rnd.nextBoolean() && gap != 0 && Double.isFinite(gap)) {
                // near the series limit |gap| d = 0.5, where the kernel changes form
                double limit = LifDynamics.SERIES_LIMIT / Math.abs(gap);
                d = limit * (1 + (rnd.nextDouble() - 0.5) * 1e-12 * rnd.nextInt(3));
            } else {
                d = tauMem * 20 * rnd.nextDouble();
            }
            double decay = dyn.currentDecay(0, d);
            assertEquals(Double.doubleToRawLongBits(dyn.kernel(0, d, decay)),
                    Double.doubleToRawLongBits(dyn.kernel(0, d, decay, dyn.membraneDecay(d))),
                    "tauMem " + tauMem + " tauSyn " + tauSyn + " d " + d);
        });
    }
}

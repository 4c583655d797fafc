package org.eventsnn.core.solver;

import org.eventsnn.core.model.NeuronParameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import org.junit.jupiter.api.Test;

class LifDynamicsTest {
    /** Shape 0: equal taus, 1: tauMem = 2 tauSyn, 2: tauMem / ratio (close ratios take the expm1 branch). */
    private static LifDynamics dynamics(int shape, double tauMem, double ratio) {
        double tauSyn = shape == 0 ? tauMem : shape == 1 ? tauMem / 2 : tauMem / ratio;
        return new LifDynamics(NeuronParameters.builder().tauMem(tauMem).tauSyn(tauSyn).build());
    }

    @Test
    void kernelGivenDecayIsKernelBitForBit() {
        qt().withExamples(20000).forAll(integers().between(0, 2), doubles().between(0.001, 0.05),
                doubles().between(0.2, 5.0), doubles().between(0.0, 10.0)).checkAssert((shape, tauMem, ratio, lagInTau) -> {
                    LifDynamics d = dynamics(shape, tauMem, ratio);
                    double t = lagInTau * tauMem;
                    double decay = d.currentDecay(0, t);
                    assertEquals(Math.exp(-t * d.beta(0)), decay, 0.0);
                    assertEquals(d.kernel(0, t), d.kernel(0, t, decay), 0.0, "t " + t);
                });
    }

    @Test
    void kernelSlopeIsTheKernelsDerivative() {
        qt().withExamples(5000).forAll(integers().between(0, 2), doubles().between(0.001, 0.05),
                doubles().between(0.2, 5.0), doubles().between(0.05, 10.0)).checkAssert((shape, tauMem, ratio, lagInTau) -> {
                    LifDynamics d = dynamics(shape, tauMem, ratio);
                    double t = lagInTau * tauMem;
                    double h = 1e-4 * tauMem;
                    // five-point central difference: error O(h^4) relative to the kernel's scale 1/tauMem
                    double fd = (d.kernel(0, t - 2 * h) - 8 * d.kernel(0, t - h) + 8 * d.kernel(0, t + h)
                            - d.kernel(0, t + 2 * h)) / (12 * h);
                    double kernel = d.kernel(0, t);
                    double slope = d.kernelSlope(kernel, d.currentDecay(0, t));
                    assertEquals(fd, slope, 1e-9 / tauMem, "t " + t);
                });
    }
}

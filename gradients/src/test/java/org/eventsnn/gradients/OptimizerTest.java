package org.eventsnn.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OptimizerTest {
    @Test
    void adamsFirstStepHasTheLearningRateAsMagnitude() {
        // bias correction makes the first update lr * g / (|g| + eps) for every entry
        qt().forAll(doubles().between(-10, 10), doubles().between(1e-4, 1)).checkAssert((g, lr) -> {
            if (Math.abs(g) < 1e-3) {
                return;
            }
            double[][] w = {{1.0}};
            new Adam(lr).step(w, new double[][] {{g}});
            assertEquals(1.0 - lr * g / (Math.abs(g) + 1e-8), w[0][0], 2e-15);
        });
    }

    @Test
    void sgdMomentumFollowsItsRecursion() {
        double[][] w = {{0.0, 0.0}};
        SgdMomentum sgd = new SgdMomentum(0.1, 0.5);
        sgd.step(w, new double[][] {{1.0, -2.0}});
        sgd.step(w, new double[][] {{1.0, -2.0}});
        // v1 = g, v2 = 0.5 g + g = 1.5 g; w = -0.1 (g + 1.5 g) = -0.25 g
        assertArrayEquals(new double[] {-0.25, 0.5}, w[0], 1e-15);
    }

    @Test
    void everyOptimizerDescendsARandomConvexQuadratic() {
        qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 1 + r.nextInt(6);
            double[] curvature = new double[n];
            double[][] w = {new double[n]};
            for (int i = 0; i < n; i++) {
                curvature[i] = r.nextDouble(0.1, 5);
                w[0][i] = r.nextDouble(-3, 3);
            }
            Optimizer opt = r.nextBoolean() ? new Adam(0.05) : new SgdMomentum(0.02, 0.9);
            double before = quadratic(w[0], curvature);
            double[][] g = {new double[n]};
            for (int step = 0; step < 300; step++) {
                for (int i = 0; i < n; i++) {
                    g[0][i] = curvature[i] * w[0][i];
                }
                opt.step(w, g);
            }
            assertTrue(quadratic(w[0], curvature) < 0.05 * before + 1e-3, "seed " + seed);
        });
    }

    private static double quadratic(double[] w, double[] c) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += 0.5 * c[i] * w[i] * w[i];
        }
        return s;
    }

    @Test
    void clippingAndUpdateNormLimits() {
        double[][] w = {{0.0, 0.0}};
        new SgdMomentum(1.0, 0.0).clipValue(0.5).step(w, new double[][] {{3.0, -0.2}});
        assertArrayEquals(new double[] {-0.5, 0.2}, w[0], 1e-15);
        w = new double[][] {{0.0, 0.0}};
        new SgdMomentum(1.0, 0.0).clipNorm(1.0).step(w, new double[][] {{3.0, 4.0}});
        assertArrayEquals(new double[] {-0.6, -0.8}, w[0], 1e-15);
        w = new double[][] {{0.0, 0.0}};
        new SgdMomentum(10.0, 0.0).maxUpdateNorm(0.2).step(w, new double[][] {{3.0, 4.0}});
        assertArrayEquals(new double[] {-0.12, -0.16}, w[0], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new Adam(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.1).clipNorm(-1));
    }

    @Test
    void schedules() {
        assertEquals(0.005 * 0.95 * 0.95, LearningRateSchedule.step(0.005, 20, 0.95).rate(45), 1e-18);
        assertEquals(0.005, LearningRateSchedule.step(0.005, 20, 0.95).rate(19), 0.0);
        assertEquals(1e-3 * Math.pow(0.99, 7), LearningRateSchedule.exponential(1e-3, 0.99).rate(7), 1e-18);
    }
}

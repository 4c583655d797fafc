package org.eventsnn.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/** The stated properties of the randman generator. */
class RandmanTest {
    @Test
    void everyInputFiresOnceInsideTheWindowSortedAndClassesAreBalanced() {
        qt().withExamples(30).forAll(integers().between(1, 5), integers().between(1, 12), integers().between(1, 12),
                longs().all()).checkAssert((classes, inputs, perClass, seed) -> {
                    int dim = 1 + (int) Math.floorMod(seed, 3L);
                    Randman r = Randman.of(classes, inputs, dim, 1.5, perClass, 0.05);
                    LabelledSpikes d = r.generate(seed, "in");
                    assertEquals(classes * perClass, d.sampleCount());
                    assertEquals(inputs, d.inputSize());
                    assertEquals(0.05, d.duration());
                    int[] count = new int[classes];
                    for (int s = 0; s < d.sampleCount(); s++) {
                        count[d.label(s)]++;
                        SpikeTrains t = d.input(s);
                        assertEquals(inputs, t.count("in"));
                        boolean[] seen = new boolean[inputs];
                        for (int k = 0; k < inputs; k++) {
                            double time = t.time("in", k);
                            assertTrue(time >= 0 && time < 0.05, "time " + time);
                            assertTrue(k == 0 || time >= t.time("in", k - 1));
                            seen[t.neuron("in", k)] = true;
                        }
                        for (boolean b : seen) {
                            assertTrue(b);
                        }
                    }
                    for (int c : count) {
                        assertEquals(perClass, c);
                    }
                });
    }

    @Test
    void eachClassSpansTheWholeWindowPerInput() {
        // standardisation: per class and input the earliest spike is at 0 and the latest just below the end
        LabelledSpikes d = Randman.of(3, 8, 2, 2, 50, 0.1).generate(7, "in");
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 8; i++) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < d.sampleCount(); s++) {
                    if (d.label(s) == c) {
                        double t = timeOf(d.input(s), i);
                        min = Math.min(min, t);
                        max = Math.max(max, t);
                    }
                }
                assertEquals(0, min, 0.0);
                // (max - min) / (max - min + 1e-7) with value ranges of order 0.01 to 1
                assertTrue(max < 0.1 && max > 0.1 * (1 - 1e-4), "latest " + max);
            }
        }
    }

    @Test
    void sameSeedSameBitsOtherSeedOtherData() {
        qt().withExamples(10).forAll(longs().all(), doubles().between(0.5, 4)).checkAssert((seed, alpha) -> {
            Randman r = Randman.of(3, 6, 2, alpha, 5, 0.1);
            LabelledSpikes a = r.generate(seed, "in");
            LabelledSpikes b = r.generate(seed, "in");
            LabelledSpikes c = r.generate(seed + 1, "in");
            boolean differs = false;
            for (int s = 0; s < a.sampleCount(); s++) {
                assertEquals(a.label(s), b.label(s));
                assertArrayEquals(a.input(s).times("in"), b.input(s).times("in"), 0.0);
                assertArrayEquals(a.input(s).neurons("in"), b.input(s).neurons("in"));
                differs |= !java.util.Arrays.equals(a.input(s).times("in"), c.input(s).times("in"));
            }
            assertTrue(differs);
        });
    }

    @Test
    void frequencyCutoffFollowsThePrecision() {
        assertEquals(32, Randman.defaults().frequencies());
        assertEquals(1000, Randman.of(1, 1, 1, 0.5, 1, 1).frequencies()); // 1e6 capped
        assertEquals(10, Randman.of(1, 1, 1, 3, 1, 1).frequencies());
    }

    @Test
    void defaultsAreTheReferenceGenerators() {
        Randman r = Randman.defaults();
        assertEquals(10, r.classes());
        assertEquals(100, r.inputs());
        assertEquals(2, r.dimension());
        assertEquals(2.0, r.alpha());
        assertEquals(1000, r.samplesPerClass());
        assertEquals(0.1, r.duration());
    }

    @Test
    void samplesOfAClassLieOnASmoothManifoldNotNoise() {
        // one-dimensional manifold: nearby points have nearby spike times, so sorting a class by
        // one input's time must order every other input's times far better than chance
        LabelledSpikes d = Randman.of(1, 2, 1, 2, 200, 1).generate(3, "in");
        double jump = 0;
        int n = d.sampleCount();
        double[][] t = new double[n][];
        for (int s = 0; s < n; s++) {
            t[s] = new double[] {timeOf(d.input(s), 0), timeOf(d.input(s), 1)};
        }
        assertNotEquals(t[0][0], t[1][0]);
        java.util.Arrays.sort(t, (a, b) -> Double.compare(a[0], b[0]));
        for (int s = 1; s < n; s++) {
            jump += Math.abs(t[s][1] - t[s - 1][1]);
        }
        // random order would give a mean jump near 1/3 of the window
        assertTrue(jump / (n - 1) < 0.15, "mean jump " + jump / (n - 1));
    }

    @Test
    void badSettingsNameTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Randman.of(0, 1, 1, 1, 1, 1)).getMessage()
                .contains("classes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Randman.of(1, 1, 1, Double.NaN, 1, 1))
                .getMessage().contains("alpha"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Randman.of(1, 1, 1, 1, 1, -1)).getMessage()
                .contains("duration"));
    }

    private static double timeOf(SpikeTrains t, int neuron) {
        for (int k = 0; k < t.count("in"); k++) {
            if (t.neuron("in", k) == neuron) {
                return t.time("in", k);
            }
        }
        throw new AssertionError("neuron " + neuron + " did not fire");
    }
}

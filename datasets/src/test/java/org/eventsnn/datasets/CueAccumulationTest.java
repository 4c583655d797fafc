package org.eventsnn.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/** The stated properties of the cue-accumulation generator. */
class CueAccumulationTest {
    private static final CueAccumulation SHORT = CueAccumulation.builder().delay(0.2).build();

    @Test
    void timelineOfTheDefaults() {
        CueAccumulation c = CueAccumulation.builder().build();
        assertEquals(7, c.cues());
        assertEquals(40, c.inputs());
        assertEquals(0.9, c.cueStart(6), 1e-15);
        assertEquals(0.9 + 0.1 + 1.0, c.recallStart(), 1e-12);
        assertEquals(2.15, c.duration(), 1e-12);
    }

    @Test
    void labelIsTheSideShowingMoreCuesAndSpikesStayInTheirWindows() {
        qt().withExamples(20).forAll(integers().between(0, 3), integers().between(1, 12), longs().all())
                .checkAssert((half, trials, seed) -> {
                    int cues = 2 * half + 1;
                    CueAccumulation c = CueAccumulation.builder().cues(cues).groupSize(6).delay(0.3).cueRate(60).build();
                    LabelledSpikes d = c.generate(trials, seed, "in");
                    assertEquals(trials, d.sampleCount());
                    for (int s = 0; s < trials; s++) {
                        assertEquals(s % 2, d.label(s), "labels alternate, so classes balance exactly");
                        SpikeTrains t = d.input(s);
                        int[][] perCue = new int[cues][2];
                        for (int k = 0; k < t.count("in"); k++) {
                            double time = t.time("in", k);
                            int n = t.neuron("in", k);
                            int group = n / 6;
                            assertTrue(k == 0 || time >= t.time("in", k - 1), "sorted");
                            assertTrue(time >= 0 && time < c.duration());
                            if (group == 2) {
                                assertTrue(time >= c.recallStart(), "recall spike at " + time);
                            } else if (group < 2) {
                                int cue = (int) Math.floor(time / (c.cueDuration() + 0.05));
                                assertTrue(cue < cues && time < c.cueStart(cue) + c.cueDuration(),
                                        "cue spike outside a cue at " + time);
                                perCue[cue][group]++;
                            }
                        }
                        int right = 0;
                        for (int[] counts : perCue) {
                            // 6 neurons at 60 Hz for 0.1 s: silence has probability e^-36
                            assertTrue(counts[0] == 0 ^ counts[1] == 0, "each cue on exactly one side");
                            right += counts[1] > 0 ? 1 : 0;
                        }
                        assertEquals(d.label(s), 2 * right > cues ? 1 : 0);
                    }
                });
    }

    @Test
    void ratesMatchTheirSettings() {
        // 400 trials: the counts are Poisson, so the means lie within 5 standard errors
        int trials = 400;
        LabelledSpikes d = SHORT.generate(trials, 11, "in");
        long noise = 0;
        long recall = 0;
        long cue = 0;
        for (int s = 0; s < trials; s++) {
            SpikeTrains t = d.input(s);
            for (int k = 0; k < t.count("in"); k++) {
                int g = t.neuron("in", k) / 10;
                if (g == 3) {
                    noise++;
                } else if (g == 2) {
                    recall++;
                } else {
                    cue++;
                }
            }
        }
        assertWithinPoisson(noise, trials * 10 * 10 * SHORT.duration());
        assertWithinPoisson(recall, trials * 10 * 40 * 0.15);
        assertWithinPoisson(cue, trials * 10 * 40 * 0.1 * 7);
    }

    private static void assertWithinPoisson(long count, double mean) {
        assertTrue(Math.abs(count - mean) < 5 * Math.sqrt(mean), count + " spikes, expected " + mean);
    }

    @Test
    void sidesAreUnbiasedWithinALabel() {
        // given its label, each cue shows the label's side with probability
        // P(side = majority) = (1/2)(1 + C(6,3)/2^6) = 0.65625 for 7 cues (a symmetric binomial)
        int trials = 2000;
        LabelledSpikes d = SHORT.generate(trials, 5, "in");
        long withLabel = 0;
        for (int s = 0; s < trials; s++) {
            SpikeTrains t = d.input(s);
            boolean[][] shown = new boolean[7][2];
            for (int k = 0; k < t.count("in"); k++) {
                int g = t.neuron("in", k) / 10;
                if (g < 2) {
                    shown[(int) (t.time("in", k) / 0.15)][g] = true;
                }
            }
            for (boolean[] c : shown) {
                withLabel += c[d.label(s)] ? 1 : 0;
            }
        }
        double p = 0.65625;
        double n = trials * 7.0;
        assertTrue(Math.abs(withLabel - p * n) < 5 * Math.sqrt(n * p * (1 - p)), withLabel + " of " + n);
    }

    @Test
    void sameSeedSameBits() {
        qt().withExamples(10).forAll(longs().all()).checkAssert(seed -> {
            LabelledSpikes a = SHORT.generate(3, seed, "in");
            LabelledSpikes b = SHORT.generate(3, seed, "in");
            for (int s = 0; s < 3; s++) {
                assertArrayEquals(a.input(s).times("in"), b.input(s).times("in"), 0.0);
                assertArrayEquals(a.input(s).neurons("in"), b.input(s).neurons("in"));
            }
        });
    }

    @Test
    void badSettingsNameTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CueAccumulation.builder().cues(4).build())
                .getMessage().contains("cues"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CueAccumulation.builder().cueRate(-1).build())
                .getMessage().contains("cueRate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CueAccumulation.builder().delay(Double.NaN)
                .build()).getMessage().contains("delay"));
    }
}

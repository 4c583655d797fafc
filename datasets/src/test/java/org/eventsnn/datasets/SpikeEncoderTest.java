package org.eventsnn.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.nio.file.Path;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpikeEncoderTest {
    @TempDir
    Path dir;

    @Test
    void fastAndDeepEncodingWithBiasAndCopies() {
        SpikeEncoder e = SpikeEncoder.linear(0.15, 2.0).copies(2).biasTimes(0.9).duration(4).build();
        SpikeTrains s = e.encode(new double[] {1.0, 0.0});
        assertEquals(5, e.inputSize(2));
        assertArrayEquals(new double[] {0.15, 0.15, 0.9, 2.0, 2.0}, s.times("in"), 0.0);
        assertArrayEquals(new int[] {2, 3, 4, 0, 1}, s.neurons("in"));
    }

    @Test
    void everyFeatureBecomesOneSortedSpikePerCopy() {
        qt().forAll(doubles().between(0, 1), doubles().between(0, 1), integers().between(1, 4)).checkAssert((x, y, copies) -> {
            SpikeEncoder e = SpikeEncoder.scaled(0.01).copies(copies).biasTimes(0.0).build();
            SpikeTrains s = e.encode(new double[] {x, y});
            assertEquals(2 * copies + 1, s.count("in"));
            double[] t = s.times("in");
            int[] n = s.neurons("in");
            for (int i = 0; i < t.length; i++) {
                double expected = n[i] == 2 * copies ? 0.0 : (n[i] < copies ? x : y) * 0.01;
                assertEquals(expected, t[i], 0.0);
                assertTrue(i == 0 || t[i - 1] < t[i] || (t[i - 1] == t[i] && n[i - 1] < n[i]));
            }
        });
    }

    @Test
    void featuresOutsideTheWindowAreRejected() {
        SpikeEncoder e = SpikeEncoder.scaled(0.01).build();
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.encode(new double[] {2.0}));
        assertTrue(ex.getMessage().contains("feature 0"), ex.getMessage());
    }

    @Test
    void labelledSpikesRoundTrip() throws Exception {
        Dataset d = YinYang.generate("t", 20, 3);
        LabelledSpikes ls = LabelledSpikes.encode(d, SpikeEncoder.scaled(0.03).biasTimes(0.0).build());
        Path f = dir.resolve("ls.json");
        ls.write(f);
        LabelledSpikes back = LabelledSpikes.read(f);
        assertEquals(20, back.sampleCount());
        assertEquals(5, back.inputSize());
        for (int i = 0; i < 20; i++) {
            assertEquals(d.label(i), back.label(i));
            assertArrayEquals(ls.input(i).times("in"), back.input(i).times("in"), 0.0);
            assertArrayEquals(ls.input(i).neurons("in"), back.input(i).neurons("in"));
        }
    }

    @Test
    void toySetsAreBalancedEnoughAndDeterministic() {
        Dataset c = ToySets.circle(2000, 1);
        Dataset l = ToySets.linear(2000, 1);
        assertArrayEquals(c.features(7), ToySets.circle(2000, 1).features(7), 0.0);
        for (Dataset d : new Dataset[] {c, l}) {
            int[] counts = d.classCounts();
            assertTrue(Math.abs(counts[0] - counts[1]) < 200, d.name() + " counts " + counts[0] + "/" + counts[1]);
        }
    }
}

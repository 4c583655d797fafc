package org.eventsnn.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.eventsnn.core.base.CounterStream;
import org.eventsnn.core.model.ProceduralConnectivity.Precision;
import org.junit.jupiter.api.Test;

/**
 * {@code "precision": "float32"}: the same synapses as the default precision, each weight and
 * delay rounded to the nearest float32 value, every delay at least {@code delayMin()}.
 */
class ProceduralPrecisionTest {
    @Test
    void float32RowsAreTheFloat64RowsRoundedValueByValue() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            double p = r.nextInt(5) == 0 ? 1 : r.nextDouble(0.001, 0.5);
            double wMean = r.nextDouble(-20, 20);
            double wSd = r.nextInt(3) == 0 ? 0 : r.nextDouble(0, 10);
            double dMin = r.nextInt(3) == 0 ? 0 : r.nextDouble(0, 0.002);
            double dMean = dMin + (r.nextInt(4) == 0 ? 0 : r.nextDouble(0, 0.003));
            double dSd = r.nextInt(3) == 0 ? 0 : (r.nextBoolean() ? r.nextDouble(0, 0.002) : r.nextDouble(0, 1e-12));
            long ruleSeed = r.nextLong();
            ProceduralConnectivity wide = new ProceduralConnectivity(p, ruleSeed, wMean, wSd, dMean, dSd, dMin, false);
            ProceduralConnectivity single = new ProceduralConnectivity(p, ruleSeed, wMean, wSd, dMean, dSd, dMin, false,
                    Precision.FLOAT32);
            CounterStream stream = new CounterStream();
            SynapseRow a = new SynapseRow();
            SynapseRow b = new SynapseRow();
            int targets = 1 + r.nextInt(300);
            for (int i = 0; i < 5; i++) {
                wide.row(i, targets, stream, a);
                single.row(i, targets, stream, b);
                assertEquals(a.size(), b.size());
                for (int k = 0; k < a.size(); k++) {
                    assertEquals(a.target(k), b.target(k));
                    assertEquals((double) (float) a.weight(k), b.weight(k));
                    assertEquals((double) (float) a.delay(k), b.delay(k));
                    assertTrue(b.delay(k) >= single.delayMin(), b.delay(k) + " < " + single.delayMin());
                    assertTrue(wMean >= 0 ? b.weight(k) >= 0 : b.weight(k) <= 0, "sign of the mean");
                }
            }
            assertTrue(single.delayMin() <= dMin || dSd == 0, "a lower bound");
        });
    }

    @Test
    void theMinimumIsRoundedDownAndFixedValuesToTheNearestFloat() {
        for (double min : new double[] {0.0001, 0.0002, 0.0003, 0.00075}) {
            ProceduralConnectivity rule = new ProceduralConnectivity(0.1, 1, 87.8, 8.78, 0.0015, 0.00075, min, false,
                    Precision.FLOAT32);
            double bound = rule.delayMin();
            assertEquals(bound, (double) (float) bound, "a float32 value");
            assertTrue(bound <= min && Math.nextUp((float) bound) > min, min + " -> " + bound);
        }
        ProceduralConnectivity fixed = new ProceduralConnectivity(0.1, 1, 87.8, 0, 0.0015, 0, 0, false, Precision.FLOAT32);
        assertEquals((float) 87.8, fixed.weightMean());
        assertEquals((float) 0.0015, fixed.delayMin());
        assertThrows(IllegalArgumentException.class,
                () -> new ProceduralConnectivity(0.1, 1, 1, 1e38, 0.001, 0, 0, false, Precision.FLOAT32));
    }
}

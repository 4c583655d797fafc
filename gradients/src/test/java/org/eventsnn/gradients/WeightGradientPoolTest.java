package org.eventsnn.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.RandomNetworks;
import org.junit.jupiter.api.Test;

class WeightGradientPoolTest {
    @Test
    void aSetGivenBackIsHandedOutAgainZeroed() {
        Network net = RandomNetworks.feedForward(3, true);
        WeightGradientPool pool = new WeightGradientPool();
        double[][] first = pool.take(net);
        assertEquals(net.projections().size(), first.length);
        for (double[] a : first) {
            Arrays.fill(a, 1.5);
        }
        pool.give(first);
        double[][] again = pool.take(net);
        assertSame(first, again);
        for (int p = 0; p < again.length; p++) {
            assertEquals(net.projection(p).synapseCount(), again[p].length);
            for (double v : again[p]) {
                assertEquals(0.0, v);
            }
        }
        assertNotSame(again, pool.take(net)); // nothing left to reuse: a new set
    }

    @Test
    void aSetTakenToOverwriteKeepsItsValuesAndTheShape() {
        Network net = RandomNetworks.feedForward(3, true);
        WeightGradientPool pool = new WeightGradientPool();
        double[][] first = pool.takeToOverwrite(net);
        for (double[] a : first) {
            Arrays.fill(a, 1.5);
        }
        pool.give(first);
        double[][] again = pool.takeToOverwrite(net);
        assertSame(first, again);
        for (int p = 0; p < again.length; p++) {
            assertEquals(net.projection(p).synapseCount(), again[p].length);
            for (double v : again[p]) {
                assertEquals(1.5, v); // not cleared: the caller writes every entry
            }
        }
    }

    @Test
    void aSetOfAnotherShapeIsNotReused() {
        Network small = RandomNetworks.feedForward(3, true);
        Network other = small;
        for (long seed = 4; sameShape(small, other); seed++) {
            other = RandomNetworks.feedForward(seed, true);
        }
        WeightGradientPool pool = new WeightGradientPool();
        double[][] set = pool.take(small);
        pool.give(set);
        double[][] fresh = pool.take(other);
        assertNotSame(set, fresh);
        for (int p = 0; p < fresh.length; p++) {
            assertEquals(other.projection(p).synapseCount(), fresh[p].length);
        }
    }

    @Test
    void releasedGradientsRefuseToBeRead() {
        Network net = RandomNetworks.feedForward(3, true);
        WeightGradientPool pool = new WeightGradientPool();
        Gradients g = new Gradients(0, pool.take(net), new double[net.projections().size()], null,
                new double[0][], pool, null);
        g.release();
        assertThrows(NullPointerException.class, () -> g.weights(0));
    }

    private static boolean sameShape(Network a, Network b) {
        if (a.projections().size() != b.projections().size()) {
            return false;
        }
        for (int p = 0; p < a.projections().size(); p++) {
            if (a.projection(p).synapseCount() != b.projection(p).synapseCount()) {
                return false;
            }
        }
        return true;
    }
}

package org.eventsnn.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eventsnn.core.record.SpikeRecord;

/** The engine tests' comparison of two records' spikes, bit for bit. */
final class SameRecords {
    private SameRecords() {
    }

    /** Same spikes in the same order: times, neurons, currents at spike and release, input indices, to the bit. */
    static void assertSameSpikes(SpikeRecord expected, SpikeRecord actual, String what) {
        assertEquals(expected.count(), actual.count(), what + ": spike count");
        for (int s = 0; s < expected.count(); s++) {
            assertEquals(expected.neuron(s), actual.neuron(s), what + ": neuron of spike " + s);
            assertEquals(Double.doubleToLongBits(expected.time(s)), Double.doubleToLongBits(actual.time(s)),
                    what + ": time of spike " + s);
            assertEquals(Double.doubleToLongBits(expected.currentAtSpike(s)), Double.doubleToLongBits(actual.currentAtSpike(s)),
                    what + ": current at spike " + s);
            assertEquals(Double.doubleToLongBits(expected.currentAtRelease(s)), Double.doubleToLongBits(actual.currentAtRelease(s)),
                    what + ": current at release of spike " + s);
            assertEquals(expected.inputIndex(s), actual.inputIndex(s), what + ": input index of spike " + s);
        }
    }
}

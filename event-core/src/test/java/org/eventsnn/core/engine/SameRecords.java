package org.eventsnn.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eventsnn.core.record.SpikeRecord;

/** The engine tests' comparison of two records' spikes, bit for bit, and of their processed-event logs. */
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

    /** Same processed-event log: kind, spike, projection and row slot of every event. */
    static void assertSameLog(SpikeRecord expected, SpikeRecord actual, String what) {
        assertEquals(expected.eventCount(), actual.eventCount(), what + ": event count");
        for (int e = 0; e < expected.eventCount(); e++) {
            assertEquals(expected.eventKind(e), actual.eventKind(e), what + ": kind of event " + e);
            assertEquals(expected.eventSpike(e), actual.eventSpike(e), what + ": spike of event " + e);
            assertEquals(expected.eventProjection(e), actual.eventProjection(e), what + ": projection of event " + e);
            assertEquals(expected.eventSlot(e), actual.eventSlot(e), what + ": row slot of event " + e);
        }
    }
}

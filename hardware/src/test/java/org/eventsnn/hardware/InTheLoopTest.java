package org.eventsnn.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.concurrent.atomic.AtomicInteger;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/** Runs in the loop for spikes only (evaluation) give the spikes of the replay, without it. */
class InTheLoopTest {
    @Test
    void spikesOnlyRunsRecordTheReplaysSpikesInItsOrder() {
        AtomicInteger lifSpikes = new AtomicInteger();
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.feedForward(seed, seed % 2 == 0);
            SpikeTrains in = RandomNetworks.input(seed, net);
            // a coarse jitter, so that observed spikes often tie or leave the window's ends
            ChipConfig config = ChipConfig.builder(seed).jitter(seed % 3 == 0 ? 0.01 : 5e-6).spikesPerRun(20_000).build();
            InTheLoop loop = new InTheLoop(new MockAnalogChip(config));
            loop.prepare(net, 7);
            SpikeRecord replayed = loop.run(net, in, 3, -1).record();
            SimulationResult spikesOnly = loop.runSpikesOnly(net, in, 3, -1);
            SpikeRecord record = spikesOnly.record();
            assertFalse(record.hasEventLog());
            assertEquals(replayed.count(), record.count(), "seed " + seed);
            for (int s = 0; s < record.count(); s++) {
                String where = "seed " + seed + " spike " + s;
                assertEquals(replayed.time(s), record.time(s), 0.0, where);
                assertEquals(replayed.neuron(s), record.neuron(s), where);
                assertEquals(replayed.inputIndex(s), record.inputIndex(s), where);
                lifSpikes.addAndGet(record.inputIndex(s) < 0 ? 1 : 0);
            }
            assertEquals(in.duration(), spikesOnly.duration(), 0.0);
        });
        assertTrue(lifSpikes.get() > 3000, "LIF spikes compared: " + lifSpikes.get());
    }

    @Test
    void recycledReplaysAreRefilledExactly() {
        qt().withExamples(100).forAll(longs().all()).checkAssert(seed -> {
            Network net = RandomNetworks.feedForward(seed, seed % 2 == 0);
            SpikeTrains in = RandomNetworks.input(seed, net);
            SpikeTrains other = RandomNetworks.input(~seed, net);
            InTheLoop loop = new InTheLoop(new MockAnalogChip(ChipConfig.builder(seed).spikesPerRun(20_000).build()));
            loop.prepare(net, 1);
            InTheLoop another = new InTheLoop(new MockAnalogChip(ChipConfig.builder(seed).spikesPerRun(20_000).build()));
            another.prepare(net, 1);
            SpikeRecord fresh = another.run(net, in, 0, -1).record();
            SimulationResult first = loop.run(net, other, 0, -1);
            loop.recycle(first);
            SimulationResult again = loop.run(net, in, 0, -1);
            assertSame(first.record(), again.record(), "the record was not reused");
            assertEquals(fresh.count(), again.record().count(), "seed " + seed);
            assertEquals(fresh.eventCount(), again.record().eventCount(), "seed " + seed);
            for (int s = 0; s < fresh.count(); s++) {
                assertEquals(fresh.time(s), again.record().time(s), 0.0);
                assertEquals(fresh.neuron(s), again.record().neuron(s));
                assertEquals(Double.doubleToRawLongBits(fresh.currentAtSpike(s)),
                        Double.doubleToRawLongBits(again.record().currentAtSpike(s)));
                assertEquals(Double.doubleToRawLongBits(fresh.currentAtRelease(s)),
                        Double.doubleToRawLongBits(again.record().currentAtRelease(s)));
            }
        });
    }
}

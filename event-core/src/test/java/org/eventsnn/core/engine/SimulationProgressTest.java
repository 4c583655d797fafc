package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.PoissonDrive;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;
import org.eclipse.collections.api.list.primitive.MutableDoubleList;
import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Progress reports of long runs come in order, within the run, often enough, and change
 * nothing: the record with a listener is the record without one, bit for bit.
 */
class SimulationProgressTest {
    private static final double DURATION = 0.5;

    /** 200 neurons, each driven at 2 kHz (200,000 drive arrivals), with 1 ms recurrent inhibition. */
    private static Network driven() {
        NeuronParameters p = NeuronParameters.builder().build();
        double scale = Math.abs(p.threshold() - p.leak());
        double[][] inhibition = new double[200][200];
        for (int i = 0; i < 200; i++) {
            inhibition[i][(i * 7 + 3) % 200] = -0.2 * scale;
        }
        return Network.builder()
                .add(Population.lif("exc", 200, p).withPoisson(new PoissonDrive(2000, 0.3 * scale, 0, 11)))
                .connectDense("exc", "exc", p.receptorName(0), 0.001, inhibition).build();
    }

    @Test
    void theQueueReportsEvery65536EventsWithoutChangingTheRun() {
        Network net = driven();
        SpikeTrains none = SpikeTrains.builder(DURATION).build();
        Simulator quiet = Simulator.withEventQueue(net);
        SimulationResult expected = quiet.run(none);
        Simulator reporting = Simulator.withEventQueue(net);
        MutableDoubleList reports = new DoubleArrayList();
        reporting.reportProgress(reports::add);
        SimulationResult got = reporting.run(none);
        SameRecords.assertSameSpikes(expected.record(), got.record(), "with progress reports");
        long drive = reporting.driveEventCount(); // each one an event of the queue, among others
        assertTrue(drive >= 3 * 65536, "too few events for the test: " + drive);
        assertTrue(reports.size() >= drive / 65536, reports.size() + " reports for " + drive + " drive events alone");
        assertOrderedWithin(reports);
    }

    @Test
    void thePartitionsReportEveryWindowWithoutChangingTheRun() {
        Network net = driven();
        SpikeTrains none = SpikeTrains.builder(DURATION).build();
        SimulationResult expected = Simulator.withEventQueue(net).run(none);
        ParallelSimulator parallel = new ParallelSimulator(net, 2, Long.MAX_VALUE);
        MutableDoubleList reports = new DoubleArrayList();
        parallel.reportProgress(reports::add);
        SimulationResult got = parallel.run(none);
        SameRecords.assertSameSpikes(expected.record(), got.record(), "with progress reports");
        assertEquals(Math.floor(DURATION / 0.001), reports.size(), 1.0, "one report per window of 1 ms");
        assertOrderedWithin(reports);
    }

    private static void assertOrderedWithin(MutableDoubleList reports) {
        double last = 0;
        for (int k = 0; k < reports.size(); k++) {
            assertTrue(reports.get(k) >= last && reports.get(k) <= DURATION, "report " + k + ": " + reports.get(k));
            last = reports.get(k);
        }
    }

}

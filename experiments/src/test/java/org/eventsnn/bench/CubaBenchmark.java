package org.eventsnn.bench;

import java.util.concurrent.TimeUnit;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.experiments.cuba.CubaModel;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One second of the CUBA network (Brette et al. 2007, benchmark 2; 4000 neurons) simulated
 * exactly, against a baseline measured in the same run: the same network on a 0.1 ms clock
 * with exact per-step exponential integration (the scheme of Brian2's and NEST's examples).
 * Scores are simulated seconds per wall second (higher is better); the auxiliary counter
 * {@code synapticEvents} reports synaptic events per second of wall time.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class CubaBenchmark {
    @State(Scope.Benchmark)
    public static class Cuba {
        @Param({"4000"})
        public int neurons;
        Network network;
        Simulator simulator;
        SpikeTrains noInput;
        ClockDrivenCuba clock;

        @Setup(Level.Trial)
        public void build() {
            network = CubaModel.build(neurons, 1);
            simulator = new Simulator(network);
            noInput = SpikeTrains.builder(1.0).build();
            clock = new ClockDrivenCuba(network, 1e-4);
        }
    }

    /** Synaptic events delivered, reported by JMH as a rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Events {
        public long synapticEvents;
        public long spikes;
    }

    @Benchmark
    public SimulationResult exactEventDriven(Cuba cuba, Events events) {
        SimulationResult r = cuba.simulator.run(cuba.noInput);
        SpikeRecord rec = r.record();
        events.spikes += rec.count();
        events.synapticEvents += synapticEvents(cuba.network, rec);
        return r;
    }

    @Benchmark
    public long baselineClockDriven(Cuba cuba, Events events) {
        long spikes = cuba.clock.run(1.0);
        events.spikes += spikes;
        events.synapticEvents += cuba.clock.lastSynapticEvents();
        return spikes;
    }

    static long synapticEvents(Network net, SpikeRecord rec) {
        long n = 0;
        for (int s = 0; s < rec.count(); s++) {
            int g = rec.neuron(s);
            int p = net.populationOf(g);
            for (int k = 0; k < net.outgoingCount(p); k++) {
                Projection pr = net.projection(net.outgoing(p, k));
                int i = g - net.offset(p);
                n += pr.rowStart(i + 1) - pr.rowStart(i);
            }
        }
        return n;
    }
}

package org.eventsnn.bench;

import java.util.concurrent.TimeUnit;
import org.eventsnn.core.engine.ParallelSimulator;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Sampler;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.experiments.cuba.CubaModel;
import org.eventsnn.experiments.microcircuit.MicrocircuitModel;
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
 * The multi-threaded engine ({@link ParallelSimulator}) at 1 and 2 threads, with two baselines
 * of the same run: its own 1-thread score, and the single-threaded global event queue
 * ({@link Simulator#withEventQueue}, the engine before it): the CUBA network (4000
 * neurons, p = 0.02, every delay 0.1 ms, stored synapses) for 1 s, and the cortical
 * microcircuit at scale 0.1 (procedural, normal delays with minimum 0.1 ms, Poisson drive)
 * for 0.1 s. Scores are runs per second of wall time (higher is better; for CUBA simulated
 * seconds per wall second, for the microcircuit ten times that); the auxiliary counter
 * {@code synapticEvents} reports synaptic events per second of wall time.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 4, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ParallelBenchmark {
    @State(Scope.Benchmark)
    public static class Networks {
        @Param({"1", "2"})
        public int threads;
        ParallelSimulator cuba;
        ParallelSimulator microcircuit;
        SpikeTrains oneSecond;
        SpikeTrains tenthOfASecond;

        @Setup(Level.Trial)
        public void build() {
            Network c = CubaModel.build(4000, 1, CubaModel.CONNECTION_PROBABILITY, 1e-4, false, Sampler.ZIGGURAT);
            cuba = new ParallelSimulator(c, threads, Long.MAX_VALUE);
            microcircuit = new ParallelSimulator(MicrocircuitModel.build(0.1, 1, false), threads, Long.MAX_VALUE);
            oneSecond = SpikeTrains.builder(1.0).build();
            tenthOfASecond = SpikeTrains.builder(0.1).build();
        }
    }

    /** The same two networks on the single-threaded global queue ({@code Simulator.withEventQueue}). */
    @State(Scope.Benchmark)
    public static class Queue {
        Simulator cuba;
        Simulator microcircuit;
        SpikeTrains oneSecond;
        SpikeTrains tenthOfASecond;

        @Setup(Level.Trial)
        public void build() {
            cuba = Simulator.withEventQueue(CubaModel.build(4000, 1, CubaModel.CONNECTION_PROBABILITY, 1e-4, false, Sampler.ZIGGURAT));
            microcircuit = Simulator.withEventQueue(MicrocircuitModel.build(0.1, 1, false));
            oneSecond = SpikeTrains.builder(1.0).build();
            tenthOfASecond = SpikeTrains.builder(0.1).build();
        }
    }

    /** Synaptic events delivered, reported by JMH as a rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Events {
        public long synapticEvents;
    }

    @Benchmark
    public SimulationResult cubaOneSecond(Networks n, Events events) {
        SimulationResult r = n.cuba.run(n.oneSecond);
        events.synapticEvents += n.cuba.synapticEventCount();
        return r;
    }

    @Benchmark
    public SimulationResult cubaOneSecondOnTheGlobalQueue(Queue q, Events events) {
        SimulationResult r = q.cuba.run(q.oneSecond);
        events.synapticEvents += q.cuba.synapticEventCount();
        return r;
    }

    @Benchmark
    public SimulationResult microcircuitTenthOfASecondOnTheGlobalQueue(Queue q, Events events) {
        SimulationResult r = q.microcircuit.run(q.tenthOfASecond);
        events.synapticEvents += q.microcircuit.synapticEventCount();
        return r;
    }

    @Benchmark
    public SimulationResult microcircuitTenthOfASecond(Networks n, Events events) {
        SimulationResult r = n.microcircuit.run(n.tenthOfASecond);
        events.synapticEvents += n.microcircuit.synapticEventCount();
        return r;
    }
}

package org.eventsnn.bench;

import java.util.concurrent.TimeUnit;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.datasets.LabelledSpikes;
import org.eventsnn.datasets.YinYang;
import org.eventsnn.experiments.train.Presets;
import org.eventsnn.experiments.train.Trainer;
import org.eventsnn.experiments.train.TrainingConfig;
import org.eventsnn.experiments.train.YinYangTask;
import org.eventsnn.gradients.BatchGradients;
import org.eventsnn.gradients.BatchResult;
import org.eventsnn.gradients.EventProp;
import org.eventsnn.gradients.FastAndDeep;
import org.eventsnn.gradients.Gradients;
import org.eventsnn.gradients.SpikeTimeLoss;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward + backward of Yin-Yang samples through the presets' networks (fastdeep: 5-120-3
 * single-spike, eventprop: 5-200-3 multi-spike), one sample at a time and as a batch of 150 on
 * one thread, as training runs them (forward stopped once every output neuron has fired), at the
 * initial weights (seed 1) or at those of the preset's full training run ({@link TrainedWeights}).
 * The baseline in the same run is the forward pass alone over the whole window; the same forward
 * passes on the general event-queue engine show what the layered feed-forward engine gains, and
 * batches on layer kernels what training runs since 2026-12-07 (issue 21's per-sample figure:
 * {@link #batchOf150OnLayerKernels} / 150).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class YinYangStepBenchmark {
    @State(Scope.Thread)
    public static class Setup1 {
        @Param({"fastdeep", "eventprop"})
        public String preset;
        /** {@code initial} (seed 1) or {@code trained} (the preset's full run, seed 0). */
        @Param({"initial", "trained"})
        public String weights;
        Network net;
        Simulator simulator;
        Simulator queue;
        SpikeTrains[] inputs;
        int[] labels;
        int[] batch;
        SpikeTimeLoss loss;
        EventProp eventProp = new EventProp();
        FastAndDeep fastAndDeep = new FastAndDeep();
        BatchGradients batches;
        /** As training runs them since 2026-12-07: Fast and Deep's networks on layer kernels. */
        BatchGradients kernelBatches;
        int next;

        @Setup(Level.Trial)
        public void build() {
            TrainingConfig config = Presets.get(preset);
            YinYangTask task = new YinYangTask(config);
            net = weights.equals("trained") ? TrainedWeights.of(preset) : task.initialNetwork(1);
            simulator = new Simulator(net);
            queue = Simulator.withEventQueue(net);
            LabelledSpikes data = task.data(YinYang.Split.TRAIN);
            inputs = new SpikeTrains[data.sampleCount()];
            labels = new int[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = data.input(i);
                labels[i] = data.label(i);
            }
            batch = new int[150];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = i;
            }
            loss = task.loss();
            batches = new BatchGradients(1, task::newMethod);
            kernelBatches = new BatchGradients(1, task::newMethod, Trainer.forYinYang(config, 1, 1).trainingPass())
                    .withLayerKernels();
            if (config.number("maxNeuronGradient") > 0) { // as Trainer sets it
                kernelBatches.dropLargeNeuronGradients(config.number("maxNeuronGradient"));
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            batches.close();
            kernelBatches.close();
        }

        SpikeTrains nextInput() {
            next = (next + 1) % 150;
            return inputs[next];
        }
    }

    @Benchmark
    public SimulationResult baselineForwardOnly(Setup1 s) {
        return s.simulator.run(s.nextInput());
    }

    /** The baseline's work on the general event-queue engine. */
    @Benchmark
    public SimulationResult queueForwardOnly(Setup1 s) {
        return s.queue.run(s.nextInput());
    }

    /** {@link #forwardUntilOutputsFired} on the general event-queue engine. */
    @Benchmark
    public SimulationResult queueForwardUntilOutputsFired(Setup1 s) {
        return s.queue.runUntilAllFired(s.nextInput(), YinYangTask.OUTPUT_INDEX);
    }

    /** The forward pass as training runs it: stopped once every output neuron has fired. */
    @Benchmark
    public SimulationResult forwardUntilOutputsFired(Setup1 s) {
        return s.simulator.runUntilAllFired(s.nextInput(), YinYangTask.OUTPUT_INDEX);
    }

    @Benchmark
    public Gradients forwardBackwardEventProp(Setup1 s) {
        SimulationResult r = s.simulator.runUntilAllFired(s.nextInput(), YinYangTask.OUTPUT_INDEX);
        return s.eventProp.compute(r, YinYangTask.OUTPUT_INDEX, s.loss, s.labels[s.next]);
    }

    @Benchmark
    public Gradients forwardBackwardFastAndDeep(Setup1 s) {
        if (!s.preset.equals("fastdeep")) {
            return null;
        }
        SimulationResult r = s.simulator.runUntilAllFired(s.nextInput(), YinYangTask.OUTPUT_INDEX);
        return s.fastAndDeep.compute(r, YinYangTask.OUTPUT_INDEX, s.loss, s.labels[s.next]);
    }

    /** A batch of 150 samples on one thread (divide by 150 for per-sample time). */
    @Benchmark
    public BatchResult batchOf150(Setup1 s) {
        return s.batches.run(s.net, s.inputs, s.labels, s.batch, YinYangTask.OUTPUT_INDEX, s.loss);
    }

    /**
     * {@link #batchOf150} as training runs it: on layer kernels with the preset's gradient method
     * on their state (any sample they do not take on the queue), the training run's forward pass
     * and gradient limit.
     */
    @Benchmark
    public BatchResult batchOf150OnLayerKernels(Setup1 s) {
        return s.kernelBatches.run(s.net, s.inputs, s.labels, s.batch, YinYangTask.OUTPUT_INDEX, s.loss);
    }
}

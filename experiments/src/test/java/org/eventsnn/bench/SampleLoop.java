package org.eventsnn.bench;

import java.nio.file.Path;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.experiments.train.Presets;
import org.eventsnn.experiments.train.YinYangTask;
import org.eventsnn.gradients.GradientMethod;
import org.eventsnn.gradients.SpikeTimeLoss;

/**
 * A training sample's work and nothing else, for a profiler to watch: the forward pass stopped
 * once every output has fired and the preset's gradient method, over the first 1000 training
 * samples again and again on one thread for a given number of seconds, at the preset's initial
 * weights (seed 1) or a model's. Usage: {@code SampleLoop PRESET SECONDS [MODEL.json]}; run it
 * under Java Flight Recorder as docs/throughput.md shows, and read the recording with
 * {@link JfrHotMethods}.
 */
public final class SampleLoop {
    private SampleLoop() {
    }

    /** Loops preset {@code args[0]}'s samples for {@code args[1]} seconds; prints the samples done. */
    public static void main(String[] args) {
        String preset = args[0];
        long nanos = (long) (Double.parseDouble(args[1]) * 1e9);
        YinYangTask task = new YinYangTask(Presets.get(preset));
        Network net = args.length > 2 ? ModelFiles.read(Path.of(args[2])) : task.initialNetwork(1);
        Simulator simulator = new Simulator(net);
        GradientMethod method = task.newMethod().withoutSynapseDelayGradients(); // as training without delay learning
        SpikeTimeLoss loss = task.loss();
        TrainingSamples train = TrainingSamples.first(task, 1000);
        SpikeTrains[] inputs = train.inputs();
        int[] labels = train.labels();
        int n = inputs.length;
        long start = System.nanoTime();
        long samples = 0;
        double sink = 0;
        while (System.nanoTime() - start < nanos) {
            for (int i = 0; i < n; i++) {
                SimulationResult res = simulator.runUntilAllFired(inputs[i], YinYangTask.OUTPUT_INDEX);
                sink += method.compute(res, YinYangTask.OUTPUT_INDEX, loss, labels[i]).loss();
                simulator.recycle(res);
            }
            samples += n;
        }
        System.out.printf("%s: %d samples (%s)%n", preset, samples, sink != 0 ? "ok" : "-");
    }
}

package org.eventsnn.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.engine.SpikesOnlySimulator;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.experiments.train.Presets;
import org.eventsnn.experiments.train.YinYangTask;
import org.eventsnn.gradients.GradientMethod;
import org.eventsnn.gradients.SpikeTimeLoss;

/**
 * CPU time per Yin-Yang sample, forward (stopped once every output has fired, as training runs
 * it), the same for spikes only (as evaluation runs it; builds without {@code SpikesOnlySimulator}
 * leave it out) and forward plus the preset's gradient method, stopped so and over the whole window (as
 * training with weight bumping ran it), at the preset's initial weights (seed 1) or a model's,
 * on one thread. It reads the thread's CPU time rather than the clock, so a machine busy with
 * other work (which stretches wall times, and so JMH's scores) changes it much less; it is no
 * substitute for {@link YinYangStepBenchmark} on a quiet machine. Usage:
 * {@code SampleCpuTime PRESET [ROUNDS [MODEL]]}: warms up for 5 rounds over the first 1000
 * training samples, then prints the median over ROUNDS (default 7) rounds; with MODEL (a
 * {@code model.json}, e.g. a trained one) at its weights instead of the initial ones.
 */
public final class SampleCpuTime {
    private SampleCpuTime() {
    }

    /** True if the build measured has {@code SpikesOnlySimulator} (older builds, measured as baselines, do not). */
    private static boolean hasSpikesOnlySimulator() {
        try {
            Class.forName("org.eventsnn.core.engine.SpikesOnlySimulator");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Forward passes for spikes only, stopped once every output has fired, as evaluation runs them. */
    private static final class SpikesOnly {
        private final SpikesOnlySimulator simulator;

        SpikesOnly(Network net) {
            simulator = new SpikesOnlySimulator(net);
        }

        /** Runs every input; returns the spike count, so that nothing is optimised away. */
        double run(SpikeTrains[] inputs) {
            double sink = 0;
            for (SpikeTrains in : inputs) {
                SimulationResult res = simulator.runUntilAllFired(in, YinYangTask.OUTPUT_INDEX);
                sink += res.record().count();
                simulator.recycle(res);
            }
            return sink;
        }
    }

    /** Prints the figures for preset {@code args[0]}. */
    public static void main(String[] args) {
        String preset = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        YinYangTask task = new YinYangTask(Presets.get(preset));
        Network net = args.length > 2 ? ModelFiles.read(Path.of(args[2])) : task.initialNetwork(1);
        Simulator simulator = new Simulator(net);
        GradientMethod method = task.newMethod().withoutSynapseDelayGradients(); // as training without delay learning
        SpikeTimeLoss loss = task.loss();
        TrainingSamples train = TrainingSamples.first(task, 1000);
        SpikeTrains[] inputs = train.inputs();
        int[] labels = train.labels();
        int n = inputs.length;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] forward = new double[rounds];
        double[] both = new double[rounds];
        double[] whole = new double[rounds];
        double[] spikesOnly = new double[rounds];
        boolean unlogged = hasSpikesOnlySimulator();
        SpikesOnly evaluation = unlogged ? new SpikesOnly(net) : null;
        double sink = 0;
        for (int r = -5; r < rounds; r++) {
            long ts = cpu.getCurrentThreadCpuTime();
            if (unlogged) {
                sink += evaluation.run(inputs);
            }
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                SimulationResult res = simulator.runUntilAllFired(inputs[i], YinYangTask.OUTPUT_INDEX);
                sink += res.record().count();
                simulator.recycle(res);
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                SimulationResult res = simulator.runUntilAllFired(inputs[i], YinYangTask.OUTPUT_INDEX);
                sink += method.compute(res, YinYangTask.OUTPUT_INDEX, loss, labels[i]).loss();
                simulator.recycle(res);
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                SimulationResult res = simulator.run(inputs[i]);
                sink += method.compute(res, YinYangTask.OUTPUT_INDEX, loss, labels[i]).loss();
                simulator.recycle(res);
            }
            long t3 = cpu.getCurrentThreadCpuTime();
            if (r >= 0) {
                forward[r] = (t1 - t0) / 1e3 / n;
                both[r] = (t2 - t1) / 1e3 / n;
                whole[r] = (t3 - t2) / 1e3 / n;
                spikesOnly[r] = (t0 - ts) / 1e3 / n;
            }
        }
        java.util.Arrays.sort(spikesOnly);
        if (unlogged) {
            System.out.printf("%s: forward for spikes only (evaluation) %.1f us CPU per sample%n", preset,
                    spikesOnly[rounds / 2]);
        }
        java.util.Arrays.sort(forward);
        java.util.Arrays.sort(both);
        java.util.Arrays.sort(whole);
        System.out.printf("%s: forward %.1f us, forward + %s %.1f us, both over the whole window %.1f us CPU per"
                + " sample (median of %d rounds of %d; %s)%n", preset, forward[rounds / 2], method.name(),
                both[rounds / 2], whole[rounds / 2], rounds, n, sink != 0 ? "ok" : "-");
    }
}

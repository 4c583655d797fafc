package org.eventsnn.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.experiments.train.Presets;
import org.eventsnn.experiments.train.YinYangTask;
import org.eventsnn.hardware.ChipConfig;
import org.eventsnn.hardware.MockAnalogChip;

/**
 * CPU time per replay of chip-in-the-loop training ({@link Simulator#replay}) on one engine: the
 * event queue ({@link Simulator#withEventQueue}, {@code queue}) or the simulator's own choice
 * ({@code chosen}: the layered engine for Yin-Yang models since 2026-12-07). The first 1000
 * training samples run on the default chip ({@code --chip-seed 1}) at the preset's initial
 * weights (seed 1) or a model's; their observed spikes are then replayed on the model with the
 * chip's quantized weights, as {@code InTheLoop} does. One engine per process, since the two
 * share code whose compilation each would bend to its own use: compare processes run in turns.
 * Reads the thread's CPU time, so other work on the machine changes it less than wall time.
 * Usage: {@code ReplayCpuTime PRESET queue|chosen [ROUNDS [MODEL]]}: warms up for 30 rounds
 * (a round is only some 30 ms; with 5, the JIT was still compiling on a busy machine and the
 * figures of one build moved by a factor three), then prints the fastest and the median of
 * ROUNDS (default 30) rounds.
 */
public final class ReplayCpuTime {
    /** Rounds run before the measured ones. */
    private static final int WARM_UP = 30;

    private ReplayCpuTime() {
    }

    /** Prints the figure for preset {@code args[0]} on engine {@code args[1]}. */
    public static void main(String[] args) {
        String preset = args[0];
        boolean onQueue = switch (args[1]) {
            case "queue" -> true;
            case "chosen" -> false;
            default -> throw new IllegalArgumentException("engine: queue or chosen, got " + args[1]);
        };
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        YinYangTask task = new YinYangTask(Presets.get(preset));
        Network net = args.length > 3 ? ModelFiles.read(Path.of(args[3])) : task.initialNetwork(1);
        MockAnalogChip chip = new MockAnalogChip(ChipConfig.builder(1).build());
        chip.prepare(net, 0);
        Network model = chip.realisedWeights(net);
        SpikeTrains[] inputs = TrainingSamples.first(task, 1000).inputs();
        int n = inputs.length;
        SpikeTrains[] observed = new SpikeTrains[n];
        for (int i = 0; i < n; i++) {
            observed[i] = chip.run(net, inputs[i], i);
        }
        double noise = chip.thresholdNoise();
        Simulator simulator = onQueue ? Simulator.withEventQueue(model) : new Simulator(model);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] perSample = new double[rounds];
        double sink = 0;
        for (int r = -WARM_UP; r < rounds; r++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                SimulationResult res = simulator.replay(inputs[i], observed[i], noise);
                sink += res.record().eventCount();
                simulator.recycle(res);
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            if (r >= 0) {
                perSample[r] = (t1 - t0) / 1e3 / n;
            }
        }
        Arrays.sort(perSample);
        System.out.printf("%s: replay on %s %.1f us CPU per sample, fastest round (median %.1f us; %d rounds of %d;"
                + " %s)%n", preset, onQueue ? "the event queue" : "the simulator's choice", perSample[0],
                perSample[rounds / 2], rounds, n, sink != 0 ? "ok" : "-");
    }
}

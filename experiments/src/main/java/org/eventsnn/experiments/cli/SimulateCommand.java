package org.eventsnn.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.core.io.FormatException;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.io.SpikeFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eventsnn simulate}: runs a model on input spikes and writes every LIF population's spikes. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate a model exactly on input spikes; write all LIF spikes (time order, ties by neuron).")
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model file (eventsnn-model JSON).")
    Path model;

    @Option(names = "--input", required = true, description = "Input spike file (eventsnn-spikes JSON).")
    Path input;

    @Option(names = "--output", required = true, description = "Output spike file, written atomically.")
    Path output;

    @Option(names = "--duration", description = "Simulated time in seconds (default: the input file's duration).")
    Double duration;

    @Option(names = "--stats", description = "Also write run statistics (events, spikes and rate per population,"
            + " wall time, threads, peak memory) to this JSON file, atomically.")
    Path stats;

    @Option(names = "--record", split = ",", paramLabel = "POP",
            description = "Write the spikes of these LIF populations only (comma-separated; default: all).")
    java.util.List<String> record;

    @Override
    public Integer call() throws Exception {
        Network network = ModelFiles.read(model);
        SpikeTrains spikes = SpikeFiles.read(input);
        if (duration != null) {
            if (!(duration >= 0) || duration.isInfinite()) {
                throw new IllegalArgumentException("--duration must be a finite number >= 0, got " + duration);
            }
            try {
                spikes = spikes.withDuration(duration);
            } catch (IllegalArgumentException e) {
                throw new FormatException(input + ": " + e.getMessage() + " (--duration " + duration + ")");
            }
        }
        try {
            spikes.requireInputOf(network);
        } catch (IllegalArgumentException e) {
            throw new FormatException(input + ": " + e.getMessage() + " (model " + model + ")");
        }
        if (record != null) {
            RunStatistics.requireLifPopulations(network, record);
        }
        // the event queue counts every event; the layered engine (feed-forward models) does not, same spikes
        Simulator simulator = stats == null ? new Simulator(network) : Simulator.withEventQueue(network);
        long start = System.nanoTime();
        SimulationResult result = simulator.run(spikes);
        double wall = (System.nanoTime() - start) * 1e-9;
        SpikeTrains all = result.spikes();
        SpikeTrains written = record == null ? all : RunStatistics.only(network, all, record);
        if (stats != null) {
            org.eventsnn.core.io.Json.write(stats, RunStatistics.of(network, all, simulator.synapticEventCount(),
                    simulator.driveEventCount(), wall, 1));
        }
        SpikeFiles.write(written, output);
        return 0;
    }
}

package org.eventsnn.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.core.io.FormatException;
import org.eventsnn.core.io.nir.ModelLoader;
import org.eventsnn.core.io.SpikeFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eventsnn simulate}: runs a model on input spikes and writes every LIF population's spikes. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate a model exactly on input spikes; write all LIF spikes (time order, ties by neuron).")
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model file (eventsnn-model JSON, or NIR recognised by its HDF5 signature).")
    Path model;

    @Option(names = "--input", required = true, description = "Input spike file (eventsnn-spikes JSON).")
    Path input;

    @Option(names = "--output", required = true, description = "Output spike file, written atomically.")
    Path output;

    @Option(names = "--duration", description = "Simulated time in seconds (default: the input file's duration).")
    Double duration;

    @Override
    public Integer call() throws Exception {
        Network network = ModelLoader.read(model);
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
        SimulationResult result = new Simulator(network).run(spikes);
        SpikeFiles.write(result.spikes(), output);
        return 0;
    }
}

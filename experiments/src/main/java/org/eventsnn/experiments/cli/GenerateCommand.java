package org.eventsnn.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.experiments.cuba.CubaModel;
import org.eventsnn.experiments.microcircuit.MicrocircuitModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code eventsnn generate cuba|microcircuit}: writes a benchmark model so that other simulators
 * can run the same network.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a benchmark model file. Networks: cuba (Brette et al. 2007, benchmark 2),"
                + " microcircuit (Potjans and Diesmann 2014, as NEST's example; docs/scale.md).")
final class GenerateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NETWORK", description = "Which network: cuba or microcircuit.")
    String network;

    @Option(names = "--neurons", defaultValue = "4000", description = "Number of neurons (default ${DEFAULT-VALUE}).")
    int neurons;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of initial potentials and connectivity (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--explicit", description = "Write every synapse as a connection list instead of the random generator's settings.")
    boolean explicit;

    @Option(names = "--output", required = true, description = "Model file to write (atomically).")
    Path output;

    @Option(names = "--probability", description = "cuba: connection probability (default 0.02).")
    Double probability;

    @Option(names = "--delay", description = "cuba: delay of every synapse in seconds (default 0).")
    Double delay;

    @Option(names = "--procedural", description = "cuba: procedural projections (generated, never stored).")
    boolean procedural;

    @Option(names = "--scale", description = "microcircuit: neuron counts and in-degrees times F, in (0, 1]"
            + " (default 1, the full network).")
    Double scale;

    @Option(names = "--store", description = "microcircuit: materialise the procedural synapses in the file's model.")
    boolean store;

    @Override
    public Integer call() throws Exception {
        if ("microcircuit".equals(network)) {
            if (probability != null || delay != null || procedural || explicit) {
                throw new IllegalArgumentException("--probability, --delay, --procedural and --explicit apply to cuba");
            }
            Json.write(output, ModelFiles.toJson(MicrocircuitModel.build(scale == null ? 1 : scale, seed, store)));
            return 0;
        }
        if (!"cuba".equals(network)) {
            throw new IllegalArgumentException("unknown network '" + network + "', expected: cuba or microcircuit");
        }
        if (scale != null || store) {
            throw new IllegalArgumentException("--scale and --store apply to microcircuit");
        }
        if (procedural && explicit) {
            throw new IllegalArgumentException("--procedural and --explicit exclude each other");
        }
        Json.write(output, ModelFiles.toJson(CubaModel.build(neurons, seed,
                probability == null ? CubaModel.CONNECTION_PROBABILITY : probability, delay == null ? 0 : delay,
                procedural), explicit));
        return 0;
    }
}

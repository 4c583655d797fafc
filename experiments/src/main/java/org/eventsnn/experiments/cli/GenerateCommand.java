package org.eventsnn.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.MemoryEstimate;
import org.eventsnn.core.model.ProceduralConnectivity;
import org.eventsnn.core.model.Sampler;
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

    /** Three JSON number nodes and their list entries per synapse in an explicit connection list. */
    private static final long EXPLICIT_JSON_BYTES_PER_SYNAPSE = 80;

    @Option(names = "--neurons", description = "cuba: number of neurons (default 4000).")
    Integer neurons;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of initial potentials and connectivity (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--explicit", description = "Write every synapse as a connection list instead of the random generator's settings.")
    boolean explicit;

    @Option(names = "--output", required = true, description = "Model file to write (atomically); - writes to standard output.")
    Path output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

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

    @Option(names = "--precision", paramLabel = "float64|float32", description = "microcircuit: precision of the"
            + " synapses' weights and delays (default float64; float32 rounds each to the nearest float32 value, 4"
            + " bytes per stored value).")
    String precision;

    @Option(names = "--sampler", paramLabel = "ziggurat|inversion", description = "microcircuit, and cuba with"
            + " --procedural: how the generated synapses and the Poisson drive draw their random values (default"
            + " ziggurat; inversion gives the models of eventsnn before 2026-12-07: docs/scale.md).")
    String sampler;

    @Override
    public Integer call() throws Exception {
        if ("microcircuit".equals(network)) {
            if (neurons != null || probability != null || delay != null || procedural || explicit) {
                throw new IllegalArgumentException("--neurons, --probability, --delay, --procedural and --explicit apply"
                        + " to cuba (the microcircuit's sizes come from --scale)");
            }
            Sampler draws = sampler();
            ProceduralConnectivity.Precision values = ProceduralConnectivity.Precision.FLOAT64;
            if (precision != null) {
                values = ProceduralConnectivity.Precision.ofFieldValue(precision);
                if (values == null) {
                    throw new IllegalArgumentException("--precision must be float64 or float32, got '" + precision + "'");
                }
            }
            OutputFile.check(output);
            OutputFile.write(output, Json.content(ModelFiles.toJson(
                    MicrocircuitModel.build(scale == null ? 1 : scale, seed, store, values, draws))),
                    spec.commandLine().getOut());
            return 0;
        }
        if (!"cuba".equals(network)) {
            throw new IllegalArgumentException("unknown network '" + network + "', expected: cuba or microcircuit");
        }
        if (scale != null || store || precision != null) {
            throw new IllegalArgumentException("--scale, --store and --precision apply to microcircuit");
        }
        if (procedural && explicit) {
            throw new IllegalArgumentException("--procedural and --explicit exclude each other");
        }
        if (sampler != null && !procedural) {
            throw new IllegalArgumentException("--sampler applies to microcircuit and to cuba with --procedural");
        }
        Sampler draws = sampler();
        int neurons = this.neurons == null ? 4000 : this.neurons;
        if (neurons < 2) {
            throw new IllegalArgumentException("--neurons must be >= 2, got " + neurons);
        }
        OutputFile.check(output);
        double p = probability == null ? CubaModel.CONNECTION_PROBABILITY : probability;
        // a stored network is drawn in full to be written; explicit lists add a JSON tree of every synapse
        double synapses = procedural ? 0 : (double) neurons * neurons * p;
        MemoryEstimate.requireFits("generate cuba --neurons " + neurons, synapses, MemoryEstimate.bytes(neurons, synapses,
                MemoryEstimate.BYTES_PER_SYNAPSE + (explicit ? EXPLICIT_JSON_BYTES_PER_SYNAPSE : 0)));
        OutputFile.write(output, Json.content(ModelFiles.toJson(
                CubaModel.build(neurons, seed, p, delay == null ? 0 : delay, procedural, draws), explicit)),
                spec.commandLine().getOut());
        return 0;
    }

    /** The --sampler given, ziggurat by default. */
    private Sampler sampler() {
        if (sampler == null) {
            return Sampler.ZIGGURAT;
        }
        Sampler s = Sampler.ofFieldValue(sampler);
        if (s == null) {
            throw new IllegalArgumentException("--sampler must be ziggurat or inversion, got '" + sampler + "'");
        }
        return s;
    }
}

package org.eventsnn.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.MemoryEstimate;
import org.eventsnn.experiments.cuba.CubaModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eventsnn generate cuba}: writes a benchmark model so that other simulators can run the same network. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a benchmark model file. Networks: cuba (Brette et al. 2007, benchmark 2).")
final class GenerateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NETWORK", description = "Which network: cuba.")
    String network;

    /** Three JSON number nodes and their list entries per synapse in an explicit connection list. */
    private static final long EXPLICIT_JSON_BYTES_PER_SYNAPSE = 80;

    @Option(names = "--neurons", defaultValue = "4000", description = "Number of neurons (default ${DEFAULT-VALUE}).")
    int neurons;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of initial potentials and connectivity (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--explicit", description = "Write every synapse as a connection list instead of the random generator's settings.")
    boolean explicit;

    @Option(names = "--output", required = true, description = "Model file to write (atomically); - writes to standard output.")
    Path output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!"cuba".equals(network)) {
            throw new IllegalArgumentException("unknown network '" + network + "', expected: cuba");
        }
        if (neurons < 2) {
            throw new IllegalArgumentException("--neurons must be >= 2, got " + neurons);
        }
        OutputFile.check(output);
        // the network is drawn in full to be written; explicit lists add a JSON tree of every synapse
        double synapses = (double) neurons * neurons * CubaModel.CONNECTION_PROBABILITY;
        MemoryEstimate.requireFits("generate cuba --neurons " + neurons, synapses, MemoryEstimate.bytes(neurons, synapses,
                MemoryEstimate.BYTES_PER_SYNAPSE + (explicit ? EXPLICIT_JSON_BYTES_PER_SYNAPSE : 0)));
        OutputFile.write(output, Json.content(ModelFiles.toJson(CubaModel.build(neurons, seed), explicit)),
                spec.commandLine().getOut());
        return 0;
    }
}

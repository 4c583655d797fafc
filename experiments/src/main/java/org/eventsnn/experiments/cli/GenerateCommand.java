package org.eventsnn.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.ModelFiles;
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
        OutputFile.check(output);
        OutputFile.write(output, Json.content(ModelFiles.toJson(CubaModel.build(neurons, seed), explicit)),
                spec.commandLine().getOut());
        return 0;
    }
}

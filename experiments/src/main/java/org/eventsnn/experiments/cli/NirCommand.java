package org.eventsnn.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.io.nir.ModelLoader;
import org.eventsnn.core.io.nir.NirExport;
import org.eventsnn.core.io.nir.NirImport;
import org.eventsnn.core.model.Network;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eventsnn nir import|export}: converts between NIR files and eventsnn model files (docs/nir.md). */
@Command(name = "nir", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "(import | export)",
        subcommands = {NirCommand.Import.class, NirCommand.Export.class},
        description = "Convert between the Neuromorphic Intermediate Representation (NIR, HDF5) and eventsnn models.")
final class NirCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "nir needs a subcommand: import or export");
    }

    private static void warn(CommandSpec spec, String message) {
        spec.commandLine().getErr().println("eventsnn: warning: " + message);
    }

    /** {@code eventsnn nir import --input net.nir --output model.json}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Read a NIR graph and write it as an eventsnn model file (one population per Input, CubaLIF, LIF, IF, LI, CubaLI or I node).")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--input", required = true, description = "NIR file (HDF5).")
        Path input;

        @Option(names = "--output", required = true, description = "Model file (eventsnn-model JSON), written atomically;"
                + " - writes to standard output.")
        Path output;

        @Override
        public Integer call() throws Exception {
            OutputFile.check(output);
            Network net = NirImport.read(input, w -> warn(spec, w));
            OutputFile.write(output, org.eventsnn.core.io.Json.content(ModelFiles.toJson(net)), spec.commandLine().getOut());
            return 0;
        }
    }

    /** {@code eventsnn nir export --model model.json --output net.nir [--lossy]}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write an eventsnn model (JSON or NIR) as a NIR graph: Input, CubaLIF, LIF, IF, LI, CubaLI, I, Linear, Delay, Output.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", required = true, description = "Model file (eventsnn-model JSON or NIR).")
        Path model;

        @Option(names = "--output", required = true, description = "NIR file (HDF5), written atomically.")
        Path output;

        @Option(names = "--lossy", description = "Write features NIR cannot express (refractory period, receptors with"
                + " different time constants, initial potentials) without them, warning once per feature; they are kept"
                + " in the nodes' eventsnn metadata, which 'nir import' reads back.")
        boolean lossy;

        @Override
        public Integer call() throws Exception {
            if (OutputFile.isStdout(output)) {
                throw new IllegalArgumentException("--output -: a NIR file is binary (HDF5), give a file name");
            }
            OutputFile.check(output);
            Network net = ModelLoader.read(model, w -> warn(spec, w));
            NirExport.write(net, output, lossy, w -> warn(spec, w));
            return 0;
        }
    }
}

package org.eventsnn.experiments.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.experiments.train.Presets;
import org.eventsnn.experiments.train.TrainingConfig;
import org.eventsnn.experiments.train.YinYangTask;
import org.eventsnn.hardware.Calibration;
import org.eventsnn.hardware.MockAnalogChip;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eventsnn calibrate}: estimates each chip neuron's parameters from probe stimuli. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Estimate every neuron's parameters (leak, tauMem, tauSyn, threshold, reset) and the readout offset"
                + " of a chip from probe stimuli; write them as JSON (format eventsnn-calibration).")
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ChipOptions chip;

    @Option(names = "--backend", defaultValue = "mock-analog",
            description = "Where to calibrate: mock-analog, the only backend with a chip (default ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--preset", defaultValue = "fastdeep", description = "Neuron parameters to configure (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--neurons", description = "Neurons to calibrate (default: the preset's network, hidden + 3).")
    Integer neurons;

    @Option(names = "--output", required = true, description = "Calibration file, written atomically; - writes to standard output.")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (!ChipOptions.onChip(backend)) {
            throw new IllegalArgumentException("--backend " + backend + ": calibrate needs a chip, --backend mock-analog");
        }
        OutputFile.check(output);
        TrainingConfig config = Presets.get(preset);
        NeuronParameters nominal = new YinYangTask(config).neuronParameters();
        int n = neurons == null ? config.integer("hidden") + 3 : neurons;
        if (n < 1 || n > chip.chip().neuronsPerChip) {
            throw new IllegalArgumentException("--neurons must be in [1, " + chip.chip().neuronsPerChip + "], got " + n);
        }
        Calibration c = Calibration.measure(new MockAnalogChip(chip.chip()), nominal, n);
        OutputFile.write(output, org.eventsnn.core.io.Json.content(c.toJson()), spec.commandLine().getOut());
        java.io.PrintWriter status = OutputFile.statusStream(output, spec.commandLine());
        status.printf(Locale.ROOT, "calibrated %d neurons of chip %d, readout offset %.4f us -> %s%n",
                n, chip.chipSeed, c.readoutOffsetMicros(), OutputFile.isStdout(output) ? "standard output" : output);
        status.flush();
        return 0;
    }
}

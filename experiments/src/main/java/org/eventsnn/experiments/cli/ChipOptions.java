package org.eventsnn.experiments.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.gradients.ForwardPass;
import org.eventsnn.hardware.Calibration;
import org.eventsnn.hardware.ChipConfig;
import org.eventsnn.hardware.InTheLoop;
import org.eventsnn.hardware.MockAnalogChip;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The emulated chip's options: --chip-seed and the chip's noise and weight settings. */
final class ChipOptions {
    private static final List<String> NAMES = List.of("--chip-seed", "--mismatch", "--weight-scale", "--threshold-noise",
            "--jitter");

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--chip-seed", defaultValue = "1", description = "Which emulated chip (its fixed-pattern noise) (default ${DEFAULT-VALUE}).")
    long chipSeed;

    @Option(names = "--mismatch", defaultValue = "0.05", description = "Chip fixed-pattern relative sigma (default ${DEFAULT-VALUE}).")
    double mismatch;

    @Option(names = "--weight-scale", defaultValue = "0.1", description = "Model weight of one chip weight step (default ${DEFAULT-VALUE}); 6-bit weights span +-63 steps.")
    double weightScale;

    @Option(names = "--threshold-noise", defaultValue = "0.01", description = "Per-run relative threshold noise (default ${DEFAULT-VALUE}).")
    double thresholdNoise;

    @Option(names = "--jitter", defaultValue = "5e-6", description = "Spike-time jitter sigma, model seconds (default ${DEFAULT-VALUE}).")
    double jitter;

    ChipConfig chip() {
        return ChipConfig.builder(chipSeed).mismatch(mismatch).weightScale(weightScale).thresholdNoise(thresholdNoise)
                .jitter(jitter).build();
    }

    /** Refuses every chip option given on the command line: they do not apply to the software backend. */
    void refuseOnSoftware() {
        for (String name : NAMES) {
            if (command.commandLine().getParseResult().hasMatchedOption(name)) {
                throw new IllegalArgumentException(name + " applies only to --backend mock-analog (the software backend"
                        + " has no chip)");
            }
        }
    }

    /** The backend named by {@code backend}: true for mock-analog, false for software. */
    static boolean onChip(String backend) {
        switch (backend) {
            case "software":
                return false;
            case "mock-analog":
                return true;
            default:
                throw new IllegalArgumentException("--backend must be software or mock-analog, got " + backend);
        }
    }

    /**
     * The forward pass for training with {@code nominal} neuron parameters in the loop on this
     * chip, with the calibration in {@code calibration} (may be null).
     */
    ForwardPass forwardPass(NeuronParameters nominal, Path calibration) {
        Calibration c = null;
        if (calibration != null) {
            c = Calibration.read(calibration, nominal);
            if (c.chipSeed() != chipSeed) {
                throw new IllegalArgumentException("--calibration " + calibration + " is of chip " + c.chipSeed()
                        + ", not --chip-seed " + chipSeed);
            }
        }
        return onChip(chip(), c);
    }

    /** In the loop on {@code chip}, with a calibrated backward model and readout offset if {@code c} is given. */
    static ForwardPass onChip(ChipConfig chip, Calibration c) {
        if (c == null) {
            return new InTheLoop(new MockAnalogChip(chip));
        }
        UnaryOperator<Network> backward = c::applyTo;
        return new InTheLoop(new MockAnalogChip(chip, c.readoutOffsetMicros()), backward);
    }
}

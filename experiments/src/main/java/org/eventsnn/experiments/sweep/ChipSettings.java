package org.eventsnn.experiments.sweep;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.gradients.ForwardPass;
import org.eventsnn.hardware.Calibration;
import org.eventsnn.hardware.ChipConfig;
import org.eventsnn.hardware.InTheLoop;
import org.eventsnn.hardware.MockAnalogChip;

/**
 * Where a sweep's forward passes run, as {@code train}'s {@code --backend} options give it, in a
 * form a Spark task carries to its executor: software, or in the loop on an emulated chip
 * (with a calibration file, which every worker must be able to read).
 *
 * @param calibration a calibration file path, or null
 */
public record ChipSettings(String backend, long chipSeed, double mismatch, double weightScale, double thresholdNoise,
                           double jitter, String calibration) implements Serializable {
    /** Software forward passes. */
    public static final ChipSettings SOFTWARE = new ChipSettings("software", 1, 0.05, 0.1, 0.01, 5e-6, null);

    /** Checks the backend name; an unknown one, or a calibration without a chip, is refused. */
    public ChipSettings {
        if (!backend.equals("software") && !backend.equals("mock-analog")) {
            throw new IllegalArgumentException("--backend must be software or mock-analog, got " + backend);
        }
        if (backend.equals("software") && calibration != null) {
            throw new IllegalArgumentException("--calibration needs --backend mock-analog");
        }
    }

    /** Whether forward passes run on the emulated chip. */
    public boolean onChip() {
        return backend.equals("mock-analog");
    }

    /** The {@code task} field {@code train} writes into result.json for these settings. */
    String taskLabel() {
        return onChip() ? "yinyang on mock-analog chip " + chipSeed : "yinyang";
    }

    /** The chip. */
    ChipConfig chip() {
        return ChipConfig.builder(chipSeed).mismatch(mismatch).weightScale(weightScale).thresholdNoise(thresholdNoise)
                .jitter(jitter).build();
    }

    /** The forward pass for a network of {@code nominal} neurons, as {@code train} builds it. */
    ForwardPass forwardPass(NeuronParameters nominal) {
        if (!onChip()) {
            return ForwardPass.software();
        }
        if (calibration == null) {
            return new InTheLoop(new MockAnalogChip(chip()));
        }
        Calibration c = Calibration.read(Path.of(calibration), nominal);
        if (c.chipSeed() != chipSeed) {
            throw new IllegalArgumentException("--calibration " + calibration + " is of chip " + c.chipSeed()
                    + ", not --chip-seed " + chipSeed);
        }
        UnaryOperator<Network> backward = c::applyTo;
        return new InTheLoop(new MockAnalogChip(chip(), c.readoutOffsetMicros()), backward);
    }
}

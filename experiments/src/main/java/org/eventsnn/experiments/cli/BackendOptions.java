package org.eventsnn.experiments.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the forward passes of a training run: {@code --backend} and its {@code --calibration} (train, sweep). */
final class BackendOptions {
    @Option(names = "--backend", defaultValue = "software",
            description = "Where forward passes run: software or mock-analog (default ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--calibration", paramLabel = "C.json",
            description = "Calibration file (from 'eventsnn calibrate') for the backward model and readout offset;"
                    + " mock-analog only (default: none, the nominal model).")
    Path calibration;

    /**
     * True for the mock-analog chip; on the software backend the chip options and
     * {@code --calibration} are refused, since they would be ignored.
     */
    boolean onChip(ChipOptions chip) {
        boolean onChip = ChipOptions.onChip(backend);
        if (!onChip) {
            chip.refuseOnSoftware();
            if (calibration != null) {
                throw new IllegalArgumentException("--calibration applies only to --backend mock-analog");
            }
        }
        return onChip;
    }
}

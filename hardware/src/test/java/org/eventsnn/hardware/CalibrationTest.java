package org.eventsnn.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.eventsnn.core.NeuronParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibration recovers the chip's fixed-pattern parameters. Error budget (ADC noise 0.2 % of
 * the threshold-reset span, 5 us jitter): time constants within 3 %, threshold, leak and reset
 * within 2 % of the span, readout offset within 5 us of model time (0.005 hardware us at 1000x).
 */
class CalibrationTest {
    @TempDir
    Path dir;

    private static void check(NeuronParameters nominal, long chipSeed) throws Exception {
        MockAnalogChip chip = new MockAnalogChip(ChipConfig.builder(chipSeed).readoutOffsetSigma(0.05).build());
        Calibration c = Calibration.measure(chip, nominal, 6);
        double span = nominal.threshold() - nominal.reset();
        for (int slot = 0; slot < 6; slot++) {
            NeuronParameters truth = chip.realised(nominal, slot);
            NeuronParameters est = c.neuron(slot);
            assertEquals(truth.tauMem(), est.tauMem(), 0.03 * truth.tauMem(), "tauMem of slot " + slot);
            assertEquals(truth.receptorTau(0), est.receptorTau(0), 0.03 * truth.receptorTau(0), "tauSyn of slot " + slot);
            assertEquals(truth.threshold(), est.threshold(), 0.02 * span, "threshold of slot " + slot);
            assertEquals(truth.leak(), est.leak(), 0.02 * span, "leak of slot " + slot);
        }
        assertEquals(chip.readoutOffsetMicros(), c.readoutOffsetMicros(), 0.005);
    }

    @Test
    void recoversParametersForDistinctTimeConstants() throws Exception {
        check(NeuronParameters.builder().tauMem(0.02).tauSyn(0.005).threshold(1).build(), 3);
    }

    @Test
    void recoversParametersForEqualTimeConstants() throws Exception {
        check(NeuronParameters.builder().tauMem(0.005).tauSyn(0.005).threshold(1).refractory(1).build(), 4);
    }

    @Test
    void fileRoundTrip() throws Exception {
        NeuronParameters nominal = NeuronParameters.builder().tauMem(0.01).tauSyn(0.005).threshold(1).build();
        Calibration c = Calibration.measure(new MockAnalogChip(ChipConfig.builder(9).build()), nominal, 3);
        c.write(dir.resolve("c.json"));
        Calibration back = Calibration.read(dir.resolve("c.json"), nominal);
        assertEquals(c.readoutOffsetMicros(), back.readoutOffsetMicros(), 0.0);
        assertEquals(c.neuron(2), back.neuron(2));
    }
}

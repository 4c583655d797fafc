package org.eventsnn.experiments.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.datasets.YinYang;
import org.eventsnn.experiments.train.Trainer;
import org.eventsnn.experiments.train.TrainingConfig;
import org.eventsnn.experiments.train.YinYangTask;
import org.eventsnn.gradients.BatchGradients;
import org.eventsnn.hardware.ChipConfig;
import org.eventsnn.hardware.InTheLoop;
import org.eventsnn.hardware.MockAnalogChip;

/**
 * The hardware report's training runs as a sweep over three variants times the seeds: trained
 * in software ({@value #SOFTWARE}), in the loop on the chip ({@value #IN_THE_LOOP}) and in the
 * loop with the chip's calibration ({@value #CALIBRATED}); the report's fourth figure, the
 * software-trained model deployed to the chip, is evaluated from the software runs' models.
 */
public final class HardwareVariants {
    static final String SOFTWARE = "software";
    static final String IN_THE_LOOP = "in-the-loop";
    static final String CALIBRATED = "calibrated";

    private HardwareVariants() {
    }

    /**
     * The plan: seeds 0..seeds-1 of each variant into {@code dir/VARIANT/seed-N/}, every run
     * with {@code settings} applied to {@code preset}; {@code calibration} is the chip's
     * calibration file, written before.
     */
    public static SweepPlan plan(String preset, Map<String, String> settings, int seeds, int threadsPerTask,
                                 ChipSettings chip, Path calibration, Path dir, String software) {
        Map<String, ChipSettings> variants = new LinkedHashMap<>();
        variants.put(SOFTWARE, ChipSettings.SOFTWARE);
        variants.put(IN_THE_LOOP, chip);
        variants.put(CALIBRATED, new ChipSettings(chip.backend(), chip.chipSeed(), chip.mismatch(), chip.weightScale(),
                chip.thresholdNoise(), chip.jitter(), calibration.toAbsolutePath().toString()));
        return SweepPlan.builder("yinyang", preset, dir).set(settings).variants(variants).seeds(0, seeds)
                .threadsPerTask(threadsPerTask).software(software).build();
    }

    /**
     * Test accuracies at the last epoch, [variant][seed] in the report's order: (a) software,
     * (b) the software model deployed to {@code chip} (evaluated here on {@code threads}
     * threads), (c) in the loop, (d) calibrated.
     */
    public static double[][] accuracies(SweepPlan plan, List<RunRecord> records, ChipConfig chip, int threads)
            throws IOException {
        double[][] acc = new double[4][plan.seeds()];
        for (RunRecord r : records) {
            int row = switch (r.point().name()) {
                case SOFTWARE -> 0;
                case IN_THE_LOOP -> 2;
                default -> 3;
            };
            acc[row][(int) r.seed()] = r.testAccuracy();
        }
        for (RunSpec run : plan.runs()) {
            if (run.point().name().equals(SOFTWARE)) {
                TrainingConfig config = run.config();
                YinYangTask task = new YinYangTask(config);
                try (BatchGradients onChip = new BatchGradients(threads, task::newMethod, new InTheLoop(new MockAnalogChip(chip)))) {
                    acc[1][(int) run.seed()] = Trainer.evaluate(onChip, ModelFiles.read(run.dir().resolve("model.json")),
                            task.data(YinYang.Split.TEST), YinYangTask.OUTPUT_INDEX, task.loss()).accuracy;
                }
            }
        }
        return acc;
    }
}

package org.eventsnn.experiments.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Yin-Yang as a {@link TrainingTask}: {@link Presets}, {@link Trainer#forYinYang}, {@link TrainingPlots}. */
final class YinYangTraining implements TrainingTask {
    static final YinYangTraining INSTANCE = new YinYangTraining();

    private YinYangTraining() {
    }

    @Override
    public String name() {
        return "yinyang";
    }

    @Override
    public List<String> presets() {
        return List.of(Presets.NAMES);
    }

    @Override
    public TrainingConfig preset(String name) {
        return Presets.get(name == null ? Presets.NAMES[0] : name);
    }

    @Override
    public Trainer trainer(TrainingConfig config, long seed, int threads) {
        return Trainer.forYinYang(config, seed, threads);
    }

    @Override
    public void writePlots(Path dir, Trainer trainer, TrainingResult result) throws IOException {
        TrainingPlots.writeAll(dir, trainer, result);
    }
}

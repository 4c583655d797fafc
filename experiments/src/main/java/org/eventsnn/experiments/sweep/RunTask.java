package org.eventsnn.experiments.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.eventsnn.experiments.train.ResultFiles;
import org.eventsnn.experiments.train.Trainer;
import org.eventsnn.experiments.train.TrainingConfig;
import org.eventsnn.experiments.train.TrainingPlots;
import org.eventsnn.experiments.train.TrainingResult;
import org.eventsnn.experiments.train.YinYangTask;

/**
 * The body of one sweep task: trains a run as {@code train --output-dir} does, into the same
 * files, continuing from the run's checkpoint when an earlier attempt left one, and returns
 * its record. A run already finished is only read back. result.json is written last, so it
 * marks a finished run.
 */
final class RunTask {
    private RunTask() {
    }

    /** Runs (or resumes, or reads back) {@code run}. */
    static RunRecord run(RunSpec run) {
        try {
            RunRecord done = RunRecord.finished(run);
            if (done != null) {
                return done;
            }
            TrainingConfig config = run.config();
            Files.createDirectories(run.dir());
            Trainer trainer = Trainer.forYinYang(config, run.seed(), run.threads());
            if (run.chip().onChip()) {
                trainer.onForwardPass(run.chip().forwardPass(new YinYangTask(config).neuronParameters()));
            }
            // a retried or resumed run continues from its last checkpoint; a new one starts fresh
            boolean resume = Files.isRegularFile(run.dir().resolve("checkpoint.json"));
            TrainingResult r = trainer.run(run.dir(), resume, FaultInjection.listenerFor(run));
            TrainingPlots.writeAll(run.dir(), trainer, r);
            ResultFiles.write(run.dir(), r, config, run.chip().taskLabel(), run.software());
            return RunRecord.written(run);
        } catch (IOException e) {
            throw new UncheckedIOException(run.label() + ": " + e.getMessage(), e);
        }
    }
}

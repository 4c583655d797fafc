package org.eventsnn.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.eventsnn.experiments.train.EpochMetrics;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    @Test
    void onATerminalEachEpochStillPrintsValidationAndTestAccuracy() {
        StringWriter text = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), true, "seed 0");
        p.epochStarted(0, 2, 3);
        p.batchDone(0, 0.5, 0.5);
        p.epochDone(new EpochMetrics(1, 0.005, 0.4, 0.8, 0.3, 0.875, 0.35, 0.8625, 1.5), 2);
        p.finished();
        String out = text.toString();
        assertTrue(out.contains("epoch 1/2") && out.contains("validation 87.50%") && out.contains("test 86.25%"), out);
    }
}

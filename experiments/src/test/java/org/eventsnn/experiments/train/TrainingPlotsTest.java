package org.eventsnn.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrainingPlotsTest {
    @Test
    void classTicksAreLabelledAtWholeClassesOnly() {
        assertEquals("0", TrainingPlots.classTick(0.0));
        assertEquals("2", TrainingPlots.classTick(2.0));
        assertEquals("", TrainingPlots.classTick(0.5));
        assertEquals("", TrainingPlots.classTick(1.5));
    }
}

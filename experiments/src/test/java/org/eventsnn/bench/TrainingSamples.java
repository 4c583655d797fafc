package org.eventsnn.bench;

import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.datasets.LabelledSpikes;
import org.eventsnn.datasets.YinYang;
import org.eventsnn.experiments.train.YinYangTask;

/** The first training samples of a Yin-Yang task, inputs and labels, for the per-sample bench tools. */
record TrainingSamples(SpikeTrains[] inputs, int[] labels) {
    /** The first {@code max} (or all, if fewer) training samples of {@code task}. */
    static TrainingSamples first(YinYangTask task, int max) {
        LabelledSpikes data = task.data(YinYang.Split.TRAIN);
        int n = Math.min(max, data.sampleCount());
        SpikeTrains[] inputs = new SpikeTrains[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            inputs[i] = data.input(i);
            labels[i] = data.label(i);
        }
        return new TrainingSamples(inputs, labels);
    }
}

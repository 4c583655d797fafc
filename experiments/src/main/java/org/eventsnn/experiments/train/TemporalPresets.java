package org.eventsnn.experiments.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The presets of the temporal tasks (docs/temporal-tasks.md), the default first:
 * randman {@code recurrent} (and {@code feedforward}, the same without recurrent synapses);
 * cue-accumulation {@code adaptive} (recurrent with adaptation currents) and {@code plain}
 * (the same without adaptation, for comparison).
 */
final class TemporalPresets {
    private TemporalPresets() {
    }

    static List<String> names(String task) {
        return task.equals("randman") ? List.of("recurrent", "feedforward") : List.of("adaptive", "plain");
    }

    /** The values of preset {@code name} of {@code task}. */
    static Map<String, Object> values(String task, String name) {
        if (!names(task).contains(name)) {
            throw new IllegalArgumentException("unknown preset '" + name + "' for " + task + ", expected one of "
                    + names(task));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("preset", name);
        m.put("method", "eventprop");
        m.put("loss", "count-ce");
        m.put("recurrentDelay", 0.0);
        m.put("tauMem", 0.02);
        m.put("tauSyn", 0.005);
        m.put("threshold", 1.0);
        m.put("leak", 0.0);
        m.put("reset", 0.0);
        m.put("refractory", 0.0);
        m.put("countScale", 1.0);
        m.put("recurrentMean", 0.0);
        m.put("optimizer", "adam");
        m.put("momentum", 0.9);
        m.put("decay", "exponential");
        m.put("decayEvery", 1.0);
        m.put("maxUpdateNorm", 0.0);
        m.put("maxNeuronGradient", 0.0);
        m.put("clipValue", 0.0);
        m.put("clipNorm", 0.0);
        m.put("gradientScale", 1.0);
        m.put("weightBump", 0.0);
        m.put("bumpHiddenFraction", 0.3);
        m.put("bumpOutputFraction", 0.0);
        m.put("dataSeed", 0.0);
        DelayLearning.putDefaults(m);
        if (task.equals("randman")) {
            m.put("hidden", 100.0);
            m.put("recurrent", name.equals("recurrent") ? 1.0 : 0.0);
            m.put("adaptation", 0.0);
            m.put("tauAdapt", 1.0);
            m.put("learnAdaptation", 1.0);
            m.put("tail", 0.03);
            m.put("tauCount", 0.01);
            m.put("silentPenalty", 1.0);
            m.put("reviveBump", 0.002);
            m.put("inputMean", 0.3);
            m.put("inputStd", 0.5);
            m.put("recurrentStd", 0.3);
            m.put("outputMean", 0.1);
            m.put("outputStd", 0.1);
            m.put("learningRate", 0.01);
            m.put("decayFactor", 0.97);
            m.put("batchSize", 32.0);
            m.put("epochs", 40.0);
            m.put("classes", 10.0);
            m.put("inputs", 100.0);
            m.put("dimension", 2.0);
            m.put("alpha", 2.0);
            m.put("samplesPerClass", 1000.0);
            m.put("inputDuration", 0.1);
            m.put("trainSize", 8000.0);
            m.put("validationSize", 1000.0);
            m.put("testSize", 1000.0);
        } else {
            m.put("hidden", 100.0);
            m.put("recurrent", 1.0);
            m.put("adaptation", name.equals("adaptive") ? 0.05 : 0.0);
            m.put("tauAdapt", 2.0);
            m.put("learnAdaptation", 1.0);
            m.put("tail", 0.05);
            m.put("tauCount", 0.01);
            m.put("silentPenalty", 1.0);
            m.put("reviveBump", 0.002);
            m.put("inputMean", 0.4);
            m.put("inputStd", 0.6);
            m.put("recurrentStd", 0.5);
            m.put("outputMean", 0.3);
            m.put("outputStd", 0.3);
            m.put("learningRate", 0.005);
            // at 0.01 without a limit one update made the network fire far too much (loss 0.68 -> 3.3);
            // at 0.5 trained adaptation weights turned into runaway self-excitation around epoch 10
            // (docs/temporal-tasks.md); at 0.1 five seeds trained 40 epochs without it
            m.put("maxUpdateNorm", 0.1);
            // 0.98 left the last epochs swinging by tens of points (docs/temporal-tasks.md)
            m.put("decayFactor", 0.93);
            m.put("batchSize", 32.0);
            m.put("epochs", 40.0);
            m.put("cues", 7.0);
            m.put("groupSize", 10.0);
            m.put("delay", 1.0);
            m.put("cueRate", 40.0);
            m.put("noiseRate", 10.0);
            m.put("trainSize", 512.0);
            m.put("validationSize", 128.0);
            m.put("testSize", 256.0);
        }
        return m;
    }
}

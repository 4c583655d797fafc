package org.eventsnn.experiments.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventsnn.core.base.SplitMix64;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.datasets.CueAccumulation;
import org.eventsnn.datasets.LabelledSpikes;
import org.eventsnn.datasets.Randman;
import org.eventsnn.gradients.EventProp;
import org.eventsnn.gradients.SpikeCountCrossEntropy;

/**
 * The temporal classification tasks {@code randman} and {@code cue-accumulation} as
 * {@link TrainingTask}s: a recurrent network {@code in -> hidden (-> hidden) -> out}, trained
 * with EventProp on the smoothed spike-count cross-entropy ({@code count-ce}) of the output
 * population.
 *
 * <p>Network, projections in this order: {@code in -> hidden} (dense, receptor {@code syn});
 * if {@code recurrent}, {@code hidden -> hidden} (dense, {@code syn}); if
 * {@code adaptation > 0}, {@code hidden -> hidden} one-to-one onto the slow receptor
 * {@code adapt} (time constant {@code tauAdapt}) with weight {@code -adaptation}: each spike of
 * a hidden neuron then adds an inhibitory current to itself that decays over
 * {@code tauAdapt}, an exact spike-triggered adaptation current (trained with the others, where
 * a weight may turn positive, slow self-excitation; fixed without {@code learnAdaptation});
 * then {@code hidden -> out}
 * (dense). Initial weights are Gaussian, drawn by Box-Muller from {@code SplitMix64(seed)} in
 * projection order, row by row; recurrent weights are divided by {@code sqrt(hidden)}.
 *
 * <p>Data: one dataset from {@code dataSeed} (the same for every training seed), split in
 * order into training, validation and test samples. The simulated window extends the
 * dataset's by {@code tail}. The loss counts output spikes from the readout start (0 for
 * randman, the recall cue's start for cue accumulation) to the end of the window.
 */
public final class TemporalTask implements TrainingTask {
    public static final String INPUT = "in";
    public static final String HIDDEN = "hidden";
    public static final String OUTPUT = "out";
    /** Index of the output population in the task's networks. */
    public static final int OUTPUT_INDEX = 2;

    static final TemporalTask RANDMAN = new TemporalTask("randman");
    static final TemporalTask CUE_ACCUMULATION = new TemporalTask("cue-accumulation");

    private final String name;
    private final TrainingConfig.Schema schema;

    private TemporalTask(String name) {
        this.name = name;
        this.schema = new TrainingConfig.Schema(descriptions(name), Set.of("preset", "method", "loss", "optimizer", "decay", DelayLearning.FIXED),
                TemporalTask::validated);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> presets() {
        return TemporalPresets.names(name);
    }

    @Override
    public TrainingConfig preset(String preset) {
        return new TrainingConfig(schema, TemporalPresets.values(name, preset == null ? presets().get(0) : preset))
                .validated();
    }

    private boolean isRandman() {
        return name.equals("randman");
    }

    /** The whole dataset of {@code config} (before splitting), window not yet extended. */
    public LabelledSpikes dataset(TrainingConfig c) {
        int total = c.integer("trainSize") + c.integer("validationSize") + c.integer("testSize");
        long seed = (long) c.number("dataSeed");
        if (isRandman()) {
            LabelledSpikes all = randman(c).generate(seed, INPUT);
            if (total > all.sampleCount()) {
                throw new IllegalArgumentException("trainSize + validationSize + testSize = " + total + " exceeds the "
                        + all.sampleCount() + " samples of classes x samplesPerClass");
            }
            return all.slice(0, total);
        }
        return cueAccumulation(c).generate(total, seed, INPUT);
    }

    private static Randman randman(TrainingConfig c) {
        return Randman.of(c.integer("classes"), c.integer("inputs"), c.integer("dimension"), c.number("alpha"),
                c.integer("samplesPerClass"), c.number("inputDuration"));
    }

    private static CueAccumulation cueAccumulation(TrainingConfig c) {
        return CueAccumulation.builder().cues(c.integer("cues")).groupSize(c.integer("groupSize"))
                .delay(c.number("delay")).cueRate(c.number("cueRate")).noiseRate(c.number("noiseRate")).build();
    }

    /** Where the readout starts: 0 for randman, the recall cue for cue accumulation. */
    public double readoutStart(TrainingConfig c) {
        return isRandman() ? 0 : cueAccumulation(c).recallStart();
    }

    public SpikeCountCrossEntropy loss(TrainingConfig c) {
        return new SpikeCountCrossEntropy(c.number("tauCount"), readoutStart(c), c.number("countScale"));
    }

    @Override
    public Trainer trainer(TrainingConfig c, long seed, int threads) {
        LabelledSpikes all = extended(dataset(c), c.number("tail"));
        int train = c.integer("trainSize");
        int validation = c.integer("validationSize");
        double penalty = c.number("silentPenalty");
        Network initial = initialNetwork(c, all.inputSize(), all.classCount(), seed);
        Trainer trainer = new Trainer(c, initial,
                all.slice(0, train), all.slice(train, train + validation), all.slice(train + validation, all.sampleCount()),
                OUTPUT_INDEX, Readout.allSpikes(loss(c)), () -> new EventProp(penalty), seed, threads);
        if (c.number("adaptation") > 0 && !c.flag("learnAdaptation")) {
            return trainer.keepingFixed(adaptationProjection(initial));
        }
        return trainer;
    }

    /** The index of the projection onto the hidden neurons' receptor {@code adapt}. */
    static int adaptationProjection(Network network) {
        for (int j = 0; j < network.projections().size(); j++) {
            Projection p = network.projection(j);
            Population target = network.population(p.target());
            if (!target.isInput() && "adapt".equals(target.params().receptorName(p.receptor()))) {
                return j;
            }
        }
        throw new IllegalStateException("no projection onto receptor adapt");
    }

    /** The samples with their window lengthened by {@code tail}. */
    static LabelledSpikes extended(LabelledSpikes d, double tail) {
        if (tail == 0) {
            return d;
        }
        SpikeTrains[] in = new SpikeTrains[d.sampleCount()];
        int[] labels = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = d.input(i).withDuration(d.duration() + tail);
            labels[i] = d.label(i);
        }
        return new LabelledSpikes(d.population(), d.inputSize(), d.classCount(), d.duration() + tail, in, labels);
    }

    /** The hidden neurons' parameters: receptor syn, and adapt when adaptation is on. */
    static NeuronParameters hiddenParameters(TrainingConfig c) {
        NeuronParameters.Builder b = neuron(c);
        if (c.number("adaptation") > 0) {
            b.receptors(new String[] {"syn", "adapt"}, new double[] {c.number("tauSyn"), c.number("tauAdapt")});
        } else {
            b.receptors(new String[] {"syn"}, new double[] {c.number("tauSyn")});
        }
        return b.build();
    }

    private static NeuronParameters.Builder neuron(TrainingConfig c) {
        return NeuronParameters.builder().tauMem(c.number("tauMem")).threshold(c.number("threshold"))
                .leak(c.number("leak")).reset(c.number("reset")).refractory(c.number("refractory"));
    }

    /** The network with initial weights drawn from {@code seed}. */
    public static Network initialNetwork(TrainingConfig c, int inputs, int classes, long seed) {
        int hidden = c.integer("hidden");
        SplitMix64 rng = new SplitMix64(seed);
        NeuronParameters out = neuron(c).receptors(new String[] {"syn"}, new double[] {c.number("tauSyn")}).build();
        Network.Builder b = Network.builder()
                .add(Population.input(INPUT, inputs))
                .add(Population.lif(HIDDEN, hidden, hiddenParameters(c)))
                .add(Population.lif(OUTPUT, classes, out))
                .connectDense(INPUT, HIDDEN, "syn", 0, YinYangTask.gaussian(rng, inputs, hidden, c.number("inputMean"),
                        c.number("inputStd")));
        if (c.flag("recurrent")) {
            double s = Math.sqrt(hidden);
            b.connectDense(HIDDEN, HIDDEN, "syn", c.number("recurrentDelay"), YinYangTask.gaussian(rng, hidden, hidden,
                    c.number("recurrentMean") / s, c.number("recurrentStd") / s));
        }
        if (c.number("adaptation") > 0) {
            int[] self = new int[hidden];
            double[] w = new double[hidden];
            for (int i = 0; i < hidden; i++) {
                self[i] = i;
                w[i] = -c.number("adaptation");
            }
            b.connectList(HIDDEN, HIDDEN, "adapt", 0, self, self, w);
        }
        b.connectDense(HIDDEN, OUTPUT, "syn", 0, YinYangTask.gaussian(rng, hidden, classes, c.number("outputMean"),
                c.number("outputStd")));
        return b.build();
    }

    @Override
    public void writePlots(Path dir, Trainer trainer, TrainingResult result) throws IOException {
        TemporalPlots.writeAll(dir, trainer, result);
    }

    private static Map<String, String> descriptions(String task) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("preset", "name of the preset this config started from");
        d.put("method", "gradient method: eventprop (the only one for several spikes per neuron)");
        d.put("hidden", "number of hidden neurons");
        d.put("recurrent", "whether hidden neurons connect to each other (1) or not (0)");
        d.put("recurrentDelay", "delay of the recurrent hidden-to-hidden synapses");
        d.put("tauMem", "membrane time constant");
        d.put("tauSyn", "synaptic time constant (receptor syn)");
        d.put("threshold", "firing threshold");
        d.put("leak", "leak (resting) potential");
        d.put("reset", "reset potential");
        d.put("refractory", "refractory period");
        d.put("adaptation", "weight of each hidden neuron's inhibitory self-projection onto receptor adapt (0: none)");
        d.put("tauAdapt", "time constant of receptor adapt (the adaptation current)");
        d.put("learnAdaptation", "whether the adaptation weights are trained (1) or fixed at -adaptation (0)");
        d.put("tail", "seconds simulated after the dataset's window");
        d.put("loss", "count-ce (cross-entropy over smoothed output spike counts)");
        d.put("tauCount", "count-ce: time scale of the readout window's soft edges");
        d.put("countScale", "count-ce: softmax temperature (1: raw counts)");
        d.put("silentPenalty", "penalty (threshold - Vmax)/(threshold - leak) on a label neuron silent in the whole window (0: off)");
        d.put("inputMean", "mean of the initial input-to-hidden weights");
        d.put("inputStd", "standard deviation of the initial input-to-hidden weights");
        d.put("recurrentMean", "mean of the initial recurrent weights, times sqrt(hidden)");
        d.put("recurrentStd", "standard deviation of the initial recurrent weights, times sqrt(hidden)");
        d.put("outputMean", "mean of the initial hidden-to-output weights");
        d.put("outputStd", "standard deviation of the initial hidden-to-output weights");
        TrainingConfig.putOptimizerDescriptions(d);
        d.put("dataSeed", "seed of the generated dataset (the same for every training seed)");
        if (task.equals("randman")) {
            d.put("classes", "randman: classes");
            d.put("inputs", "randman: input neurons");
            d.put("dimension", "randman: manifold dimension");
            d.put("alpha", "randman: smoothness (power-spectrum fall-off)");
            d.put("samplesPerClass", "randman: samples generated per class");
            d.put("inputDuration", "randman: window of the input spikes");
        } else {
            d.put("cues", "cue-accumulation: number of cues (odd)");
            d.put("groupSize", "cue-accumulation: neurons per input group");
            d.put("delay", "cue-accumulation: seconds from the last cue to the recall cue");
            d.put("cueRate", "cue-accumulation: rate of cue and recall neurons (Hz)");
            d.put("noiseRate", "cue-accumulation: rate of the noise group (Hz)");
        }
        d.put("trainSize", "training samples (the first of the dataset)");
        d.put("validationSize", "validation samples (the next ones)");
        d.put("testSize", "test samples (the next ones)");
        return d;
    }

    /** Checks ranges and choices of a temporal-task config; returns it. */
    private static TrainingConfig validated(TrainingConfig c) {
        c.requireChoice("method", "eventprop");
        c.requireChoice("loss", "count-ce");
        c.requireChoice("optimizer", "adam", "sgd");
        c.requireChoice("decay", "none", "step", "exponential");
        for (String k : new String[] {"tauMem", "tauSyn", "tauAdapt", "tauCount", "countScale", "learningRate"}) {
            if (!(c.number(k) > 0)) {
                throw new IllegalArgumentException("hyperparameter " + k + " must be > 0, got " + c.number(k));
            }
        }
        for (String k : new String[] {"hidden", "batchSize", "decayEvery", "trainSize"}) {
            if (c.integer(k) < 1) {
                throw new IllegalArgumentException("hyperparameter " + k + " must be >= 1, got " + c.number(k));
            }
        }
        for (String k : new String[] {"epochs", "validationSize", "testSize", "dataSeed"}) {
            if (c.integer(k) < 0) {
                throw new IllegalArgumentException("hyperparameter " + k + " must be >= 0, got " + c.number(k));
            }
        }
        for (String k : new String[] {"refractory", "adaptation", "tail", "recurrentDelay", "maxUpdateNorm",
            "maxNeuronGradient", "clipValue", "clipNorm", "weightBump", "reviveBump", "momentum", "inputStd",
            "recurrentStd", "outputStd", "gradientScale", "silentPenalty"}) {
            if (!(c.number(k) >= 0)) {
                throw new IllegalArgumentException("hyperparameter " + k + " must be >= 0, got " + c.number(k));
            }
        }
        DelayLearning.validate(c);
        if (!(c.number("threshold") > c.number("reset"))) {
            throw new IllegalArgumentException("threshold must be > reset, got " + c.number("threshold") + " and "
                    + c.number("reset"));
        }
        try {
            if (c.descriptions().containsKey("classes")) {
                randman(c);
            } else {
                cueAccumulation(c);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hyperparameter " + e.getMessage());
        }
        return c;
    }
}

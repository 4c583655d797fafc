package org.eventsnn.experiments.train;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.base.SplitMix64;
import org.eventsnn.datasets.Dataset;
import org.eventsnn.datasets.LabelledSpikes;
import org.eventsnn.datasets.SpikeEncoder;
import org.eventsnn.datasets.YinYang;
import org.eventsnn.gradients.EventProp;
import org.eventsnn.gradients.FastAndDeep;
import org.eventsnn.gradients.GradientMethod;
import org.eventsnn.gradients.SpikeTimeLoss;
import org.eventsnn.gradients.TargetMse;
import org.eventsnn.gradients.TtfsCrossEntropy;

/**
 * The Yin-Yang classification task of a {@link TrainingConfig}: the 4-H-3 network (input
 * population {@code in} with the four features and, if {@code biasTime >= 0}, a bias neuron as
 * neuron 4; LIF populations {@code hidden} and {@code out}), the encoder, the published data
 * splits, the loss and the gradient method.
 *
 * <p>Initial weights are Gaussian, drawn by Box-Muller from {@code SplitMix64(seed)}: all
 * input-to-hidden weights row by row, then hidden-to-output, then bias-to-output.
 */
public final class YinYangTask {
    /** Name of the input population. */
    public static final String INPUT = "in";
    /** Name of the hidden population. */
    public static final String HIDDEN = "hidden";
    /** Name of the output population. */
    public static final String OUTPUT = "out";
    /** Index of the output population in the task's networks. */
    public static final int OUTPUT_INDEX = 2;

    private final TrainingConfig config;

    /** The task as {@code config} sets it up. */
    public YinYangTask(TrainingConfig config) {
        this.config = config;
    }

    /** The hyperparameters. */
    public TrainingConfig config() {
        return config;
    }

    /** True if a bias neuron is used ({@code biasTime >= 0}). */
    public boolean hasBias() {
        return config.number("biasTime") >= 0;
    }

    /** The parameters of every hidden and output neuron. */
    public NeuronParameters neuronParameters() {
        return NeuronParameters.builder().tauMem(config.number("tauMem")).tauSyn(config.number("tauSyn"))
                .threshold(config.number("threshold")).leak(config.number("leak")).reset(config.number("reset"))
                .refractory(config.number("refractory")).build();
    }

    /** The network with initial weights drawn from {@code seed}. */
    public Network initialNetwork(long seed) {
        int inputs = 4 + (hasBias() ? 1 : 0);
        int hidden = config.integer("hidden");
        SplitMix64 rng = new SplitMix64(seed);
        double[][] wh = gaussian(rng, inputs, hidden, config.number("hiddenMean"), config.number("hiddenStd"));
        double[][] wo = gaussian(rng, hidden, 3, config.number("outputMean"), config.number("outputStd"));
        NeuronParameters p = neuronParameters();
        Network.Builder b = Network.builder()
                .add(Population.input(INPUT, inputs))
                .add(Population.lif(HIDDEN, hidden, p))
                .add(Population.lif(OUTPUT, 3, p))
                .connectDense(INPUT, HIDDEN, null, 0, wh)
                .connectDense(HIDDEN, OUTPUT, null, 0, wo);
        if (hasBias() && config.flag("biasToOutput")) {
            double[][] wb = gaussian(rng, 1, 3, config.number("outputMean"), config.number("outputStd"));
            b.connectList(INPUT, OUTPUT, null, 0, new int[] {4, 4, 4}, new int[] {0, 1, 2}, wb[0]);
        }
        return b.build();
    }

    /** A rows x cols matrix of Gaussian weights, row by row, by Box-Muller from {@code rng} (shared with {@link TemporalTask}). */
    static double[][] gaussian(SplitMix64 rng, int rows, int cols, double mean, double std) {
        double[][] w = new double[rows][cols];
        for (double[] row : w) {
            for (int j = 0; j < cols; j++) {
                double u = 1 - rng.nextDouble();
                double v = rng.nextDouble();
                row[j] = mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
            }
        }
        return w;
    }

    /** The encoder of samples into input spikes (and the bias spike). */
    public SpikeEncoder encoder() {
        SpikeEncoder.Builder b = SpikeEncoder.linear(config.number("tEarly"), config.number("tLate"))
                .duration(config.number("duration")).population(INPUT);
        if (hasBias()) {
            b.biasTimes(config.number("biasTime"));
        }
        return b.build();
    }

    /** The published split (train seed 42, validation 41, test 40) with the configured size. */
    public Dataset dataset(YinYang.Split split) {
        String sizeKey = split == YinYang.Split.TRAIN ? "trainSize" : split == YinYang.Split.VALIDATION
                ? "validationSize" : "testSize";
        return YinYang.generate(split.label(), config.integer(sizeKey), split.defaultSeed());
    }

    /** The split, encoded. */
    public LabelledSpikes data(YinYang.Split split) {
        return LabelledSpikes.encode(dataset(split), encoder());
    }

    /** The configured loss: ttfs-ce or target-mse. */
    public SpikeTimeLoss loss() {
        if (config.text("loss").equals("ttfs-ce")) {
            return new TtfsCrossEntropy(config.number("tau0"), config.number("alpha"), config.number("tau1"));
        }
        return TargetMse.byLabel(config.number("targetCorrect"), config.number("targetWrong"), config.number("tauMem"));
    }

    /** A new instance of the configured gradient method (one per thread). */
    public GradientMethod newMethod() {
        return config.text("method").equals("fastdeep") ? new FastAndDeep() : new EventProp(config.number("silentPenalty"));
    }
}

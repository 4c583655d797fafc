package org.eventsnn.experiments.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.base.SplitMix64;
import org.eventsnn.core.io.Json;
import org.eventsnn.datasets.LabelledSpikes;
import org.eventsnn.gradients.Adam;
import org.eventsnn.gradients.BatchGradients;
import org.eventsnn.gradients.BatchResult;
import org.eventsnn.core.engine.SimulationLimitException;
import org.eventsnn.gradients.ForwardPass;
import org.eventsnn.gradients.GradientMethod;
import org.eventsnn.gradients.LearningRateSchedule;
import org.eventsnn.gradients.Optimizer;
import org.eventsnn.gradients.SgdMomentum;
import org.eventsnn.gradients.SpikeTimeLoss;

/**
 * Mini-batch training of a network on labelled spike data: each epoch shuffles the training
 * set (a permutation drawn from {@code SplitMix64(seed, epoch)}), computes exact gradients of
 * each batch in parallel, applies the optimizer, bumps weights into silent neurons if asked,
 * then evaluates the validation and test sets. The result depends only on the seed, never on
 * the thread count. With {@code learnDelays} every synapse's delay is learned too
 * ({@link DelayLearning}).
 *
 * <p>With an output directory, every epoch atomically writes {@code model.json},
 * {@code metrics.csv} and {@code checkpoint.json} (weights and optimizer state), and
 * {@code model-best.json} when validation accuracy reaches a new best, so an
 * interrupted run resumes where it stopped and loses at most one epoch.
 */
public final class Trainer {
    private final TrainingConfig config;
    private final Network initial;
    private final LabelledSpikes train;
    private final LabelledSpikes validation;
    private final LabelledSpikes test;
    private final int output;
    private final Readout readout;
    private final Supplier<GradientMethod> method;
    private final long seed;
    private final int threads;
    private ForwardPass forward;
    // weight-bumping state: the layer bumped after the previous batch and the bump it got
    private int lastBumped = -1;
    private double bump;
    /** Delay learning of the current run, or null. */
    private DelayLearning delays;
    /** Projections whose weights keep their initial values. */
    private int[] fixed = new int[0];

    /**
     * @param config   optimizer, schedule, batch size, epochs, clipping and weight bumping settings
     * @param initial  the network to train (its weights are the starting point)
     * @param output   index of the output population the loss reads
     */
    public Trainer(TrainingConfig config, Network initial, LabelledSpikes train, LabelledSpikes validation,
                   LabelledSpikes test, int output, SpikeTimeLoss loss, Supplier<GradientMethod> method, long seed,
                   int threads) {
        this(config, initial, train, validation, test, output, Readout.firstSpikes(loss), method, seed, threads);
    }

    /** As the other constructor, with any readout (e.g. one on every output spike). */
    public Trainer(TrainingConfig config, Network initial, LabelledSpikes train, LabelledSpikes validation,
                   LabelledSpikes test, int output, Readout readout, Supplier<GradientMethod> method, long seed,
                   int threads) {
        this.config = config;
        this.initial = initial;
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.output = output;
        this.readout = readout;
        this.method = method;
        this.seed = seed;
        this.threads = threads;
        this.forward = ForwardPass.software(spikeBudget(initial, threads));
        if (train.sampleCount() == 0) {
            throw new IllegalArgumentException("the training set is empty");
        }
    }

    /**
     * The spikes one sample's forward pass may record: what a quarter of the maximum heap holds
     * over {@code threads} samples at once (record and event log, doubled for growth, as
     * {@code simulate}'s budget counts them), at least 100000; far above what any training run
     * records, it stops weights that diverged (neurons firing without end) at once.
     */
    static long spikeBudget(Network net, int threads) {
        double synapses = 0;
        for (int p = 0; p < net.projections().size(); p++) {
            synapses += net.projection(p).synapseCount();
        }
        double fanOut = synapses / Math.max(1, net.neuronCount());
        long bytesPerSpike = (long) Math.ceil(2 * (32 + 12 * (1 + fanOut)));
        return Math.max(100_000, Runtime.getRuntime().maxMemory() / 4 / Math.max(1, threads) / bytesPerSpike);
    }

    /** A trainer for the Yin-Yang task of {@code config}. */
    public static Trainer forYinYang(TrainingConfig config, long seed, int threads) {
        YinYangTask task = new YinYangTask(config);
        return new Trainer(config, task.initialNetwork(seed), task.data(org.eventsnn.datasets.YinYang.Split.TRAIN),
                task.data(org.eventsnn.datasets.YinYang.Split.VALIDATION),
                task.data(org.eventsnn.datasets.YinYang.Split.TEST), YinYangTask.OUTPUT_INDEX, task.loss(),
                task::newMethod, seed, threads);
    }

    /** The hyperparameters of this trainer. */
    public TrainingConfig config() {
        return config;
    }

    /**
     * Runs every forward pass (training and evaluation) on {@code pass}, e.g. in the loop with a
     * chip; returns this trainer.
     */
    public Trainer onForwardPass(ForwardPass pass) {
        this.forward = pass;
        return this;
    }

    /** Keeps the weights of {@code projection} at their initial values (not trained); returns this trainer. */
    public Trainer keepingFixed(int projection) {
        if (projection < 0 || projection >= initial.projections().size()) {
            throw new IllegalArgumentException("no projection " + projection);
        }
        fixed = java.util.Arrays.copyOf(fixed, fixed.length + 1);
        fixed[fixed.length - 1] = projection;
        return this;
    }

    /** The forward pass in use. */
    public ForwardPass forwardPass() {
        return forward;
    }

    /**
     * The forward pass of training batches: {@link #forwardPass}, counting every neuron's firing
     * over the whole window where weight bumping needs it (also after an early stop).
     */
    public ForwardPass trainingPass() {
        return config.number("weightBump") > 0 ? forward.firingOverWindow() : forward;
    }

    /** The seed of initial weights and shuffling. */
    public long seed() {
        return seed;
    }

    /** The test set. */
    public LabelledSpikes testData() {
        return test;
    }

    /** Index of the output population in the network. */
    public int outputIndex() {
        return output;
    }

    /** How the output population is read. */
    public Readout readout() {
        return readout;
    }

    /**
     * Trains for the configured epochs. With {@code dir} (may be null) outputs are written
     * there; with {@code resume} the checkpoint in {@code dir} is continued (it must exist and
     * must not have done more epochs than configured; as many means nothing is left to train).
     */
    public TrainingResult run(Path dir, boolean resume, TrainingListener listener) throws IOException {
        long start = System.nanoTime();
        Network net = initial;
        Optimizer optimizer = optimizer();
        List<EpochMetrics> history = new ArrayList<>();
        int firstEpoch = 0;
        double previousSeconds = 0;
        lastBumped = -1;
        bump = 0;
        delays = DelayLearning.of(config);
        boolean resumed = false;
        if (dir != null) {
            Checkpoint c = Checkpoint.find(dir);
            if (c != null && !resume) {
                throw new IllegalArgumentException("output directory " + dir + " holds a previous run (checkpoint.json):"
                        + " pass --resume to continue it, or choose another --output-dir");
            }
            if (c == null && resume) {
                throw new IllegalArgumentException("--resume: " + dir + " holds no run to resume (no checkpoint.json)");
            }
            if (c != null) {
                c.requireSameRun(config, seed);
                if (c.epochsDone() > config.integer("epochs")) {
                    throw new IllegalArgumentException("--resume: the run in " + dir + " has already done "
                            + c.epochsDone() + " epochs, more than the " + config.integer("epochs")
                            + " asked for; give --epochs " + c.epochsDone() + " or more");
                }
                try {
                    net = net.withAllWeights(c.weights());
                    optimizer.restoreState(c.weights(), c.optimizerState(), c.optimizerSteps());
                } catch (IllegalArgumentException e) {
                    throw c.refused(e);
                }
                history.addAll(c.metrics());
                lastBumped = c.bumpedLayer();
                bump = c.bump();
                firstEpoch = c.epochsDone();
                previousSeconds = c.seconds();
                if (delays != null) {
                    net = delays.restore(net, c);
                }
                resumed = true;
            }
        }
        if (delays != null && !resumed) {
            net = delays.initialise(net, seed);
        }
        int epochs = config.integer("epochs");
        LearningRateSchedule schedule = schedule();
        ForwardPass pass = trainingPass();
        EpochFiles files = dir == null ? null : new EpochFiles(dir);
        // evaluation needs first spikes only, so it may always stop at the last first output spike
        try (BatchGradients batches = new BatchGradients(threads, method, pass);
             BatchGradients evaluation = new BatchGradients(threads, method, forward);
             EpochWriter writer = new EpochWriter()) {
            // Fast and Deep's networks train on layer kernels (docs/exactness.md, "Layer kernels")
            batches.withLayerKernels();
            evaluation.withLayerKernels();
            if (config.number("maxNeuronGradient") > 0) {
                batches.dropLargeNeuronGradients(config.number("maxNeuronGradient"));
            }
            if (delays != null) {
                batches.withDelayGradients();
            }
            for (int epoch = firstEpoch; epoch < epochs; epoch++) {
                double rate = schedule.rate(epoch);
                optimizer.setLearningRate(rate);
                if (delays != null) {
                    delays.scheduleLike(rate);
                }
                try {
                    net = trainEpoch(net, epoch, epochs, optimizer, batches, evaluation, listener, rate, history, start,
                            previousSeconds);
                } catch (SimulationLimitException e) {
                    throw new SimulationLimitException("epoch " + (epoch + 1) + ": a sample exceeded the spike budget of"
                            + " a forward pass (" + e.getMessage() + "): the weights have diverged? (learningRate "
                            + config.number("learningRate") + ")");
                }
                if (dir != null) {
                    writer.submit(epochFiles(files, net, optimizer, history, epoch + 1, elapsed(start) + previousSeconds));
                }
                listener.epochDone(history.get(history.size() - 1), epochs);
            }
        }
        listener.finished();
        return new TrainingResult(net, history, elapsed(start) + previousSeconds, seed, threads);
    }

    private Network trainEpoch(Network net, int epoch, int epochs, Optimizer optimizer, BatchGradients batches,
                               BatchGradients evaluation, TrainingListener listener, double rate,
                               List<EpochMetrics> history, long start, double previousSeconds) {
        int n = train.sampleCount();
        int batchSize = Math.min(config.integer("batchSize"), n);
        int[] order = permutation(n, epoch);
        int count = (n + batchSize - 1) / batchSize;
        listener.epochStarted(epoch, epochs, count);
        SpikeTimeLossInputs data = new SpikeTimeLossInputs(train);
        double lossSum = 0;
        int correct = 0;
        int seen = 0;
        double[][] params = weightsOf(net);
        for (int b = 0; b < count; b++) {
            int[] batch = java.util.Arrays.copyOfRange(order, b * batchSize, Math.min(n, (b + 1) * batchSize));
            BatchResult r = readout.run(batches, net, data.inputs, data.labels, batch, output, true);
            double[][] grads = r.meanWeightGradients();
            double scale = config.number("gradientScale");
            if (scale != 1) {
                for (double[] g : grads) {
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= scale;
                    }
                }
            }
            for (int p : fixed) { // no step, nor a share of the update's norm limit, for fixed weights
                java.util.Arrays.fill(grads[p], 0);
            }
            optimizer.step(params, grads);
            lastBumped = bumpSilentNeurons(net, r, params, batch.length);
            reviveSilentHiddenNeurons(net, r, params, rate / config.number("learningRate"));
            clampWeights(params, forward.weightLimit());
            for (int p : fixed) { // undoes what weight bumping may have changed
                params[p] = initial.projection(p).weights();
            }
            net = net.withAllWeightsAsDoubles(params); // replaced again after the next batch
            if (delays != null) {
                net = delays.step(net, r.meanDelayGradients());
            }
            lossSum += r.meanLoss() * batch.length;
            correct += r.correct();
            seen += batch.length;
            listener.batchDone(b, lossSum / seen, (double) correct / seen);
        }
        Evaluation v = evaluate(evaluation, net, validation);
        Evaluation t = evaluate(evaluation, net, test);
        history.add(new EpochMetrics(epoch + 1, rate, lossSum / seen, (double) correct / seen, v.loss, v.accuracy,
                t.loss, t.accuracy, elapsed(start) + previousSeconds));
        return net;
    }

    /**
     * Fast and Deep's weight bumping: the first LIF layer (in network order) whose fraction of
     * missing spikes over the batch (silent neuron-sample pairs) exceeds its limit
     * ({@code bumpHiddenFraction} for hidden layers, {@code bumpOutputFraction} for the output)
     * gets {@code bump} added to every weight into each neuron that was silent in some sample.
     * The bump doubles while the same layer needs bumping batch after batch, else it restarts
     * at {@code weightBump}. Returns the layer bumped, or -1.
     */
    private int bumpSilentNeurons(Network net, BatchResult r, double[][] params, int batchSize) {
        double base = config.number("weightBump");
        if (base == 0) {
            return -1;
        }
        for (int pop = 0; pop < net.populations().size(); pop++) {
            if (net.population(pop).isInput()) {
                continue;
            }
            int size = net.population(pop).size();
            long missing = 0;
            for (int i = 0; i < size; i++) {
                missing += batchSize - r.firingSamples(net.offset(pop) + i);
            }
            double limit = config.number(pop == output ? "bumpOutputFraction" : "bumpHiddenFraction");
            if (missing <= limit * size * (double) batchSize) {
                continue;
            }
            bump = pop == lastBumped ? 2 * bump : base;
            raiseWeightsInto(net, params, pop, g -> r.firingSamples(g) < batchSize, bump);
            return pop;
        }
        return -1;
    }

    /**
     * Adds {@code reviveBump} times {@code decay} (the learning rate now over its initial value) to
     * every weight into each hidden neuron that fired in no sample of the batch before that
     * sample's outputs had all fired (later spikes cannot change a first-spike loss). A
     * spike-time loss has no gradient for such a neuron, so without this it stays silent for
     * good; unlike Fast and Deep's bumping it leaves neurons that fire for some samples alone, as
     * selective neurons of multi-spike networks do.
     */
    private void reviveSilentHiddenNeurons(Network net, BatchResult r, double[][] params, double decay) {
        double revive = config.number("reviveBump") * decay;
        for (int pop = 0; pop < net.populations().size() && revive > 0; pop++) {
            if (pop != output && !net.population(pop).isInput()) {
                raiseWeightsInto(net, params, pop, g -> r.firingSamples(g) == 0, revive);
            }
        }
    }

    /**
     * Adds {@code amount} to every weight into each neuron of population {@code pop} that
     * {@code raise} accepts (given its global index).
     */
    private static void raiseWeightsInto(Network net, double[][] params, int pop, IntPredicate raise, double amount) {
        for (int p = 0; p < net.projections().size(); p++) {
            var pr = net.projection(p);
            if (pr.target() != pop) {
                continue;
            }
            for (int s = 0; s < pr.synapseCount(); s++) {
                if (raise.test(net.offset(pop) + pr.post(s))) {
                    params[p][s] += amount;
                }
            }
        }
    }

    /** Keeps every weight within what the forward pass can realise (a chip's range). */
    private static void clampWeights(double[][] params, double limit) {
        if (limit == Double.POSITIVE_INFINITY) {
            return;
        }
        for (double[] w : params) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(-limit, Math.min(limit, w[i]));
            }
        }
    }

    /** Loss and accuracy of {@code net} on a whole dataset. */
    public static Evaluation evaluate(BatchGradients batches, Network net, LabelledSpikes data, int output,
                                      SpikeTimeLoss loss) {
        return evaluate(batches, net, data, output, Readout.firstSpikes(loss));
    }

    /** Loss and accuracy of {@code net} on a whole dataset, read by {@code readout}. */
    public static Evaluation evaluate(BatchGradients batches, Network net, LabelledSpikes data, int output,
                                      Readout readout) {
        if (data.sampleCount() == 0) {
            return new Evaluation(Double.NaN, Double.NaN, null);
        }
        SpikeTimeLossInputs in = new SpikeTimeLossInputs(data);
        int[] all = new int[data.sampleCount()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        BatchResult r = readout.run(batches, net, in.inputs, in.labels, all, output, false);
        return new Evaluation(r.meanLoss(), (double) r.correct() / all.length, r);
    }

    private Evaluation evaluate(BatchGradients batches, Network net, LabelledSpikes data) {
        return evaluate(batches, net, data, output, readout);
    }

    private int[] permutation(int n, int epoch) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplitMix64 rng = new SplitMix64(seed * 0x9E3779B97F4A7C15L + epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = (int) ((rng.nextLong() >>> 1) % (i + 1));
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    private Optimizer optimizer() {
        double rate = config.number("learningRate");
        Optimizer o = config.text("optimizer").equals("adam") ? new Adam(rate) : new SgdMomentum(rate, config.number("momentum"));
        if (config.number("clipValue") > 0) {
            o.clipValue(config.number("clipValue"));
        }
        if (config.number("clipNorm") > 0) {
            o.clipNorm(config.number("clipNorm"));
        }
        if (config.number("maxUpdateNorm") > 0) {
            o.maxUpdateNorm(config.number("maxUpdateNorm"));
        }
        return o;
    }

    private LearningRateSchedule schedule() {
        double rate = config.number("learningRate");
        switch (config.text("decay")) {
            case "step":
                return LearningRateSchedule.step(rate, config.integer("decayEvery"), config.number("decayFactor"));
            case "exponential":
                return LearningRateSchedule.exponential(rate, config.number("decayFactor"));
            default:
                return LearningRateSchedule.constant(rate);
        }
    }

    static double[][] weightsOf(Network net) {
        double[][] w = new double[net.projections().size()][];
        for (int p = 0; p < w.length; p++) {
            w[p] = net.projection(p).weights();
        }
        return w;
    }

    /**
     * The files of the epoch just trained (model.json, model-best.json if its validation accuracy
     * is the best so far, metrics.csv, checkpoint.json), as a write for the {@link EpochWriter}
     * by {@code files}: what changes with further training is copied now.
     */
    private EpochWriter.Write epochFiles(EpochFiles files, Network net, Optimizer optimizer, List<EpochMetrics> history,
                                         int epochsDone, double seconds) {
        EpochMetrics now = history.get(history.size() - 1);
        boolean best = true;
        for (EpochMetrics m : history) {
            best &= m == now || m.validationAccuracy < now.validationAccuracy;
        }
        boolean writeBest = best;
        List<EpochMetrics> metrics = List.copyOf(history);
        double[][] weights = weightsOf(net);
        long steps = optimizer.steps();
        double[][][] live = optimizer.state(); // the next batch steps these arrays: copied
        double[][][] state = new double[live.length][][];
        for (int i = 0; i < live.length; i++) {
            state[i] = new double[live[i].length][];
            for (int p = 0; p < live[i].length; p++) {
                state[i][p] = live[i][p].clone();
            }
        }
        int bumpedLayer = lastBumped;
        double bumpNow = bump;
        // delay learning's state is written now, the rest while the next epoch trains
        ObjectNode withDelays = delays == null ? null : Checkpoint.toJson(config, seed, epochsDone, weights, steps, state,
                bumpedLayer, bumpNow, metrics, seconds, delays);
        // the network is immutable; everything else is copied above
        return () -> files.write(net, writeBest, config, seed, epochsDone, weights, steps, state, bumpedLayer, bumpNow,
                metrics, seconds, withDelays);
    }

    private static double elapsed(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Loss and accuracy on a dataset, with the batch outcome (per-sample first spikes) when evaluated. */
    public static final class Evaluation {
        /** Mean loss over the dataset. */
        public final double loss;
        /** Fraction of samples classified correctly. */
        public final double accuracy;
        /** Per-sample outcomes (first spike times and predictions). */
        public final BatchResult outcome;

        Evaluation(double loss, double accuracy, BatchResult outcome) {
            this.loss = loss;
            this.accuracy = accuracy;
            this.outcome = outcome;
        }
    }

    /** Inputs and labels of a labelled spike set as arrays. */
    private static final class SpikeTimeLossInputs {
        final org.eventsnn.core.record.SpikeTrains[] inputs;
        final int[] labels;

        SpikeTimeLossInputs(LabelledSpikes data) {
            inputs = new org.eventsnn.core.record.SpikeTrains[data.sampleCount()];
            labels = new int[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = data.input(i);
                labels[i] = data.label(i);
            }
        }
    }

    /** Whether {@code dir} holds a checkpoint. */
    public static boolean hasCheckpoint(Path dir) {
        return Files.exists(dir.resolve(Checkpoint.FILE));
    }
}

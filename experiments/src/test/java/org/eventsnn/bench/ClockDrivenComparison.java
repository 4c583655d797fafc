package org.eventsnn.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import com.fasterxml.jackson.databind.JsonNode;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.datasets.LabelledSpikes;
import org.eventsnn.experiments.train.TemporalTask;
import org.eventsnn.experiments.train.TrainingConfig;
import org.eventsnn.experiments.train.TrainingTask;
import org.eventsnn.gradients.BatchGradients;
import org.eventsnn.gradients.EventProp;
import org.eventsnn.gradients.GradientMethod;
import org.eventsnn.gradients.OutputSpikes;
import org.eventsnn.gradients.SpikeCountCrossEntropy;

/**
 * The temporal tasks' exact event-driven passes against a dense clock-driven step of the same
 * network (docs/temporal-tasks.md, "Against a dense clock-driven step"). For a trained
 * {@code model.json} of {@code train randman|cue-accumulation} (its {@code result.json} beside it
 * gives the hyperparameters; without it the task's default preset), on the first N test samples
 * of the trainer's own dataset, one thread, CPU time of the thread, median over ROUNDS rounds
 * after 2 warm-up rounds, per sample:
 * <ol>
 *   <li>the exact forward pass as the trainer evaluates (one batch of all N, no gradients);</li>
 *   <li>the exact forward pass plus EventProp as the trainer trains (batches of {@code batchSize});</li>
 *   <li>{@link ClockDrivenNetwork} at dt = 1 ms and 0.1 ms, dense and sparse arrivals;</li>
 * </ol>
 * then how far each grid run's output spike counts and decisions are from the exact run's,
 * per-epoch times derived from the figures, and the least a BPTT step on the grid would cost.
 * Usage (after {@code mvn -DskipTests package}):
 * {@code java -cp experiments/target/eventsnn.jar experiments/src/test/java/org/eventsnn/bench/ClockDrivenComparison.java TASK MODEL N [ROUNDS]}.
 */
public final class ClockDrivenComparison {
    private static final double[] STEPS = {1e-3, 1e-4};
    private static final int WARM_UP = 2;
    /** Keeps the results of the timed work alive, so that none of it is optimised away. */
    private static double sink;

    private ClockDrivenComparison() {
    }

    /** One round of timed work over every sample; returns something derived from its results. */
    private interface Round {
        double run();
    }

    /** Prints the comparison; see the class comment for the arguments. */
    public static void main(String[] args) {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: ClockDrivenComparison randman|cue-accumulation MODEL.json N [ROUNDS]");
            System.exit(2);
        }
        TrainingTask named = TrainingTask.named(args[0]);
        if (!(named instanceof TemporalTask)) {
            throw new IllegalArgumentException("task must be randman or cue-accumulation, got " + args[0]);
        }
        TemporalTask task = (TemporalTask) named;
        Path modelFile = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        TrainingConfig config = configBeside(task, modelFile);
        Network net = ModelFiles.read(modelFile);
        LabelledSpikes test = testSamples(task, config, n);
        n = test.sampleCount();
        SpikeTrains[] inputs = new SpikeTrains[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            inputs[i] = test.input(i);
            labels[i] = test.label(i);
        }
        SpikeCountCrossEntropy loss = task.loss(config);
        int output = TemporalTask.OUTPUT_INDEX;
        int hidden = net.populationIndex(TemporalTask.HIDDEN);
        System.out.printf("%s, %s, %d test samples of %.3f s, %s, load average %.2f%n", args[0], modelFile, n,
                test.duration(), Instant.now(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        Supplier<GradientMethod> method = () -> new EventProp(config.number("silentPenalty"));
        double forward;
        double backward;
        try (BatchGradients evaluation = new BatchGradients(1, method);
             BatchGradients training = new BatchGradients(1, method)) {
            if (config.flag("learnDelays")) {
                training.withDelayGradients();
            }
            int[] all = range(0, n);
            List<int[]> batches = new ArrayList<>();
            for (int from = 0; from < n; from += config.integer("batchSize")) {
                batches.add(range(from, Math.min(n, from + config.integer("batchSize"))));
            }
            forward = perSampleMillis(rounds, n,
                    () -> evaluation.run(net, inputs, labels, all, output, loss, false).meanLoss());
            backward = perSampleMillis(rounds, n, () -> {
                double s = 0;
                for (int[] b : batches) {
                    s += training.run(net, inputs, labels, b, output, loss, true).meanLoss();
                }
                return s;
            });
        }
        Outcomes exact = Outcomes.exact(net, inputs, labels, output, loss);
        System.out.printf("exact (event-driven): forward %.3f ms, forward + EventProp %.3f ms CPU per sample;"
                + " %.1f hidden and %.2f output spikes per sample, accuracy %.1f %%%n", forward, backward,
                exact.meanSpikes(hidden), exact.meanSpikes(output), 100.0 * exact.accuracy());

        int train = config.integer("trainSize");
        int evaluated = config.integer("validationSize") + config.integer("testSize");
        System.out.printf("epoch (%d trained, %d evaluated): exact %.1f s%n", train, evaluated,
                (train * backward + evaluated * forward) / 1e3);
        for (double dt : STEPS) {
            ClockDrivenNetwork dense = new ClockDrivenNetwork(net, dt, true);
            ClockDrivenNetwork sparse = new ClockDrivenNetwork(net, dt, false);
            double denseMs = perSampleMillis(rounds, n, () -> dense.runAll(inputs));
            double sparseMs = perSampleMillis(rounds, n, () -> sparse.runAll(inputs));
            Outcomes grid = Outcomes.grid(dense, inputs, labels, output, loss);
            int steps = dense.steps(test.duration());
            long stateBytes = 4L * steps * dense.stateVariables();
            System.out.printf("clock dt = %s ms (%d steps): dense %.3f ms, sparse %.3f ms CPU per sample"
                    + " (%.1fx / %.1fx the exact forward); %.1f hidden and %.2f output spikes per sample;"
                    + " output counts equal to the exact run's in %.1f %% of samples, mean sum of |count"
                    + " difference| %.2f; decision agrees in %.1f %%, accuracy %.1f %% (exact %.1f %%)%n",
                    dt * 1e3, steps, denseMs, sparseMs, denseMs / forward, sparseMs / forward,
                    grid.meanSpikes(hidden), grid.meanSpikes(output),
                    100.0 * grid.sameCounts(exact, output), grid.meanCountDifference(exact, output),
                    100.0 * grid.sameDecisions(exact), 100.0 * grid.accuracy(), 100.0 * exact.accuracy());
            System.out.printf("  BPTT on this grid, at least: forward + a backward of similar cost = %.3f ms per"
                    + " sample (dense), storing %d steps x %d state variables = %.1f MB per sample in float32;"
                    + " epoch >= %.1f s (forward only: %.1f s)%n", 2 * denseMs, steps, dense.stateVariables(),
                    stateBytes / 1e6, (train * 2 * denseMs + evaluated * denseMs) / 1e3,
                    (train + evaluated) * denseMs / 1e3);
        }
        System.out.println(sink != 0 ? "ok" : "-");
    }

    /** The hyperparameters in {@code result.json} beside the model, else the task's default preset. */
    private static TrainingConfig configBeside(TemporalTask task, Path modelFile) {
        Path parent = modelFile.toAbsolutePath().getParent();
        Path result = parent == null ? null : parent.resolve("result.json");
        if (result == null || !Files.isRegularFile(result)) {
            System.out.println("no result.json beside the model: the task's default preset");
            return task.preset(null);
        }
        JsonNode hp = Json.read(result).get("hyperparameters");
        TrainingConfig c = task.preset(hp.get("preset").asText());
        for (Map.Entry<String, JsonNode> e : hp.properties()) {
            c = c.with(e.getKey(), e.getValue().asText());
        }
        return c;
    }

    /** The first {@code n} test samples of the trainer's dataset, window extended by {@code tail}. */
    private static LabelledSpikes testSamples(TemporalTask task, TrainingConfig c, int n) {
        LabelledSpikes all = task.dataset(c);
        int from = c.integer("trainSize") + c.integer("validationSize");
        int to = Math.min(all.sampleCount(), from + n);
        double tail = c.number("tail");
        SpikeTrains[] in = new SpikeTrains[to - from];
        int[] labels = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = all.input(from + i).withDuration(all.duration() + tail);
            labels[i] = all.label(from + i);
        }
        return new LabelledSpikes(all.population(), all.inputSize(), all.classCount(), all.duration() + tail, in, labels);
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        Arrays.setAll(r, i -> from + i);
        return r;
    }

    /** Median CPU milliseconds of the calling thread per sample over {@code rounds} rounds, after warm-up. */
    private static double perSampleMillis(int rounds, int samples, Round round) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] ms = new double[rounds];
        for (int r = -WARM_UP; r < rounds; r++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            sink += round.run();
            long t1 = cpu.getCurrentThreadCpuTime();
            if (r >= 0) {
                ms[r] = (t1 - t0) / 1e6 / samples;
            }
        }
        Arrays.sort(ms);
        return ms[rounds / 2];
    }

    /** Spike counts per sample and neuron, and the decisions of the task's readout, of one kind of run. */
    static final class Outcomes {
        private final Network net;
        private final int[][] counts;
        private final int[] predictions;
        private final int[] labels;

        private Outcomes(Network net, int[][] counts, int[] predictions, int[] labels) {
            this.net = net;
            this.counts = counts;
            this.predictions = predictions;
            this.labels = labels;
        }

        /** The exact event-driven runs of every input. */
        static Outcomes exact(Network net, SpikeTrains[] inputs, int[] labels, int output, SpikeCountCrossEntropy loss) {
            Simulator simulator = new Simulator(net);
            int[][] counts = new int[inputs.length][];
            int[] predictions = new int[inputs.length];
            int lo = net.offset(output);
            int size = net.population(output).size();
            for (int s = 0; s < inputs.length; s++) {
                SimulationResult r = simulator.run(inputs[s]);
                SpikeRecord rec = r.record();
                counts[s] = new int[net.neuronCount()];
                int outputSpikes = 0;
                for (int k = 0; k < rec.count(); k++) {
                    counts[s][rec.neuron(k)]++;
                    outputSpikes += rec.neuron(k) >= lo && rec.neuron(k) < lo + size ? 1 : 0;
                }
                double[] time = new double[outputSpikes];
                int[] neuron = new int[outputSpikes];
                int j = 0;
                for (int k = 0; k < rec.count(); k++) {
                    if (rec.neuron(k) >= lo && rec.neuron(k) < lo + size) {
                        time[j] = rec.time(k);
                        neuron[j++] = rec.neuron(k) - lo;
                    }
                }
                predictions[s] = loss.predict(new OutputSpikes(size, r.duration(), time, neuron));
                simulator.recycle(r);
            }
            return new Outcomes(net, counts, predictions, labels.clone());
        }

        /** The runs of every input on {@code grid}. */
        static Outcomes grid(ClockDrivenNetwork grid, SpikeTrains[] inputs, int[] labels, int output,
                            SpikeCountCrossEntropy loss) {
            int[][] counts = new int[inputs.length][];
            int[] predictions = new int[inputs.length];
            for (int s = 0; s < inputs.length; s++) {
                grid.run(inputs[s]);
                counts[s] = new int[grid.network().neuronCount()];
                for (int k = 0; k < grid.spikeCount(); k++) {
                    counts[s][grid.spikeNeuron(k)]++;
                }
                predictions[s] = loss.predict(grid.outputSpikes(output, inputs[s].duration()));
            }
            return new Outcomes(grid.network(), counts, predictions, labels.clone());
        }

        /** Mean spikes per sample of population {@code p}. */
        double meanSpikes(int p) {
            long total = 0;
            for (int[] c : counts) {
                for (int g = net.offset(p); g < net.offset(p) + net.population(p).size(); g++) {
                    total += c[g];
                }
            }
            return (double) total / counts.length;
        }

        /** Fraction of samples whose population {@code p} fired exactly as often per neuron as in {@code other}. */
        double sameCounts(Outcomes other, int p) {
            int same = 0;
            for (int s = 0; s < counts.length; s++) {
                boolean equal = true;
                for (int g = net.offset(p); g < net.offset(p) + net.population(p).size(); g++) {
                    equal &= counts[s][g] == other.counts[s][g];
                }
                same += equal ? 1 : 0;
            }
            return (double) same / counts.length;
        }

        /** Mean over samples of the sum over population {@code p}'s neurons of |count - other's count|. */
        double meanCountDifference(Outcomes other, int p) {
            long total = 0;
            for (int s = 0; s < counts.length; s++) {
                for (int g = net.offset(p); g < net.offset(p) + net.population(p).size(); g++) {
                    total += Math.abs(counts[s][g] - other.counts[s][g]);
                }
            }
            return (double) total / counts.length;
        }

        /** Fraction of samples where the decision equals {@code other}'s. */
        double sameDecisions(Outcomes other) {
            int same = 0;
            for (int s = 0; s < predictions.length; s++) {
                same += predictions[s] == other.predictions[s] ? 1 : 0;
            }
            return (double) same / predictions.length;
        }

        /** Fraction of samples decided right. */
        double accuracy() {
            int right = 0;
            for (int s = 0; s < predictions.length; s++) {
                right += predictions[s] == labels[s] ? 1 : 0;
            }
            return (double) right / predictions.length;
        }
    }

    /**
     * Benchmark baseline, not part of the library: a clock-driven simulation of a network on a
     * grid of step {@code dt}, as time-stepped simulators and BPTT trainers run it. Every LIF
     * neuron is updated every step by the exact propagator over the step (as NEST's
     * {@code iaf_psc_exp}): each receptor current decays by {@code exp(-dt/tau_k)}, the membrane by
     * {@code exp(-dt/tauMem)} plus each current times {@code tau_k/(tau_k - tauMem)
     * (exp(-dt/tau_k) - exp(-dt/tauMem))} ({@code dt/tauMem exp(-dt/tauMem)} if the two are
     * equal). A neuron spikes at a grid point where {@code V >= threshold}; then {@code V := reset},
     * held there for {@code round(refractory/dt)} steps. An input spike at {@code t} counts at the
     * first grid point not before it (times within 1e-9 steps of a grid point count as on it), a
     * delay is rounded to the nearest whole number of steps, and a spike at grid point m over a
     * delay of D steps adds its weight to the target's current at grid point m + D, before the
     * step from there. Arrivals are, per projection and delay, a product of the weight matrix
     * with the vector of spikes D steps ago: <b>dense</b> multiplies the whole matrix every step
     * (one-to-one projections, such as the adaptation self-projection, elementwise), as a
     * tensor-based trainer does; <b>sparse</b> adds the rows of the neurons that spiked only. Both
     * add the same products in the same order, so they give the same bits. Networks with
     * per-neuron parameters, delta receptors, Poisson drives or procedural projections are refused.
     */
    static final class ClockDrivenNetwork {
        private static final double ON_GRID = 1e-9;
        private final Network net;
        private final double dt;
        private final boolean dense;
        private final int n;
        private final int receptors;
        private final int ring;
        /** Spikes per neuron at each of the last {@code ring} grid points, slot {@code m % ring}. */
        private final double[][] spikesAt;
        private final double[] v;
        private final double[][] current;
        private final int[] refractoryLeft;
        private final List<Arrivals> arrivals = new ArrayList<>();
        // per population (unused for input populations)
        private final double[] membraneDecay;
        private final double[][] currentDecay;
        private final double[][] currentGain;
        private final int[] refractorySteps;
        // the spikes of the last run, in time order
        private int[] spikeNeuron = new int[1024];
        private double[] spikeTime = new double[1024];
        private int spikes;

        /** The network {@code net} on a grid of step {@code dt}, with dense or sparse arrivals. */
        ClockDrivenNetwork(Network net, double dt, boolean dense) {
            if (!(dt > 0)) {
                throw new IllegalArgumentException("dt must be > 0, got " + dt);
            }
            this.net = net;
            this.dt = dt;
            this.dense = dense;
            this.n = net.neuronCount();
            int pops = net.populations().size();
            membraneDecay = new double[pops];
            currentDecay = new double[pops][];
            currentGain = new double[pops][];
            refractorySteps = new int[pops];
            int most = 1;
            for (int p = 0; p < pops; p++) {
                Population pop = net.population(p);
                if (pop.isInput()) {
                    continue;
                }
                if (pop.hasNeuronParams() || pop.hasDeltaReceptor() || pop.poisson() != null) {
                    throw new IllegalArgumentException("population " + pop.name()
                            + ": per-neuron parameters, delta receptors and Poisson drives are not supported");
                }
                NeuronParameters params = pop.params();
                double em = Math.exp(-dt / params.tauMem());
                membraneDecay[p] = em;
                int k = params.receptorCount();
                most = Math.max(most, k);
                currentDecay[p] = new double[k];
                currentGain[p] = new double[k];
                for (int r = 0; r < k; r++) {
                    double tau = params.receptorTau(r);
                    double es = Math.exp(-dt / tau);
                    currentDecay[p][r] = es;
                    currentGain[p][r] = tau == params.tauMem() ? dt / tau * em : tau / (tau - params.tauMem()) * (es - em);
                }
                refractorySteps[p] = (int) Math.round(params.refractory() / dt);
            }
            receptors = most;
            int longest = 0;
            for (int j = 0; j < net.projections().size(); j++) {
                longest = Math.max(longest, addArrivals(j));
            }
            ring = longest + 1;
            spikesAt = new double[ring][n];
            v = new double[n];
            current = new double[receptors][n];
            refractoryLeft = new int[n];
        }

        /** Adds projection {@code j}'s arrivals, one per delay in steps; returns the longest delay in steps. */
        private int addArrivals(int j) {
            Projection pr = net.projection(j);
            if (!pr.isStored()) {
                throw new IllegalArgumentException("projection " + j + " is procedural: not supported");
            }
            int sourceSize = net.population(pr.source()).size();
            int targetSize = net.population(pr.target()).size();
            boolean oneToOne = sourceSize == targetSize;
            int longest = 0;
            for (int i = 0; i < sourceSize; i++) {
                for (int r = pr.rowStart(i); r < pr.rowStart(i + 1); r++) {
                    oneToOne &= pr.rowPost(r) == i;
                    longest = Math.max(longest, delaySteps(pr.rowDelay(r)));
                }
            }
            Arrivals[] byDelay = new Arrivals[longest + 1];
            for (int i = 0; i < sourceSize; i++) {
                for (int r = pr.rowStart(i); r < pr.rowStart(i + 1); r++) {
                    int d = delaySteps(pr.rowDelay(r));
                    if (byDelay[d] == null) {
                        byDelay[d] = new Arrivals(net.offset(pr.source()), sourceSize, net.offset(pr.target()),
                                targetSize, pr.receptor(), d, oneToOne);
                    }
                    byDelay[d].weights[oneToOne ? i : i * targetSize + pr.rowPost(r)] += pr.rowWeight(r);
                }
            }
            for (Arrivals a : byDelay) {
                if (a != null) {
                    arrivals.add(a);
                }
            }
            return longest;
        }

        private int delaySteps(double delay) {
            return (int) Math.round(delay / dt);
        }

        /** The network simulated. */
        Network network() {
            return net;
        }

        /** Steps in a window of {@code duration}. */
        int steps(double duration) {
            return gridIndex(duration);
        }

        /** State variables per step a BPTT pass keeps: membrane and receptor currents of every LIF neuron. */
        int stateVariables() {
            int total = 0;
            for (int p = 0; p < net.populations().size(); p++) {
                Population pop = net.population(p);
                total += pop.isInput() ? 0 : pop.size() * (1 + pop.params().receptorCount());
            }
            return total;
        }

        /** The first grid index whose time is not before {@code t}. */
        private int gridIndex(double t) {
            return (int) Math.ceil(t / dt - ON_GRID);
        }

        /** Runs every input in turn; returns the total number of spikes (something to keep). */
        double runAll(SpikeTrains[] inputs) {
            long total = 0;
            for (SpikeTrains in : inputs) {
                run(in);
                total += spikes;
            }
            return total;
        }

        /** Simulates {@code input} over its window; the spikes are then {@link #spikeNeuron}, {@link #spikeTime}. */
        void run(SpikeTrains input) {
            input.requireInputOf(net);
            int steps = gridIndex(input.duration());
            reset();
            List<String> names = new ArrayList<>(input.populations());
            int[][] inNeuron = new int[names.size()][];
            int[][] inStep = new int[names.size()][];
            int[] inOffset = new int[names.size()];
            int[] cursor = new int[names.size()];
            for (int q = 0; q < names.size(); q++) {
                inNeuron[q] = input.neurons(names.get(q));
                double[] times = input.times(names.get(q));
                inStep[q] = new int[times.length];
                for (int s = 0; s < times.length; s++) {
                    inStep[q][s] = gridIndex(times[s]);
                }
                inOffset[q] = net.offset(net.populationIndex(names.get(q)));
            }
            for (int m = 0; m <= steps; m++) {
                double[] now = spikesAt[m % ring];
                for (int q = 0; q < names.size(); q++) {
                    for (; cursor[q] < inStep[q].length && inStep[q][cursor[q]] == m; cursor[q]++) {
                        now[inOffset[q] + inNeuron[q][cursor[q]]] += 1;
                    }
                }
                for (Arrivals a : arrivals) {
                    if (dense) {
                        a.addDense(spikesAt[Math.floorMod(m - a.delay, ring)], current[a.receptor]);
                    } else if (m >= a.delay) {
                        a.addSparse(spikesAt[(m - a.delay) % ring], current[a.receptor]);
                    }
                }
                if (m == steps) {
                    break;
                }
                double[] next = spikesAt[(m + 1) % ring];
                Arrays.fill(next, 0);
                for (int p = 0; p < net.populations().size(); p++) {
                    if (!net.population(p).isInput()) {
                        step(p, next, (m + 1) * dt);
                    }
                }
            }
        }

        private void reset() {
            for (double[] s : spikesAt) {
                Arrays.fill(s, 0);
            }
            for (double[] c : current) {
                Arrays.fill(c, 0);
            }
            Arrays.fill(refractoryLeft, 0);
            for (int p = 0; p < net.populations().size(); p++) {
                for (int i = 0; !net.population(p).isInput() && i < net.population(p).size(); i++) {
                    v[net.offset(p) + i] = net.population(p).initialV(i);
                }
            }
            spikes = 0;
        }

        /** Advances population {@code p} by one step to time {@code t}, marking its spikes in {@code fired}. */
        private void step(int p, double[] fired, double t) {
            NeuronParameters params = net.population(p).params();
            double leak = params.leak();
            double threshold = params.threshold();
            double em = membraneDecay[p];
            double[] es = currentDecay[p];
            double[] gain = currentGain[p];
            int from = net.offset(p);
            int to = from + net.population(p).size();
            for (int g = from; g < to; g++) {
                double u = (v[g] - leak) * em;
                for (int k = 0; k < es.length; k++) {
                    u += current[k][g] * gain[k];
                    current[k][g] *= es[k];
                }
                if (refractoryLeft[g] > 0) {
                    refractoryLeft[g]--;
                    continue; // held at reset
                }
                v[g] = u + leak;
                if (v[g] >= threshold) {
                    v[g] = params.reset();
                    refractoryLeft[g] = refractorySteps[p];
                    fired[g] = 1;
                    record(g, t);
                }
            }
        }

        private void record(int g, double t) {
            if (spikes == spikeNeuron.length) {
                spikeNeuron = Arrays.copyOf(spikeNeuron, 2 * spikes);
                spikeTime = Arrays.copyOf(spikeTime, 2 * spikes);
            }
            spikeNeuron[spikes] = g;
            spikeTime[spikes++] = t;
        }

        /** Spikes of LIF neurons in the last run. */
        int spikeCount() {
            return spikes;
        }

        /** Network-wide index of the neuron of spike {@code k} of the last run (time order). */
        int spikeNeuron(int k) {
            return spikeNeuron[k];
        }

        /** Grid time of spike {@code k} of the last run. */
        double spikeTime(int k) {
            return spikeTime[k];
        }

        /** The last run's spikes of population {@code p}, in a window of {@code window}. */
        OutputSpikes outputSpikes(int p, double window) {
            int lo = net.offset(p);
            int size = net.population(p).size();
            int count = 0;
            for (int k = 0; k < spikes; k++) {
                count += spikeNeuron[k] >= lo && spikeNeuron[k] < lo + size ? 1 : 0;
            }
            double[] time = new double[count];
            int[] neuron = new int[count];
            int j = 0;
            for (int k = 0; k < spikes; k++) {
                if (spikeNeuron[k] >= lo && spikeNeuron[k] < lo + size) {
                    time[j] = Math.min(spikeTime[k], window);
                    neuron[j++] = spikeNeuron[k] - lo;
                }
            }
            return new OutputSpikes(size, window, time, neuron);
        }
    }

    /** One projection's synapses of one delay (in steps) as a weight matrix, or a diagonal if one-to-one. */
    private static final class Arrivals {
        final int sourceOffset;
        final int sourceSize;
        final int targetOffset;
        final int targetSize;
        final int receptor;
        final int delay;
        final boolean oneToOne;
        /** Row-major {@code [source][target]}, or {@code [source]} if one-to-one. */
        final double[] weights;

        Arrivals(int sourceOffset, int sourceSize, int targetOffset, int targetSize, int receptor, int delay,
                 boolean oneToOne) {
            this.sourceOffset = sourceOffset;
            this.sourceSize = sourceSize;
            this.targetOffset = targetOffset;
            this.targetSize = targetSize;
            this.receptor = receptor;
            this.delay = delay;
            this.oneToOne = oneToOne;
            this.weights = new double[oneToOne ? sourceSize : sourceSize * targetSize];
        }

        /** {@code current += W^T spikes}, the whole matrix. */
        void addDense(double[] spikes, double[] current) {
            if (oneToOne) {
                for (int i = 0; i < sourceSize; i++) {
                    current[targetOffset + i] += spikes[sourceOffset + i] * weights[i];
                }
                return;
            }
            for (int i = 0; i < sourceSize; i++) {
                double s = spikes[sourceOffset + i];
                int row = i * targetSize;
                for (int j = 0; j < targetSize; j++) {
                    current[targetOffset + j] += s * weights[row + j];
                }
            }
        }

        /** The same sum over the rows of the neurons that spiked only. */
        void addSparse(double[] spikes, double[] current) {
            for (int i = 0; i < sourceSize; i++) {
                double s = spikes[sourceOffset + i];
                if (s == 0) {
                    continue;
                }
                if (oneToOne) {
                    current[targetOffset + i] += s * weights[i];
                    continue;
                }
                int row = i * targetSize;
                for (int j = 0; j < targetSize; j++) {
                    current[targetOffset + j] += s * weights[row + j];
                }
            }
        }
    }
}

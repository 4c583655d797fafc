package org.eventsnn.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.util.Pair;
import org.eventsnn.core.solver.LifDynamics;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.io.FormatHeader;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.NodeReader;

/**
 * Per-neuron parameters of a chip estimated from probe stimuli, and the chip's readout
 * offset. For each neuron: the leak is the mean ADC sample at rest; tauMem and tauSyn are
 * fitted (Levenberg-Marquardt, Apache Commons Math) to a sampled sub-threshold response to one
 * input of known weight; threshold and reset come from finely sampled ADC traces around a
 * spike driven by a strong input; the readout offset is the mean difference between observed
 * spike times and those the fitted model predicts.
 */
public final class Calibration {
    /** The {@code format} field of calibration files (version 1). */
    public static final String FORMAT = "eventsnn-calibration";
    private static final double ADC_NOISE = 0.002;

    private final long chipSeed;
    private final double readoutOffsetMicros;
    private final NeuronParameters[] neurons;

    Calibration(long chipSeed, double readoutOffsetMicros, NeuronParameters[] neurons) {
        this.chipSeed = chipSeed;
        this.readoutOffsetMicros = readoutOffsetMicros;
        this.neurons = neurons;
    }

    /** The seed of the chip that was measured. */
    public long chipSeed() {
        return chipSeed;
    }

    /** The estimated readout offset, hardware microseconds. */
    public double readoutOffsetMicros() {
        return readoutOffsetMicros;
    }

    /** Number of calibrated chip neurons (slots 0 to count - 1). */
    public int neuronCount() {
        return neurons.length;
    }

    /** Estimated parameters of chip neuron {@code slot}. */
    public NeuronParameters neuron(int slot) {
        return neurons[slot];
    }

    /** Calibrates the first {@code count} neurons of {@code chip} when configured with {@code nominal}. */
    public static Calibration measure(MockAnalogChip chip, NeuronParameters nominal, int count) {
        NeuronParameters[] est = new NeuronParameters[count];
        double offsetSum = 0;
        int offsets = 0;
        for (int slot = 0; slot < count; slot++) {
            est[slot] = neuron(chip, nominal, slot);
            double[] d = offset(chip, nominal, est[slot], slot);
            offsetSum += d[0];
            offsets += (int) d[1];
        }
        double offsetModel = offsets == 0 ? 0 : offsetSum / offsets;
        return new Calibration(chip.config().chipSeed, offsetModel * 1e6 / chip.config().speedup, est);
    }

    private static NeuronParameters neuron(MockAnalogChip chip, NeuronParameters nominal, int slot) {
        double tau = Math.max(nominal.tauMem(), nominal.receptorTau(0));
        double duration = 12 * tau;
        double[] rest = grid(0, duration, 50);
        MockAnalogChip.Probe quiet = chip.probe(slot, nominal, 0, 1, 0, duration, rest, ADC_NOISE, 0);
        double leak = mean(quiet.samples);
        double gap = nominal.threshold() - nominal.leak();
        LifDynamics nominalDyn = new LifDynamics(nominal);
        double peak = Math.abs(nominalDyn.kernel(0, peakTime(nominal)));
        double strong = chip.config().maxWeightSteps() * chip.config().weightScale;
        int inputs = (int) Math.ceil(0.5 * gap / peak / strong);
        double weight = chip.quantizer().apply(0.5 * gap / peak / inputs);
        double noise = ADC_NOISE * (nominal.threshold() - nominal.reset());
        if (!(0.5 * gap > 10 * noise)) {
            throw new IllegalArgumentException("cannot calibrate neurons with threshold " + nominal.threshold() + ", leak "
                    + nominal.leak() + " and reset " + nominal.reset() + ": the probe's membrane response (half of"
                    + " threshold - leak, " + 0.5 * gap + ") is within 10 times the ADC noise (" + ADC_NOISE
                    + " of threshold - reset, " + noise + "); a reset far below the leak (a fire-once reset such as"
                    + " the jaxsnn preset's) leaves nothing to fit");
        }
        double t0 = 0.1 * tau;
        double[] times = grid(t0, duration, 200);
        MockAnalogChip.Probe psp = chip.probe(slot, nominal, weight, inputs, t0, duration, times, ADC_NOISE, 1);
        double[] taus = fitTaus(nominal, weight * inputs, t0, times, psp.samples, leak);
        int burst = burst(chip, nominal);
        double[] thresholdAndReset = thresholdAndReset(chip, nominal, slot, strong, burst, t0, tau);
        double threshold = thresholdAndReset[0];
        double reset = thresholdAndReset[1];
        return estimate(nominal, taus[0], taus[1], threshold, leak, reset);
    }

    /**
     * {@code nominal} (receptor names, refractory period) with estimated values; every receptor's
     * time constant is scaled like the synaptic one, from {@code nominal.receptorTau(0)} to {@code tauSyn}.
     */
    private static NeuronParameters estimate(NeuronParameters nominal, double tauMem, double tauSyn, double threshold,
                                             double leak, double reset) {
        String[] names = new String[nominal.receptorCount()];
        double[] taus = new double[names.length];
        for (int k = 0; k < names.length; k++) {
            names[k] = nominal.receptorName(k);
            taus[k] = nominal.receptorTau(k) * tauSyn / nominal.receptorTau(0);
        }
        return nominal.toBuilder().tauMem(tauMem).receptors(names, taus).threshold(threshold).leak(leak).reset(reset)
                .build();
    }

    /**
     * Threshold and reset from the ADC around a spike driven by a strong burst. A coarse trace
     * (tau/1000 apart) finds the spike; a fine one (tau/100000 apart) around it finds the drop
     * to reset. The highest sample alone would lie below the threshold by the rise between two
     * samples (a bias that shifts every predicted spike and so the readout offset), so the
     * threshold is a straight line fitted to the samples of the last 0.5 % of tau before the
     * drop, taken at the drop; the reset is the mean of the first five samples after it.
     */
    private static double[] thresholdAndReset(MockAnalogChip chip, NeuronParameters nominal, int slot, double strong,
                                              int burst, double t0, double tau) {
        double end = t0 + 4 * tau;
        double[] coarse = grid(t0, end, 4000);
        double[] v = chip.probe(slot, nominal, strong, burst, t0, end, coarse, ADC_NOISE, 2).samples;
        int top = 0;
        for (int i = 1; i < coarse.length; i++) {
            if (v[i] > v[top]) {
                top = i;
            }
        }
        double low = v[top];
        for (int i = top + 1; i < coarse.length; i++) {
            low = Math.min(low, v[i]);
        }
        double step = tau / 1000;
        if (!(low < v[top] - 10 * ADC_NOISE * (nominal.threshold() - nominal.reset()))) {
            return new double[] {v[top], nominal.reset()}; // no spike seen: the highest sample is all we have
        }
        double[] fine = grid(coarse[top] - 10 * step, Math.min(end, coarse[top] + 10 * step), 2000);
        double[] f = chip.probe(slot, nominal, strong, burst, t0, end, fine, ADC_NOISE, 3).samples;
        double middle = (v[top] + low) / 2;
        int drop = 1;
        while (drop < fine.length - 5 && !(f[drop] < middle)) {
            drop++;
        }
        double crossing = (fine[drop - 1] + fine[drop]) / 2;
        int from = 0;
        while (fine[from] < crossing - 5 * step) {
            from++;
        }
        double sumT = 0;
        double sumV = 0;
        for (int i = from; i < drop; i++) {
            sumT += fine[i];
            sumV += f[i];
        }
        double meanT = sumT / (drop - from);
        double meanV = sumV / (drop - from);
        double cov = 0;
        double var = 0;
        for (int i = from; i < drop; i++) {
            cov += (fine[i] - meanT) * (f[i] - meanV);
            var += (fine[i] - meanT) * (fine[i] - meanT);
        }
        double threshold = meanV + (var > 0 ? cov / var : 0) * (crossing - meanT);
        double reset = 0;
        for (int i = drop; i < drop + 5; i++) {
            reset += f[i] / 5;
        }
        return new double[] {threshold, Math.min(reset, threshold - 1e-6 * Math.abs(threshold - nominal.reset()))};
    }

    /** Mean (observed - predicted) spike time over a few strong probes, and how many were used. */
    private static double[] offset(MockAnalogChip chip, NeuronParameters nominal, NeuronParameters est, int slot) {
        double tau = Math.max(nominal.tauMem(), nominal.receptorTau(0));
        double t0 = 0.1 * tau;
        double weight = chip.config().maxWeightSteps() * chip.config().weightScale;
        int burst = burst(chip, nominal);
        SimulationResult predicted = new Simulator(MockAnalogChip.probeNetwork(est, weight, burst))
                .run(MockAnalogChip.probeInput(burst, t0, t0 + 4 * tau));
        double[] p = predicted.spikes().times("neuron");
        double sum = 0;
        int n = 0;
        for (int trial = 0; trial < 8 && p.length > 0; trial++) {
            MockAnalogChip.Probe obs = chip.probe(slot, nominal, weight, burst, t0, t0 + 4 * tau, new double[0], 0, 100 + trial);
            if (obs.spikes.length > 0) {
                sum += obs.spikes[0] - p[0];
                n++;
            }
        }
        return new double[] {sum, n};
    }

    /** Inputs of the largest weight needed to drive a neuron to about twice its threshold. */
    private static int burst(MockAnalogChip chip, NeuronParameters nominal) {
        double peak = Math.abs(new LifDynamics(nominal).kernel(0, peakTime(nominal)));
        double strong = chip.config().maxWeightSteps() * chip.config().weightScale;
        return (int) Math.max(1, Math.ceil(2 * (nominal.threshold() - nominal.leak()) / (peak * strong)));
    }

    private static double peakTime(NeuronParameters p) {
        double a = 1 / p.tauMem();
        double b = 1 / p.receptorTau(0);
        return a == b ? p.tauMem() : Math.log(a / b) / (a - b);
    }

    /** Least-squares fit of (tauMem, tauSyn) to {@code V - leak = w K(t - t0)}, in log space. */
    private static double[] fitTaus(NeuronParameters nominal, double w, double t0, double[] times, double[] samples,
                                    double leak) {
        double[] target = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            target[i] = samples[i] - leak;
        }
        var model = (org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction) point -> {
            double[] x = point.toArray();
            double[] value = response(x, w, t0, times);
            double[][] jac = new double[times.length][2];
            for (int k = 0; k < 2; k++) {
                double[] x2 = x.clone();
                x2[k] += 1e-6;
                double[] v2 = response(x2, w, t0, times);
                for (int i = 0; i < times.length; i++) {
                    jac[i][k] = (v2[i] - value[i]) / 1e-6;
                }
            }
            return new Pair<>(new ArrayRealVector(value), new Array2DRowRealMatrix(jac, false));
        };
        double[] start = {Math.log(nominal.tauMem()), Math.log(nominal.receptorTau(0) * 1.01)};
        var problem = new LeastSquaresBuilder().start(start).model(model).target(target).maxEvaluations(2000)
                .maxIterations(2000).build();
        double[] x = new LevenbergMarquardtOptimizer().optimize(problem).getPoint().toArray();
        return new double[] {Math.exp(x[0]), Math.exp(x[1])};
    }

    private static double[] response(double[] logTaus, double w, double t0, double[] times) {
        double a = Math.exp(-logTaus[0]);
        double b = Math.exp(-logTaus[1]);
        double[] v = new double[times.length];
        NeuronParameters p = NeuronParameters.builder().tauMem(1 / a).tauSyn(1 / b).threshold(1e9).build();
        LifDynamics dyn = new LifDynamics(p);
        for (int i = 0; i < times.length; i++) {
            double d = times[i] - t0;
            v[i] = d > 0 ? w * dyn.kernel(0, d) : 0;
        }
        return v;
    }

    private static double[] grid(double from, double to, int n) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = from + (to - from) * (i + 0.5) / n;
        }
        return g;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /**
     * {@code model} with each LIF neuron given the calibrated parameters of the chip neuron it
     * occupies (slots in global-index order; neurons beyond the calibrated slots keep their
     * population's). Receptor names and the refractory period stay the population's; every
     * receptor's time constant is scaled like the calibrated synaptic one.
     */
    public Network applyTo(Network model) {
        Network net = model;
        int slot = 0;
        for (int p = 0; p < model.populations().size(); p++) {
            Population pop = model.population(p);
            if (pop.isInput()) {
                continue;
            }
            NeuronParameters nom = pop.params();
            NeuronParameters[] each = new NeuronParameters[pop.size()];
            for (int i = 0; i < each.length; i++, slot++) {
                if (slot < neurons.length) {
                    NeuronParameters e = neurons[slot];
                    each[i] = estimate(nom, e.tauMem(), e.receptorTau(0), e.threshold(), e.leak(), e.reset());
                } else {
                    each[i] = pop.params(i);
                }
            }
            net = net.withNeuronParams(p, each);
        }
        return net;
    }

    /** Writes this calibration (format {@code eventsnn-calibration}) atomically. */
    public void write(Path file) throws IOException {
        Json.write(file, toJson());
    }

    /** This calibration as a JSON tree (format {@code eventsnn-calibration}). */
    public ObjectNode toJson() {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.put("version", 1);
        root.put("chipSeed", chipSeed);
        root.put("readoutOffsetMicros", readoutOffsetMicros);
        ArrayNode list = root.putArray("neurons");
        for (int i = 0; i < neurons.length; i++) {
            NeuronParameters p = neurons[i];
            ObjectNode o = list.addObject();
            o.put("slot", i);
            o.put("tauMem", p.tauMem());
            o.put("tauSyn", p.receptorTau(0));
            o.put("threshold", p.threshold());
            o.put("leak", p.leak());
            o.put("reset", p.reset());
        }
        return root;
    }

    /** Reads a calibration file; {@code nominal} supplies receptor names and the refractory period. */
    public static Calibration read(Path file, NeuronParameters nominal) {
        JsonNode json = Json.read(file);
        NodeReader root = NodeReader.root(file.toString(), json);
        FormatHeader.require(root, FORMAT, 1);
        NodeReader list = root.field("neurons");
        NeuronParameters[] est = new NeuronParameters[list.size()];
        for (int i = 0; i < est.length; i++) {
            NodeReader n = list.at(i);
            if (n.field("slot").asInt() != i) {
                throw n.field("slot").error("must be " + i + ": the entries list the chip's neurons in slot order");
            }
            try {
                est[i] = estimate(nominal, n.field("tauMem").asDouble(), n.field("tauSyn").asDouble(),
                        n.field("threshold").asDouble(), n.field("leak").asDouble(), n.field("reset").asDouble());
            } catch (IllegalArgumentException e) {
                throw n.invalid(e);
            }
        }
        return new Calibration(root.field("chipSeed").asLong(), root.field("readoutOffsetMicros").asDouble(), est);
    }
}

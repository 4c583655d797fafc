package org.eventsnn.hardware;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.engine.PerThreadSimulator;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.engine.SimulationLimitException;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.engine.SpikesOnlySimulator;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.base.SplitMix64;
import org.eventsnn.core.record.SpikeTrains;

/**
 * An emulated analog neuromorphic chip. Each LIF neuron of a model occupies a chip neuron
 * (slots in global-index order) whose parameters deviate from the model's by fixed-pattern
 * noise drawn from the chip seed: {@code tauMem, tauSyn, threshold} times {@code 1 + mismatch N},
 * {@code leak, reset} plus {@code mismatch (threshold - reset) N}. Weights are quantized
 * ({@link Quantizer}). Each run redraws the thresholds' noise; each observed spike gets Gaussian
 * jitter. The chip runs {@code speedup} times faster and stamps spikes in hardware
 * microseconds with a fixed readout offset; the backend converts back to model time assuming
 * the offset it was told (0 unless calibrated). Resource limits (neurons, synapse rows, spikes
 * per run) fail with a clear error, never a silent drop.
 */
public final class MockAnalogChip implements Backend {
    private final ChipConfig config;
    private final Quantizer quantizer;
    private final double readoutOffsetMicros;
    private final double assumedOffsetMicros;
    private final PerThreadSimulator simulators;
    private volatile Prepared prepared;

    /** A chip whose readout offset the software assumes to be 0 (uncalibrated). */
    public MockAnalogChip(ChipConfig config) {
        this(config, 0);
    }

    /** A chip whose readout offset the software assumes to be {@code assumedOffsetMicros} (from calibration). */
    public MockAnalogChip(ChipConfig config, double assumedOffsetMicros) {
        this.config = config;
        this.quantizer = new Quantizer(config.weightScale, config.maxWeightSteps());
        this.readoutOffsetMicros = config.readoutOffsetSigma * gaussian(new SplitMix64(config.chipSeed ^ 0x0FF5E7L));
        this.assumedOffsetMicros = assumedOffsetMicros;
        this.simulators = new PerThreadSimulator(config.spikesPerRun);
    }

    @Override
    public String name() {
        return "mock-analog";
    }

    @Override
    public double weightLimit() {
        return config.maxWeightSteps() * config.weightScale;
    }

    @Override
    public double thresholdNoise() {
        return config.thresholdNoise;
    }

    /** The chip's settings. */
    public ChipConfig config() {
        return config;
    }

    /** How the chip realises weights. */
    public Quantizer quantizer() {
        return quantizer;
    }

    /** {@code model} with every weight quantized as the chip realises it. */
    @Override
    public Network realisedWeights(Network model) {
        double[][] w = new double[model.projections().size()][];
        for (int j = 0; j < w.length; j++) {
            w[j] = model.projection(j).weights();
            for (int s = 0; s < w[j].length; s++) {
                w[j][s] = quantizer.apply(w[j][s]);
            }
        }
        return model.withAllWeights(w);
    }

    /** The chip's true readout offset in hardware microseconds (what calibration estimates). */
    double readoutOffsetMicros() {
        return readoutOffsetMicros;
    }

    /** The parameters chip neuron {@code slot} really has when configured with {@code nominal}. */
    public NeuronParameters realised(NeuronParameters nominal, int slot) {
        SplitMix64 r = new SplitMix64(config.chipSeed * 0x9E3779B97F4A7C15L + slot);
        double m = config.mismatch;
        double span = nominal.threshold() - nominal.reset();
        double tauMem = nominal.tauMem() * factor(r, m);
        double[] taus = new double[nominal.receptorCount()];
        String[] names = new String[taus.length];
        double tauFactor = factor(r, m);
        for (int k = 0; k < taus.length; k++) {
            taus[k] = nominal.receptorTau(k) * tauFactor;
            names[k] = nominal.receptorName(k);
        }
        double threshold = nominal.threshold() * factor(r, m);
        double leak = nominal.leak() + m * span * gaussian(r);
        double reset = nominal.reset() + m * span * gaussian(r);
        if (!(reset < threshold)) {
            reset = threshold - 0.01 * span;
        }
        return nominal.toBuilder().tauMem(tauMem).receptors(names, taus).threshold(threshold).leak(leak).reset(reset)
                .build();
    }

    private static double factor(SplitMix64 r, double sigma) {
        return Math.max(0.5, Math.min(1.5, 1 + sigma * gaussian(r)));
    }

    static double gaussian(SplitMix64 r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Override
    public void prepare(Network model, long run) {
        int lif = 0;
        for (Population p : model.populations()) {
            lif += p.isInput() ? 0 : p.size();
        }
        if (lif > config.neuronsPerChip) {
            throw new IllegalArgumentException("the model has " + lif + " LIF neurons, the chip " + config.neuronsPerChip);
        }
        prepared = new Prepared(model, run, new ChipNetwork(model, runParameters(model, run), quantizer::apply,
                config.synapseRowsPerNeuron));
    }

    /**
     * The parameters each LIF neuron of {@code model} (by global index; null for inputs) has in
     * run {@code run}: its chip neuron's, with that run's threshold noise.
     */
    NeuronParameters[] runParameters(Network model, long run) {
        NeuronParameters[] params = new NeuronParameters[model.neuronCount()];
        SplitMix64 noise = new SplitMix64(config.chipSeed ^ (run * 0xD1B54A32D192ED03L) ^ 0x5EED);
        int slot = 0;
        for (int p = 0; p < model.populations().size(); p++) {
            Population pop = model.population(p);
            for (int i = 0; !pop.isInput() && i < pop.size(); i++) {
                NeuronParameters real = realised(pop.params(i), slot++);
                double theta = real.threshold() * (1 + config.thresholdNoise * gaussian(noise));
                params[model.offset(p) + i] = real.toBuilder().threshold(Math.max(theta, real.reset() + 1e-9 * Math.abs(real.reset()) + 1e-12))
                        .build();
            }
        }
        return params;
    }

    @Override
    public SpikeTrains run(Network model, SpikeTrains input, int trial) {
        Prepared p = prepared;
        if (p == null || p.model != model) {
            throw new IllegalStateException("prepare the run of this network first");
        }
        SpikesOnlySimulator simulator = simulators.spikesOnly(p.layout.physical);
        SimulationResult physical;
        try {
            physical = simulator.run(input);
        } catch (SimulationLimitException e) {
            throw new IllegalArgumentException("the chip's limit of " + config.spikesPerRun + " spikes per run was exceeded ("
                    + e.getMessage() + ")");
        }
        SplitMix64 r = new SplitMix64((config.chipSeed + 31 * p.run) * 0x9E3779B97F4A7C15L + trial);
        double[] shift = new double[ChipNetwork.lifSpikeCount(physical.record())];
        double offset = (readoutOffsetMicros - assumedOffsetMicros) * 1e-6 * config.speedup;
        for (int k = 0; k < shift.length; k++) {
            shift[k] = offset + config.jitter * gaussian(r);
        }
        SpikeTrains observed = p.layout.toModel(physical, shift);
        simulator.recycle(physical);
        return observed;
    }

    /**
     * Probes one chip neuron configured with {@code nominal}: {@code inputs} synapses of the given
     * (quantized) weight all receiving a spike at {@code inputTime}, over {@code duration}; returns its observed spike
     * times (model time, with jitter and the readout offset like {@link #run}) and its membrane
     * sampled by the ADC at {@code sampleTimes} (with Gaussian noise of
     * {@code adcNoise (threshold - reset)}).
     */
    public Probe probe(int slot, NeuronParameters nominal, double weight, int inputs, double inputTime,
                       double duration, double[] sampleTimes, double adcNoise, int trial) {
        NeuronParameters real = realised(nominal, slot);
        Network net = probeNetwork(real, quantizer.apply(weight), inputs);
        var result = new Simulator(net).run(probeInput(inputs, inputTime, duration),
                new org.eventsnn.core.record.TraceRequest(new int[] {inputs}, sampleTimes));
        SplitMix64 r = new SplitMix64(config.chipSeed * 31 + slot * 1_000_003L + trial);
        double[] samples = new double[sampleTimes.length];
        double span = real.threshold() - real.reset();
        for (int i = 0; i < samples.length; i++) {
            samples[i] = result.traces().voltage(0, i) + adcNoise * span * gaussian(r);
        }
        double offset = (readoutOffsetMicros - assumedOffsetMicros) * 1e-6 * config.speedup;
        double[] spikes = result.spikes().times("neuron");
        for (int i = 0; i < spikes.length; i++) {
            spikes[i] += offset + config.jitter * gaussian(r);
        }
        return new Probe(spikes, samples);
    }

    /** A probe stimulus: {@code inputs} synapses of weight {@code weight} onto one neuron named "neuron". */
    static Network probeNetwork(NeuronParameters params, double weight, int inputs) {
        double[][] w = new double[inputs][1];
        for (double[] row : w) {
            row[0] = weight;
        }
        return Network.builder().add(Population.input("probe", inputs)).add(Population.lif("neuron", 1, params))
                .connectDense("probe", "neuron", null, 0, w).build();
    }

    /** Every probe input firing once at {@code time}. */
    static SpikeTrains probeInput(int inputs, double time, double duration) {
        int[] neuron = new int[inputs];
        double[] times = new double[inputs];
        for (int i = 0; i < inputs; i++) {
            neuron[i] = i;
            times[i] = time;
        }
        return SpikeTrains.builder(duration).add("probe", neuron, times).build();
    }

    /** What a probe observed: spike times (model seconds) and ADC samples. */
    public static final class Probe {
        /** Observed spike times, model seconds. */
        public final double[] spikes;
        /** ADC samples of the membrane potential. */
        public final double[] samples;

        Probe(double[] spikes, double[] samples) {
            this.spikes = spikes;
            this.samples = samples;
        }
    }

    private static final class Prepared {
        final Network model;
        final long run;
        final ChipNetwork layout;

        Prepared(Network model, long run, ChipNetwork layout) {
            this.model = model;
            this.run = run;
            this.layout = layout;
        }
    }
}

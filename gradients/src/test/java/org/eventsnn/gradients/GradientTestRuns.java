package org.eventsnn.gradients;

import java.util.SplittableRandom;
import org.eventsnn.core.engine.SimulationLimitException;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;

/** What the gradient property tests share: bounded runs and random samples, a random first-spike loss, a gradient scale. */
final class GradientTestRuns {
    private GradientTestRuns() {
    }

    /** The run of {@code net} on {@code in}, or null past 20,000 spikes (a runaway draw, skipped). */
    static SimulationResult simulate(Network net, SpikeTrains in) {
        try {
            return new Simulator(net, 20_000).run(in);
        } catch (SimulationLimitException e) {
            return null;
        }
    }

    /** Inputs of n random samples for {@code net} (seeds {@code seed + 31 i}), or null if one of them runs away. */
    static SpikeTrains[] boundedInputs(Network net, long seed, int n) {
        SpikeTrains[] inputs = new SpikeTrains[n];
        for (int i = 0; i < n; i++) {
            inputs[i] = RandomNetworks.input(seed + 31L * i, net);
        }
        for (SpikeTrains in : inputs) {
            if (simulate(net, in) == null) {
                return null;
            }
        }
        return inputs;
    }

    /** Sample i's label: i modulo the number of outputs (population 2). */
    static int[] cyclicLabels(Network net, int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % net.population(2).size();
        }
        return labels;
    }

    /** A TTFS cross-entropy or a first-spike linear loss with random parameters, one of two. */
    static SpikeTimeLoss randomFirstSpikeLoss(SplittableRandom r, int outputs) {
        if (r.nextBoolean()) {
            return new TtfsCrossEntropy(r.nextDouble(0.001, 0.01), r.nextBoolean() ? 0.005 : 0, 0.005);
        }
        double[] c = new double[outputs];
        for (int j = 0; j < outputs; j++) {
            c[j] = r.nextDouble(-1, 1);
        }
        return new FirstSpikeLinear(c);
    }

    /** The largest |dL/dw| over all projections: the scale of a gradient's absolute error floor. */
    static double weightScale(Gradients g) {
        double m = 0;
        for (int p = 0; p < g.projectionCount(); p++) {
            for (double v : g.weights(p)) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }
}

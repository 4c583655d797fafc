package org.eventsnn.gradients;

import java.util.Arrays;
import java.util.function.Function;
import org.eventsnn.core.Network;
import org.eventsnn.core.SimulationLimitException;
import org.eventsnn.core.SimulationResult;
import org.eventsnn.core.Simulator;
import org.eventsnn.core.SpikeTrains;

/**
 * Central finite differences of a simulated loss. A difference is returned only where it is
 * trustworthy: every neuron fires the same number of times at -h, 0 and +h, and the estimates
 * with steps h and 2h agree to 1e-4 (else NaN: the draw is skipped).
 */
final class FiniteDifferences {
    private final int output;
    private final SpikeTimeLoss loss;
    private final int label;

    FiniteDifferences(int output, SpikeTimeLoss loss, int label) {
        this.output = output;
        this.loss = loss;
        this.label = label;
    }

    /** Loss and spike counts per neuron of one run; null if the run hit the spike limit. */
    private Object[] run(Network net, SpikeTrains in) {
        try {
            SimulationResult r = new Simulator(net, 50_000).run(in);
            int[] counts = new int[net.neuronCount()];
            for (int s = 0; s < r.record().count(); s++) {
                counts[r.record().neuron(s)]++;
            }
            return new Object[] {new FirstSpikes(r, output, loss, label).loss, counts};
        } catch (SimulationLimitException e) {
            return null;
        }
    }

    /** d(loss)/dx at x0 where {@code at(x)} builds the perturbed (network, input). */
    double derivative(double x0, double h, Function<Double, Object[]> at) {
        double[] values = new double[5];
        int[] base = null;
        double[] steps = {-2 * h, -h, 0, h, 2 * h};
        for (int i = 0; i < 5; i++) {
            Object[] setup = at.apply(x0 + steps[i]);
            if (setup == null) {
                return Double.NaN;
            }
            Object[] r = run((Network) setup[0], (SpikeTrains) setup[1]);
            if (r == null) {
                return Double.NaN;
            }
            values[i] = (Double) r[0];
            if (base == null) {
                base = (int[]) r[1];
            } else if (!Arrays.equals(base, (int[]) r[1])) {
                return Double.NaN;
            }
        }
        double d1 = (values[3] - values[1]) / (2 * h);
        double d2 = (values[4] - values[0]) / (4 * h);
        if (Math.abs(d1 - d2) > 1e-4 * Math.abs(d1) + 1e-9) {
            return Double.NaN;
        }
        return d1;
    }
}

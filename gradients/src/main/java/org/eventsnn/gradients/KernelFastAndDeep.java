package org.eventsnn.gradients;

import org.eventsnn.core.kernel.EqualTausLayer;

/**
 * Fast and Deep's gradients on an {@link EqualTausLayer}'s shared factors, neuron by neuron: at a
 * spike at {@code s = t/tauMem} an earlier input at {@code s_j} has {@code e^-(s - s_j)} = the
 * spike's {@code e^-s} times the input's {@code e^(s_j)}, so its kernel {@code (s - s_j) e^-(s - s_j)}
 * and slope need no exponential; {@code dt/dw_j = -K / Vdot}, {@code dt/da_j = w_j K' / Vdot}, as
 * {@link FastAndDeep} computes them from a record.
 */
final class KernelFastAndDeep {
    private KernelFastAndDeep() {
    }

    /**
     * Adds the gradients of neuron h's first spike, whose dL/dt is {@code dLdt}: to the weights
     * into it ({@code dw}, by slot then neuron), and through each earlier arrival from a LIF
     * neuron to that spike's dL/dt ({@code sources.addTime}).
     */
    static void neuron(EqualTausLayer layer, int h, double dLdt, double[] dw, KernelSources sources) {
        double t = layer.spikeTime(h, 0);
        double alpha = layer.alpha();
        double factor = dLdt / ((layer.spikeCurrent(h, 0) - layer.theta()) * alpha);
        double decayAtSpike = layer.spikeDecay(h, 0);
        double s = t * alpha;
        int neurons = layer.neurons();
        for (int j = 0, m = layer.inputCount(); j < m && layer.inputTime(j) < t; j++) {
            double decay = decayAtSpike * layer.inputGrowth(j);
            double kernel = (s - layer.inputScaledTime(j)) * decay;
            int slot = layer.inputSlot(j);
            dw[slot * neurons + h] -= factor * kernel;
            if (sources.isLif(slot)) {
                sources.addTime(slot, layer.inputOrigin(j), factor * layer.weight(slot, h) * alpha * (decay - kernel));
            }
        }
    }
}

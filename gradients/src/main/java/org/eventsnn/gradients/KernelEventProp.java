package org.eventsnn.gradients;

import org.eventsnn.core.kernel.UnequalTausLayer;
import org.eventsnn.core.solver.LifDynamics;

/**
 * EventProp's adjoint on an {@link UnequalTausLayer}, neuron by neuron, backwards from the
 * window's end over its sorted inputs and its own spikes, with the equations of
 * {@link EventProp}: over a step D back, {@code lamI <- lamI e^(-D/tauSyn) + lamV K(D)} and
 * {@code lamV <- lamV e^(-D/tauMem)}; at an input of weight w, {@code dL/dw += lamI} and
 * {@code dL/da = w (lamI/tauSyn - lamV/tauMem)}; at the neuron's spike
 * {@code lamV- = (lamV+ Vdot+ - G) / Vdot-} with G the spike's dL/dt (the loss's and its outgoing
 * arrivals'). A step between two inputs with no spike of the neuron in between uses the layer's
 * factors of that interval, shared by all its neurons; only steps that end or start at the
 * neuron's own spikes compute an exponential, the membrane's decay (the current's is its power
 * for an integer {@code tauMem / tauSyn} up to 8). Keeps the costates of the neuron being
 * walked: one instance per thread.
 */
final class KernelEventProp {
    /** The costates of the neuron being walked back. */
    private double lamV;
    private double lamI;

    /**
     * Adds neuron h's gradients, given the dL/dt of its spikes ({@code g[h * capacity + c]}, all
     * known: the layers it feeds are done): to the weights into it ({@code dw}, by slot then
     * neuron), and each arrival's dL/da to its source spike where that is a LIF neuron's
     * ({@code sources}). Does nothing for a neuron whose spikes do not matter.
     */
    void neuron(UnequalTausLayer layer, int h, double[] g, double duration, double[] dw, KernelSources sources) {
        neuron(layer, h, g, duration, dw, sources, null, 0);
    }

    /**
     * {@link #neuron(UnequalTausLayer, int, double[], double, double[], KernelSources)} for a
     * neuron whose maximum {@code max} (not null where {@code dLdV != 0}) enters the loss with
     * dL/dVmax = {@code dLdV}: as {@link EventProp} does, {@code lamV} jumps by dLdV at the
     * maximum's time, and a maximum at an input (a kink) also adds dLdV times the slope just before
     * it to that input's dL/da.
     */
    void neuron(UnequalTausLayer layer, int h, double[] g, double duration, double[] dw, KernelSources sources,
                KernelMaxVoltage max, double dLdV) {
        int capacity = layer.spikeCapacity();
        int c = layer.spikeCount(h) - 1;
        boolean jumpAhead = dLdV != 0 && max.kinkInput < 0; // a jump inside an interval or at the window's end
        boolean matters = dLdV != 0;
        for (int k = 0; k <= c; k++) {
            matters |= g[h * capacity + k] != 0;
        }
        if (!matters) {
            return; // its costates stay zero: every term below would be a zero
        }
        LifDynamics dyn = layer.dynamics();
        double alpha = dyn.alpha();
        double beta = dyn.beta(0);
        double theta = layer.theta();
        double reset = layer.reset();
        int neurons = layer.neurons();
        lamV = 0;
        lamI = 0;
        double now = duration;
        boolean aligned = true; // now is the end of interval j below (the next input, or the window's end)
        for (int j = layer.inputCount() - 1; j >= 0; j--) {
            double tj = layer.inputTime(j);
            for (; c >= 0 && layer.spikeTime(h, c) > tj; c--) {
                double ts = layer.spikeTime(h, c);
                back(dyn, now - ts);
                double current = layer.spikeCurrent(h, c);
                double vdotMinus = (current - theta) * alpha;
                double vdotPlus = (current - reset) * alpha;
                lamV = (lamV * vdotPlus - g[h * capacity + c]) / vdotMinus;
                now = ts;
                aligned = false;
            }
            if (jumpAhead && max.time > tj) { // as EventProp: jumps of maxima later than the next event
                if (now > max.time) {
                    back(dyn, now - max.time);
                    now = max.time;
                    aligned = false;
                }
                lamV += dLdV;
                jumpAhead = false;
            }
            if (lamV == 0 && lamI == 0 && !(dLdV != 0 && j == max.kinkInput)) {
                now = tj;
                aligned = true;
                continue;
            }
            if (aligned) {
                double em = layer.intervalMembraneDecay(j);
                lamI = lamI * layer.intervalCurrentDecay(j) + lamV * layer.intervalKernel(j);
                lamV *= em;
            } else {
                back(dyn, now - tj);
            }
            now = tj;
            aligned = true;
            int slot = layer.inputSlot(j);
            dw[slot * neurons + h] += lamI;
            boolean kink = dLdV != 0 && j == max.kinkInput;
            if (sources.isLif(slot)) { // only a LIF neuron's arrival takes its dL/da
                double dLda = layer.weight(slot, h) * (lamI * beta - lamV * alpha);
                if (kink) { // the kink's own term
                    dLda += dLdV * max.kinkSlope;
                }
                sources.addTime(slot, layer.inputOrigin(j), dLda);
            }
            if (kink) { // the jump after the arrival
                lamV += dLdV;
            }
        }
    }

    /** Brings the costates back over a step {@code d} that is not one of the layer's intervals (none if {@code d <= 0}). */
    private void back(LifDynamics dyn, double d) {
        if (d > 0) {
            double em = dyn.membraneDecay(d);
            double ec = dyn.currentDecay(0, d, em);
            lamI = lamI * ec + lamV * dyn.kernel(0, d, ec, em);
            lamV *= em;
        }
    }
}

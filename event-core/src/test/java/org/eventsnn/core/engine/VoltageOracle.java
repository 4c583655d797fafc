package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.solver.LifDynamics;

import java.util.ArrayList;
import java.util.List;

/**
 * An independent evaluation of a neuron's membrane potential from a finished simulation's
 * spike record, by superposition of kernels: it shares no state update with the simulator,
 * only the kernel formula of model.md section 2.
 */
final class VoltageOracle {
    private final Network net;
    private final SpikeRecord record;
    private final List<double[]>[] arrivals; // per global neuron: {time, receptor, weight, source spike index}
    private final List<Double>[] ownSpikes;

    @SuppressWarnings("unchecked")
    VoltageOracle(Network net, SpikeRecord record) {
        this.net = net;
        this.record = record;
        int n = net.neuronCount();
        arrivals = new List[n];
        ownSpikes = new List[n];
        for (int g = 0; g < n; g++) {
            arrivals[g] = new ArrayList<>();
            ownSpikes[g] = new ArrayList<>();
        }
        for (int s = 0; s < record.count(); s++) {
            int g = record.neuron(s);
            ownSpikes[g].add(record.time(s));
            int p = net.populationOf(g);
            int pre = g - net.offset(p);
            for (Projection pr : net.projections()) {
                if (pr.source() != p) {
                    continue;
                }
                for (int k = 0; k < pr.synapseCount(); k++) {
                    if (pr.pre(k) == pre) {
                        int target = net.offset(pr.target()) + pr.post(k);
                        arrivals[target].add(new double[] {record.time(s) + pr.delay(k), pr.receptor(), pr.weight(k), s});
                    }
                }
            }
        }
    }

    List<Double> spikesOf(int g) {
        return ownSpikes[g];
    }

    List<double[]> arrivalsOf(int g) {
        return arrivals[g];
    }

    /** The sum of the delta-synapse jumps that reach LIF neuron g at exactly t. */
    double jumpAt(int g, double t) {
        return jumpAt(g, t, Integer.MAX_VALUE);
    }

    /**
     * The sum of the delta-synapse jumps that reach LIF neuron g at exactly t from spikes recorded
     * before spike number {@code before} (the record is in the order spikes were processed, so at
     * one instant these are the jumps that came before that spike).
     */
    double jumpAt(int g, double t, int before) {
        int p = net.populationOf(g);
        NeuronParameters par = net.population(p).params(g - net.offset(p));
        double sum = 0;
        for (double[] a : arrivals[g]) {
            if (a[0] == t && a[3] < before && par.isDeltaReceptor((int) a[1])) {
                sum += a[2];
            }
        }
        return sum;
    }

    /** V(t) of LIF neuron g, just before any own spike at exactly t (and before any jump at t). */
    double voltage(int g, double t) {
        int p = net.populationOf(g);
        Population pop = net.population(p);
        NeuronParameters par = pop.params(g - net.offset(p));
        LifDynamics dyn = new LifDynamics(par);
        double start = 0;
        double u0 = pop.initialV(g - net.offset(p)) - par.leak();
        for (double s : ownSpikes[g]) {
            if (s < t) {
                if (t < s + par.refractory()) {
                    return par.reset();
                }
                start = s + par.refractory();
                u0 = par.reset() - par.leak();
            }
        }
        double u = u0 * Math.exp(-dyn.alpha() * (t - start));
        for (double[] a : arrivals[g]) {
            int k = (int) a[1];
            if (dyn.isDelta(k)) { // a jump, lost before the last reset or while refractory (up to its end)
                if (a[0] > start && a[0] < t) {
                    u += a[2] * Math.exp(-dyn.alpha() * (t - a[0]));
                }
            } else if (a[0] <= start) {
                double currentAtStart = a[2] * Math.exp(-dyn.beta(k) * (start - a[0]));
                u += currentAtStart * dyn.kernel(k, t - start);
            } else if (a[0] < t) {
                u += a[2] * dyn.kernel(k, t - a[0]);
            }
        }
        return u + par.leak();
    }
}

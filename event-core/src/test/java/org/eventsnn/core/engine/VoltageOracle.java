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
    private final List<double[]>[] arrivals; // per global neuron: {time, receptor, weight}
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
                        arrivals[target].add(new double[] {record.time(s) + pr.delay(k), pr.receptor(), pr.weight(k)});
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

    /** V(t) of LIF neuron g, just before any own spike at exactly t. */
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
            if (a[0] <= start) {
                double currentAtStart = a[2] * Math.exp(-dyn.beta(k) * (start - a[0]));
                u += currentAtStart * dyn.kernel(k, t - start);
            } else if (a[0] < t) {
                u += a[2] * dyn.kernel(k, t - a[0]);
            }
        }
        return u + par.leak();
    }
}

package org.eventsnn.bench;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;

/**
 * Benchmark baseline only: a clock-driven simulation of a network of one parameter set, with
 * exact exponential integration over each step and spikes snapped to the step (the usual
 * scheme of time-stepped simulators). Not exact, and not part of the library.
 */
final class ClockDrivenCuba {
    private final Network net;
    private final double dt;
    private final int n;
    private final double[] v;
    private final double[][] current;
    private final double[] refractoryLeft;
    private final int[] populationOf;
    private final boolean[] fired;
    private long synapticEvents;

    ClockDrivenCuba(Network net, double dt) {
        this.net = net;
        this.dt = dt;
        this.n = net.neuronCount();
        int receptors = net.population(0).params().receptorCount();
        v = new double[n];
        current = new double[receptors][n];
        refractoryLeft = new double[n];
        populationOf = new int[n];
        fired = new boolean[n];
        for (int g = 0; g < n; g++) {
            populationOf[g] = net.populationOf(g);
        }
    }

    long lastSynapticEvents() {
        return synapticEvents;
    }

    long run(double duration) {
        NeuronParameters p = net.population(0).params();
        for (int g = 0; g < n; g++) {
            Population pop = net.population(populationOf[g]);
            v[g] = pop.initialV(g - net.offset(populationOf[g]));
            refractoryLeft[g] = 0;
        }
        for (double[] c : current) {
            java.util.Arrays.fill(c, 0);
        }
        double em = Math.exp(-dt / p.tauMem());
        int receptors = p.receptorCount();
        double[] es = new double[receptors];
        double[] gain = new double[receptors];
        for (int k = 0; k < receptors; k++) {
            double ts = p.receptorTau(k);
            es[k] = Math.exp(-dt / ts);
            gain[k] = ts / (ts - p.tauMem()) * (es[k] - em);
        }
        long spikes = 0;
        synapticEvents = 0;
        long steps = Math.round(duration / dt);
        for (long step = 0; step < steps; step++) {
            for (int g = 0; g < n; g++) {
                double u = v[g] - p.leak();
                double nu = u * em;
                for (int k = 0; k < receptors; k++) {
                    nu += current[k][g] * gain[k];
                    current[k][g] *= es[k];
                }
                if (refractoryLeft[g] > 0) {
                    refractoryLeft[g] -= dt;
                    nu = p.reset() - p.leak();
                }
                v[g] = nu + p.leak();
                fired[g] = v[g] >= p.threshold();
                if (fired[g]) {
                    v[g] = p.reset();
                    refractoryLeft[g] = p.refractory();
                    spikes++;
                }
            }
            for (int g = 0; g < n; g++) {
                if (!fired[g]) {
                    continue;
                }
                int pop = populationOf[g];
                int i = g - net.offset(pop);
                for (int k = 0; k < net.outgoingCount(pop); k++) {
                    Projection pr = net.projection(net.outgoing(pop, k));
                    int base = net.offset(pr.target());
                    double[] c = current[pr.receptor()];
                    for (int r = pr.rowStart(i); r < pr.rowStart(i + 1); r++) {
                        c[base + pr.rowPost(r)] += pr.rowWeight(r);
                        synapticEvents++;
                    }
                }
            }
        }
        return spikes;
    }
}

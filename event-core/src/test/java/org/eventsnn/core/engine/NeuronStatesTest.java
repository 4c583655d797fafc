package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.solver.LifDynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NeuronStatesTest {
    private static final NeuronStates.Pending NOTHING = NoPending.INSTANCE;

    /**
     * Neurons of different dynamics (two populations, some with parameters of their own) receive
     * inputs in random order, often at the same instants and after the same spans: every state is
     * bit for bit what the neuron gives receiving its inputs alone, whatever factors the previous
     * advance computed, and for a neuron off epochs ({@link EpochGrid#of} null: one receptor)
     * what evolving it on its own gives ({@link EpochCoefficientsTest} holds the others to the
     * budget of their coefficients).
     */
    @Test
    void advancingSharesNothingButTheSameDecay() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            NeuronParameters a = RandomNetworks.randomParams(r).toBuilder().refractory(0).build();
            NeuronParameters b = r.nextInt(3) == 0 // other dynamics of the same rates: one grid of epochs
                    ? a.toBuilder().threshold(a.threshold() * 1.1).build()
                    : RandomNetworks.randomParams(r).toBuilder().refractory(0).build();
            Population second = Population.lif("b", 3, b);
            if (r.nextBoolean()) {
                second = second.withNeuronParams(new NeuronParameters[] {b, RandomNetworks.vary(r, b), b});
            }
            Network net = Network.builder().add(Population.input("in", 1)).add(Population.lif("a", 3, a)).add(second)
                    .connectDense("in", "a", a.receptorName(0), 0, new double[][] {{0.1, 0.2, 0.3}})
                    .connectDense("in", "b", b.receptorName(0), 0, new double[][] {{0.1, 0.2, 0.3}}).build();
            NeuronStates states = new NeuronStates(net, NOTHING, false);
            states.reset(0, net.populations().size(), 1.0, false);
            LifDynamics[] dyn = LifDynamics.perNeuron(net);
            int n = net.neuronCount();
            NeuronStates[] alone = new NeuronStates[n];
            for (int g = 1; g < n; g++) {
                alone[g] = new NeuronStates(net, NOTHING, false);
                alone[g].reset(0, net.populations().size(), 1.0, false);
            }
            double[] own = new double[2];
            double[] u = new double[n];
            double[][] currents = new double[n][];
            double[] last = new double[n];
            for (int g = 1; g < n; g++) {
                currents[g] = new double[dyn[g].receptorCount()];
                u[g] = net.population(net.populationOf(g)).initialV(g - net.offset(net.populationOf(g)))
                        - dyn[g].params().leak();
            }
            double[] instants = {0.001, 0.002, 0.0035, 0.005, 0.008};
            double[] out = new double[2];
            for (int step = 0; step < 60; step++) {
                int g = 1 + r.nextInt(n - 1);
                double t = Math.max(last[g], instants[r.nextInt(instants.length)]) + (r.nextInt(3) == 0 ? 0.0005 : 0);
                int receptor = r.nextInt(dyn[g].receptorCount());
                double w = r.nextDouble(-0.5, 1.0);
                states.receive(g, t, receptor, w);
                alone[g].receive(g, t, receptor, w);
                if (t > last[g]) {
                    u[g] = dyn[g].evolve(u[g], currents[g], 0, t - last[g], false);
                    last[g] = t;
                }
                currents[g][receptor] += w;
                states.sample(g, t, out);
                alone[g].sample(g, t, own);
                String what = "seed " + seed + " step " + step + " neuron " + g;
                assertEquals(own[0], out[0], 0.0, what);
                assertEquals(own[1], out[1], 0.0, what);
                if (EpochGrid.of(dyn[g]) == null) {
                    assertEquals(u[g] + dyn[g].params().leak(), out[0], 0.0, what);
                }
            }
        });
    }
}

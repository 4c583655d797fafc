package org.eventsnn.experiments.examples;

import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.gradients.EventProp;
import org.eventsnn.gradients.Gradients;
import org.eventsnn.gradients.TtfsCrossEntropy;

/**
 * Builds a two-layer network in code, simulates it exactly and differentiates a first-spike
 * loss with EventProp. Run with
 * {@code java -cp experiments/target/eventsnn.jar org.eventsnn.experiments.examples.SimulateExample}.
 */
public final class SimulateExample {
    private SimulateExample() {
    }

    /** The example's network: 2 inputs densely connected to 2 LIF neurons with 1 ms delay. */
    static Network network() {
        NeuronParameters p = NeuronParameters.builder().tauMem(0.01).tauSyn(0.005).threshold(0.6).build();
        return Network.builder()
                .add(Population.input("in", 2))
                .add(Population.lif("out", 2, p))
                .connectDense("in", "out", 0.001, new double[][] {{2.0, 0.5}, {1.5, 3.0}})
                .build();
    }

    /** The example's input: neuron 0 at 1 ms, neuron 1 at 1.5 ms, in a 50 ms window. */
    static SpikeTrains input() {
        return SpikeTrains.builder(0.05).add("in", new int[] {0, 1}, new double[] {0.001, 0.0015}).build();
    }

    public static void main(String[] args) {
        Network net = network();
        SimulationResult result = new Simulator(net).run(input());
        SpikeTrains out = result.spikes();
        double[] times = out.times("out");
        int[] neurons = out.neurons("out");
        for (int i = 0; i < times.length; i++) {
            System.out.printf("out neuron %d fires at %.9f s%n", neurons[i], times[i]);
        }
        Gradients g = new EventProp().compute(result, net.populationIndex("out"), new TtfsCrossEntropy(0.005), 1);
        System.out.printf("loss %.6f, dL/dw[0][0] = %.6f%n", g.loss(), g.weights(0)[0]);
    }
}

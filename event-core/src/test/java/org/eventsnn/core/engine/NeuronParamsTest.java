package org.eventsnn.core.engine;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.RandomNetworks;
import org.eventsnn.core.record.SpikeTrains;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;
import org.eventsnn.core.io.FormatException;
import org.eventsnn.core.io.ModelFiles;
import org.junit.jupiter.api.Test;

/** Parameters per neuron: validation, the model file field, and simulation as if each neuron were its own population. */
class NeuronParamsTest {
    private static final NeuronParameters NOMINAL = NeuronParameters.builder().tauMem(0.01).tauSyn(0.005).threshold(1)
            .refractory(0.002).build();

    @Test
    void eachNeuronSimulatesLikeAOneNeuronPopulationWithItsParameters() {
        qt().withExamples(400).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int inputs = 1 + r.nextInt(4);
            int n = 1 + r.nextInt(5);
            NeuronParameters nominal = RandomNetworks.randomParams(r);
            NeuronParameters[] each = new NeuronParameters[n];
            for (int i = 0; i < n; i++) {
                each[i] = RandomNetworks.vary(r, nominal);
            }
            double[][] w = RandomNetworks.weights(r, inputs, n, 1.5 * (nominal.threshold() - nominal.leak()), 1.0);
            String receptor = nominal.receptorName(r.nextInt(nominal.receptorCount()));
            Network together = Network.builder().add(Population.input("in", inputs))
                    .add(Population.lif("pop", n, nominal).withNeuronParams(each))
                    .connectDense("in", "pop", receptor, 0, w).build();
            Network.Builder split = Network.builder().add(Population.input("in", inputs));
            for (int i = 0; i < n; i++) {
                double[][] column = new double[inputs][1];
                for (int k = 0; k < inputs; k++) {
                    column[k][0] = w[k][i];
                }
                split.add(Population.lif("pop" + i, 1, each[i])).connectDense("in", "pop" + i, receptor, 0, column);
            }
            SpikeTrains in = RandomNetworks.input(seed, together);
            SpikeTrains a = new Simulator(together, 100_000).run(in).spikes();
            SpikeTrains b = new Simulator(split.build(), 100_000).run(in).spikes();
            for (int i = 0; i < n; i++) {
                int neuron = i;
                double[] mine = java.util.stream.IntStream.range(0, a.count("pop")).filter(k -> a.neuron("pop", k) == neuron)
                        .mapToDouble(k -> a.time("pop", k)).toArray();
                assertArrayEquals(b.times("pop" + i), mine, "seed " + seed + " neuron " + i);
            }
        });
    }

    @Test
    void neuronsStartAtTheirOwnLeak() {
        NeuronParameters high = NOMINAL.toBuilder().leak(0.3).build();
        Population pop = Population.lif("pop", 2, NOMINAL).withNeuronParams(new NeuronParameters[] {NOMINAL, high});
        assertEquals(0.0, pop.initialV(0));
        assertEquals(0.3, pop.initialV(1));
        assertTrue(pop.hasNeuronParams());
        assertEquals(NOMINAL, pop.params());
        assertEquals(high, pop.params(1));
        assertTrue(!pop.withParams(NOMINAL).hasNeuronParams(), "withParams gives every neuron the same parameters");
    }

    @Test
    void badNeuronParametersAreRefusedNamingTheNeuron() {
        Population pop = Population.lif("pop", 2, NOMINAL);
        String count = assertThrows(IllegalArgumentException.class,
                () -> pop.withNeuronParams(new NeuronParameters[] {NOMINAL})).getMessage();
        assertTrue(count.contains("2 neurons but 1"), count);
        NeuronParameters twoReceptors = NOMINAL.toBuilder().receptors(new String[] {"exc", "inh"}, new double[] {0.005, 0.01})
                .build();
        String receptors = assertThrows(IllegalArgumentException.class,
                () -> pop.withNeuronParams(new NeuronParameters[] {NOMINAL, twoReceptors})).getMessage();
        assertTrue(receptors.contains("neuron parameters[1]") && receptors.contains("[exc, inh]"), receptors);
        NeuronParameters otherRefractory = NOMINAL.toBuilder().refractory(0.001).build();
        String refractory = assertThrows(IllegalArgumentException.class,
                () -> pop.withNeuronParams(new NeuronParameters[] {otherRefractory, NOMINAL})).getMessage();
        assertTrue(refractory.contains("neuron parameters[0]") && refractory.contains("refractory 0.001"), refractory);
        String missing = assertThrows(IllegalArgumentException.class,
                () -> pop.withNeuronParams(new NeuronParameters[] {NOMINAL, null})).getMessage();
        assertTrue(missing.contains("neuron parameters[1] is missing"), missing);
        assertThrows(IllegalArgumentException.class,
                () -> Population.input("in", 2).withNeuronParams(new NeuronParameters[] {NOMINAL, NOMINAL}));
    }

    @Test
    void modelFilesKeepNeuronParametersAndFillMissingFieldsFromThePopulation() {
        NeuronParameters[] each = {NOMINAL.toBuilder().threshold(0.9).build(), NOMINAL.toBuilder().tauMem(0.012).leak(0.1).build()};
        Network net = Network.builder().add(Population.input("in", 1))
                .add(Population.lif("pop", 2, NOMINAL).withNeuronParams(each))
                .connectDense("in", "pop", null, 0, new double[][] {{1, 2}}).build();
        ObjectNode json = ModelFiles.toJson(net);
        Network back = ModelFiles.fromJson(json, "test");
        assertEquals(each[0], back.population(1).params(0));
        assertEquals(each[1], back.population(1).params(1));
        assertEquals(NOMINAL, back.population(1).params());

        ObjectNode pop = (ObjectNode) json.get("populations").get(1);
        pop.putArray("neuronParams").addObject().put("threshold", 0.8);
        pop.withArray("neuronParams").addObject();
        Network partial = ModelFiles.fromJson(json, "test");
        assertEquals(NOMINAL.toBuilder().threshold(0.8).build(), partial.population(1).params(0));
        assertEquals(NOMINAL, partial.population(1).params(1));

        pop.withArray("neuronParams").remove(1);
        FormatException e = assertThrows(FormatException.class, () -> ModelFiles.fromJson(json, "test"));
        assertTrue(e.getMessage().contains("neuronParams") && e.getMessage().contains("2 params objects"), e.getMessage());
        pop.withArray("neuronParams").addObject().put("refractory", 0.5);
        e = assertThrows(FormatException.class, () -> ModelFiles.fromJson(json, "test"));
        assertTrue(e.getMessage().contains("refractory"), e.getMessage());
    }
}

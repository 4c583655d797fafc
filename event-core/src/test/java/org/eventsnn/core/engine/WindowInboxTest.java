package org.eventsnn.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link WindowInbox} against a plain reference on random windows: rows' synapses (arrival
 * entries shared by several synapses) and windows of generated synapses from several producers,
 * with keys that tie often in time and spike; the inbox must list every neuron with synapses in
 * ascending order, each one's synapses ordered by (time, spike, place) and, among equal keys, in
 * the order added (rows first, then the generated windows in the order given).
 */
class WindowInboxTest {
    private record Synapse(int neuron, double time, int spike, long place, int receptor, double weight) {
    }

    @Test
    void synapsesComeGroupedByNeuronInKeyOrderStableAmongEqualKeys() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int lo = r.nextInt(0, 100);
            int hi = lo + 1 + r.nextInt(r.nextBoolean() ? 70 : 3000);
            WindowInbox inbox = new WindowInbox(lo, hi);
            for (int window = 0; window < 3; window++) { // reused from window to window
                inbox.clear();
                List<Synapse> expected = new ArrayList<>();
                int entries = r.nextInt(r.nextBoolean() ? 5 : 60);
                for (int e = 0; e < entries; e++) {
                    double t = 0.001 * r.nextInt(4);
                    int spike = r.nextInt(5);
                    long place = r.nextInt(6);
                    int receptor = r.nextInt(3);
                    int number = inbox.addEntry(t, spike, place, receptor);
                    for (int k = r.nextInt(8); k > 0; k--) {
                        int g = lo + r.nextInt(hi - lo);
                        double w = r.nextDouble();
                        inbox.add(g, number, w);
                        expected.add(new Synapse(g, t, spike, place, receptor, w));
                    }
                }
                for (int q = r.nextInt(4); q > 0; q--) {
                    GeneratedArrivals producer = new GeneratedArrivals();
                    int[] global = new int[10];
                    for (int l = 0; l < global.length; l++) {
                        global[l] = r.nextInt(5);
                    }
                    producer.freeBefore(0);
                    int synapses = r.nextInt(r.nextBoolean() ? 10 : 700);
                    for (int k = 0; k < synapses; k++) {
                        double t = 0.001 * r.nextInt(4);
                        int local = r.nextInt(global.length);
                        long place = r.nextInt(6);
                        int g = lo + r.nextInt(hi - lo);
                        double w = r.nextDouble();
                        int receptor = r.nextInt(3);
                        producer.add(1, t, local, place, g, w, receptor);
                        expected.add(new Synapse(g, t, global[local], place, receptor, w));
                    }
                    producer.publish(1);
                    assertEquals(synapses, inbox.addGenerated(producer.published(1), global));
                }
                inbox.sort();
                List<Synapse> want = new ArrayList<>(expected);
                want.sort(Comparator.comparingInt(Synapse::neuron).thenComparingDouble(Synapse::time)
                        .thenComparingInt(Synapse::spike).thenComparingLong(Synapse::place)); // a stable sort
                List<Synapse> got = new ArrayList<>();
                int previous = Integer.MIN_VALUE;
                for (int j = 0; j < inbox.neurons(); j++) {
                    int g = inbox.neuron(j);
                    assertEquals(true, g > previous && inbox.first(j) < inbox.first(j + 1),
                            "seed " + seed + ": neuron " + g + " listed in order, with synapses");
                    previous = g;
                    for (int k = inbox.first(j); k < inbox.first(j + 1); k++) {
                        got.add(new Synapse(g, inbox.time(k), inbox.spike(k), inbox.place(k), inbox.receptor(k),
                                inbox.weight(k)));
                    }
                }
                assertEquals(want.size(), inbox.size(), "seed " + seed + ": synapses");
                assertEquals(want, got, "seed " + seed + ", window " + window);
            }
        });
    }
}

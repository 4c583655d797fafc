package org.eventsnn.core.io.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;

/**
 * The CubaLIF weight derivation of docs/nir.md, checked by simulation rather than fitted: NIR's
 * equations, integrated with classical Runge-Kutta where each input spike is a narrow pulse of
 * area W (a Dirac in the limit), spike at the same times as eventsnn's exact simulation of the
 * imported network, whose weight is r w_in W / tau_syn.
 */
class CubaLifWeightTest {
    static final double TAU_SYN = 4e-3;
    static final double TAU_MEM = 1.1e-2;
    static final double R = 1.7;
    static final double W_IN = 0.6;
    static final double V_LEAK = 0.05;
    static final double V_THRESHOLD = 0.4;
    static final double V_RESET = -0.1;
    static final double[] SPIKE_TIMES = {0.002, 0.003, 0.0045, 0.009, 0.0102, 0.011, 0.02, 0.0203};
    static final double W = 0.0035;

    @Test
    void nirEquationsIntegratedNumericallySpikeWhenEventsnnDoes() throws Exception {
        Map<String, NirNode> nodes = new LinkedHashMap<>();
        nodes.put("in", BadNirInputTest.node("in", "Input", Map.of("shape", NdArray.vector(new double[] {1}))));
        nodes.put("w", BadNirInputTest.node("w", "Linear", Map.of("weight", new NdArray(new double[] {W}, new int[] {1, 1}))));
        Map<String, NdArray> c = new LinkedHashMap<>();
        c.put("tau_syn", NdArray.vector(new double[] {TAU_SYN}));
        c.put("tau_mem", NdArray.vector(new double[] {TAU_MEM}));
        c.put("r", NdArray.vector(new double[] {R}));
        c.put("v_leak", NdArray.vector(new double[] {V_LEAK}));
        c.put("v_threshold", NdArray.vector(new double[] {V_THRESHOLD}));
        c.put("v_reset", NdArray.vector(new double[] {V_RESET}));
        c.put("w_in", NdArray.vector(new double[] {W_IN}));
        nodes.put("lif", BadNirInputTest.node("lif", "CubaLIF", c));
        Network net = NirImport.toNetwork(new NirGraph("1.0.7", nodes, List.of(new String[] {"in", "w"},
                new String[] {"w", "lif"})), "mem", w -> { });
        assertEquals(R * W_IN * W / TAU_SYN, net.projection(0).weight(0), 1e-15);
        SpikeTrains in = SpikeTrains.builder(0.03).add("in", new int[SPIKE_TIMES.length], SPIKE_TIMES).build();
        double[] exact = new Simulator(net).run(in).spikes().times("lif");
        double[] integrated = integrateNir(0.03);
        assertTrue(exact.length >= 3, "expected several spikes, got " + exact.length);
        assertEquals(exact.length, integrated.length);
        for (int s = 0; s < exact.length; s++) {
            assertEquals(exact[s], integrated[s], 2e-8, "spike " + s);
        }
    }

    /**
     * RK4 on tau_syn I' = -I + w_in S(t), tau_mem v' = (v_leak - v) + r I, where S is a pulse of
     * area W and width 1 us centred on each input spike, its edges on step boundaries so that
     * the input is constant within every step.
     */
    static double[] integrateNir(double duration) {
        double dt = 1e-8;
        int half = 50;
        double v = V_LEAK;
        double i = 0;
        org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList spikes =
                new org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList();
        long steps = Math.round(duration / dt);
        for (long k = 0; k < steps; k++) {
            double s = 0;
            for (double ts : SPIKE_TIMES) {
                long centre = Math.round(ts / dt);
                if (k >= centre - half && k < centre + half) {
                    s += W / (2 * half * dt);
                }
            }
            double t = k * dt;
            double[] k1 = rhs(v, i, s);
            double[] k2 = rhs(v + dt / 2 * k1[0], i + dt / 2 * k1[1], s);
            double[] k3 = rhs(v + dt / 2 * k2[0], i + dt / 2 * k2[1], s);
            double[] k4 = rhs(v + dt * k3[0], i + dt * k3[1], s);
            double v2 = v + dt / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
            i = i + dt / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
            if (v2 > V_THRESHOLD) {
                spikes.add(t + dt * (V_THRESHOLD - v) / (v2 - v));
                v2 = V_RESET;
            }
            v = v2;
        }
        return spikes.toArray();
    }

    private static double[] rhs(double v, double i, double s) {
        return new double[] {((V_LEAK - v) + R * i) / TAU_MEM, (-i + W_IN * s) / TAU_SYN};
    }
}

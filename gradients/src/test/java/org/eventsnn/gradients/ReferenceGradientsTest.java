package org.eventsnn.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eventsnn.core.model.DelayForms;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.io.SpikeFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradients against references computed by central finite differences at 50 digits, each also
 * with its delays given per synapse; where a reference has {@code delays} (synapse_delays_ff, at
 * 60 digits), each synapse's delay gradient too. Error
 * budget: relative 1e-6 (the references' own finite-difference error is far smaller), with an
 * absolute floor of 1e-9 of the largest reference entry for entries that are exactly zero.
 */
class ReferenceGradientsTest {
    static Stream<Arguments> cases() throws Exception {
        List<Arguments> cases = new ArrayList<>();
        for (String name : new String[] {"ff1_0", "ff1_1", "ff1_2", "ff2_r1_2", "ff2_r1_3", "ff2_r2_0", "ff2_r2_1",
                "multi_0", "multi_1", "multi_2", "recurrent_delay", "synapse_delays_ff"}) {
            JsonNode f = load(name);
            for (JsonNode m : f.get("gradient").get("methods")) {
                cases.add(Arguments.of(name, m.asText()));
            }
        }
        return cases.stream();
    }

    static JsonNode load(String name) throws Exception {
        try (InputStream in = ReferenceGradientsTest.class.getResourceAsStream("/reference-spikes/" + name + ".json")) {
            return Json.mapper().readTree(in);
        }
    }

    static SpikeTimeLoss lossOf(JsonNode loss) {
        if (loss.get("kind").asText().equals("ttfs-ce")) {
            return new TtfsCrossEntropy(loss.get("tau").asDouble());
        }
        JsonNode c = loss.get("coefficients");
        double[] coefficients = new double[c.size()];
        for (int i = 0; i < coefficients.length; i++) {
            coefficients[i] = c.get(i).asDouble();
        }
        return new FirstSpikeLinear(coefficients);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesFiftyDigitFiniteDifferences(String name, String method) throws Exception {
        JsonNode f = load(name);
        check(name, method, f, ModelFiles.fromJson(f.get("model"), name));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void delaysGivenPerSynapseMatchTheSameReference(String name, String method) throws Exception {
        JsonNode f = load(name);
        check(name, method, f, ModelFiles.fromJson(DelayForms.withDelayMatrices(f.get("model")), name));
    }

    private static void check(String name, String method, JsonNode f, Network net) {
        SpikeTrains in = SpikeFiles.fromJson(f.get("input"), name);
        SimulationResult r = new Simulator(net).run(in);
        JsonNode g = f.get("gradient");
        JsonNode loss = g.get("loss");
        int out = net.populationIndex(loss.get("population").asText());
        int label = loss.has("label") ? loss.get("label").asInt() : 0;
        GradientMethod m = method.equals("eventprop") ? new EventProp() : new FastAndDeep();
        Gradients grads = m.compute(r, out, lossOf(loss), label);
        assertEquals(new BigDecimal(g.get("value").asText()).doubleValue(), grads.loss(), 1e-12, name + " loss");
        JsonNode w = g.get("weights");
        for (int p = 0; p < w.size(); p++) {
            compare(name + " " + method + " projection " + p + " w", w.get(p), grads.weights(p));
        }
        if (g.has("delays")) { // each synapse's delay
            for (int p = 0; p < w.size(); p++) {
                compare(name + " " + method + " projection " + p + " d", g.get("delays").get(p), grads.delays(p));
            }
        }
    }

    /** Compares a projection's per-synapse gradients with a reference matrix [source][target]. */
    private static void compare(String what, JsonNode reference, double[] gradients) {
        double maxRef = 0;
        for (JsonNode row : reference) {
            for (JsonNode v : row) {
                maxRef = Math.max(maxRef, Math.abs(new BigDecimal(v.asText()).doubleValue()));
            }
        }
        int cols = reference.get(0).size();
        for (int i = 0; i < reference.size(); i++) {
            for (int j = 0; j < cols; j++) {
                double ref = new BigDecimal(reference.get(i).get(j).asText()).doubleValue();
                double got = gradients[i * cols + j];
                assertTrue(Math.abs(got - ref) <= 1e-6 * Math.abs(ref) + 1e-9 * maxRef,
                        what + "[" + i + "][" + j + "]: got " + got + ", reference " + ref);
            }
        }
    }
}

package org.eventsnn.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.junit.jupiter.api.Test;

/** The model file's delta synapses: a receptor (or {@code tauSyn}) of time constant 0. */
class DeltaSynapseFilesTest {
    private static Network read(String params, String receptor) throws Exception {
        return ModelFiles.fromJson(Json.mapper().readTree("{\"format\": \"eventsnn-model\", \"version\": 1,"
                + " \"populations\": [{\"name\": \"in\", \"type\": \"input\", \"size\": 1},"
                + " {\"name\": \"out\", \"type\": \"lif\", \"size\": 2, \"params\": " + params + "}],"
                + " \"projections\": [{\"source\": \"in\", \"target\": \"out\"" + receptor + ", \"weights\": [[1, 2]]}]}"),
                "m.json");
    }

    private static String error(String params) {
        return assertThrows(FormatException.class, () -> read(params, "")).getMessage();
    }

    @Test
    void aTimeConstantOfZeroIsADeltaSynapseAndIsWrittenBack() throws Exception {
        Network net = read("{\"tauSyn\": 0}", "");
        NeuronParameters p = net.population(1).params();
        assertTrue(p.isDeltaReceptor(0));
        assertEquals(0.0, ModelFiles.toJson(net).get("populations").get(1).get("params").get("tauSyn").asDouble());
        Network two = read("{\"receptors\": {\"exc\": 0.005, \"jump\": 0}}", ", \"receptor\": \"jump\"");
        NeuronParameters q = two.population(1).params();
        assertFalse(q.isDeltaReceptor(0));
        assertTrue(q.isDeltaReceptor(1));
        assertEquals(q, ModelFiles.fromJson(ModelFiles.toJson(two), "again").population(1).params());
        assertEquals(0.0, Double.doubleToRawLongBits(read("{\"tauSyn\": -0.0}", "").population(1).params().receptorTau(0)));
    }

    @Test
    void negativeTimeConstantsAreRefusedNamingTheField() {
        String one = error("{\"tauSyn\": -0.001}");
        assertTrue(one.startsWith("m.json: populations[1].params.tauSyn") && one.contains("-0.001")
                && one.contains(">= 0"), one);
        String named = error("{\"receptors\": {\"exc\": 0.005, \"jump\": -1}}");
        assertTrue(named.startsWith("m.json: populations[1].params.receptors.jump") && named.contains(">= 0"), named);
    }
}

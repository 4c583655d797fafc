package org.eventsnn.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.PoissonDrive;
import org.eventsnn.core.model.Sampler;
import org.junit.jupiter.api.Test;

/** A LIF population's {@code poisson} object, as issue 20 writes it. */
class PoissonFilesTest {
    private static Network read(String population) throws Exception {
        return ModelFiles.fromJson(Json.mapper().readTree("{\"format\": \"eventsnn-model\", \"version\": 1,"
                + " \"populations\": [" + population + "]}"), "m.json");
    }

    private static final String LIF = "{\"name\": \"L4e\", \"type\": \"lif\", \"size\": 3,"
            + " \"params\": {\"receptors\": {\"exc\": 0.0005, \"inh\": 0.0005}}, \"poisson\": %s}";

    @Test
    void theIssuesExampleReadsAndWritesBack() throws Exception {
        Network net = read(String.format(LIF, "{\"rate\": 2400.0, \"weight\": 3.51, \"receptor\": \"exc\", \"seed\": 5}"));
        PoissonDrive d = net.population(0).poisson();
        assertEquals(2400.0, d.rate());
        assertEquals(3.51, d.weight());
        assertEquals(0, d.receptor());
        assertEquals(5, d.seed());
        Network again = ModelFiles.fromJson(ModelFiles.toJson(net), "again");
        assertEquals(2400.0, again.population(0).poisson().rate());
        assertEquals("exc", ModelFiles.toJson(net).get("populations").get(0).get("poisson").get("receptor").asText());
    }

    @Test
    void theSamplerIsReadWrittenBackAndInversionByDefault() throws Exception {
        Network plain = read(String.format(LIF, "{\"rate\": 2400.0, \"weight\": 3.51, \"receptor\": \"exc\", \"seed\": 5}"));
        assertEquals(Sampler.INVERSION, plain.population(0).poisson().sampler());
        assertFalse(ModelFiles.toJson(plain).get("populations").get(0).get("poisson").has("sampler"),
                "the default is not written");
        Network zig = read(String.format(LIF,
                "{\"rate\": 2400.0, \"weight\": 3.51, \"receptor\": \"exc\", \"seed\": 5, \"sampler\": \"ziggurat\"}"));
        assertEquals(Sampler.ZIGGURAT, zig.population(0).poisson().sampler());
        Network again = ModelFiles.fromJson(ModelFiles.toJson(zig), "again");
        assertEquals(Sampler.ZIGGURAT, again.population(0).poisson().sampler());
        String bad = error(String.format(LIF,
                "{\"rate\": 10, \"weight\": 1, \"receptor\": \"exc\", \"seed\": 5, \"sampler\": \"box-muller\"}"));
        assertTrue(bad.contains("populations[0].poisson.sampler = \"box-muller\"") && bad.contains("ziggurat"), bad);
    }

    private static String error(String population) {
        return assertThrows(FormatException.class, () -> read(population)).getMessage();
    }

    @Test
    void badDrivesAreRejectedNamingFieldAndValue() {
        String rate = error(String.format(LIF, "{\"rate\": 0, \"weight\": 1, \"receptor\": \"exc\", \"seed\": 5}"));
        assertTrue(rate.contains("populations[0].poisson.rate = 0"), rate);
        String receptor = error(String.format(LIF, "{\"rate\": 10, \"weight\": 1, \"receptor\": \"ampa\", \"seed\": 5}"));
        assertTrue(receptor.contains("poisson.receptor = \"ampa\""), receptor);
        String missing = error(String.format(LIF, "{\"rate\": 10, \"weight\": 1, \"seed\": 5}"));
        assertTrue(missing.contains("populations[0].poisson") && missing.contains("name the receptor"), missing);
        String input = error("{\"name\": \"in\", \"type\": \"input\", \"size\": 3, \"poisson\": {\"rate\": 1}}");
        assertTrue(input.contains("poisson"), input);
    }
}

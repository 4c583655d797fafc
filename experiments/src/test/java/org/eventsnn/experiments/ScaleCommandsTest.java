package org.eventsnn.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.io.SpikeFiles;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SpikeTrains;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate microcircuit}, {@code generate cuba --procedural}, {@code simulate --stats --record}. */
class ScaleCommandsTest {
    @TempDir
    Path dir;

    private Path emptyInput(double duration) throws Exception {
        Path p = dir.resolve("none.json");
        Files.writeString(p, "{\"format\": \"eventsnn-spikes\", \"version\": 1, \"duration\": " + duration
                + ", \"populations\": {}}");
        return p;
    }

    @Test
    void microcircuitRunsWithStatsAndRecordedPopulations() throws Exception {
        Path model = dir.resolve("m.json");
        CliRunner g = CliRunner.run("generate", "microcircuit", "--scale", "0.01", "--seed", "4", "--output",
                model.toString());
        assertEquals(0, g.status, g.err);
        Network net = ModelFiles.read(model);
        assertEquals(8, net.populations().size());
        assertEquals("L23e", net.population(0).name());
        assertEquals(207, net.population(0).size(), "round(20683 x 0.01)");
        Path out = dir.resolve("o.json");
        Path stats = dir.resolve("stats.json");
        CliRunner r = CliRunner.run("simulate", "--model", model.toString(), "--input", emptyInput(0.05).toString(),
                "--output", out.toString(), "--stats", stats.toString(), "--record", "L4e,L23i");
        assertEquals(0, r.status, r.err);
        SpikeTrains written = SpikeFiles.read(out);
        assertEquals(java.util.Set.of("L4e", "L23i"), written.populations());
        JsonNode s = Json.read(stats);
        assertEquals("eventsnn-stats", s.get("format").asText());
        assertEquals(1, s.get("threads").asInt());
        assertTrue(s.get("peakMemoryBytes").asLong() > 1_000_000);
        assertTrue(s.get("wallSeconds").asDouble() > 0);
        long poisson = s.get("events").get("poisson").asLong();
        // L23e..L6i at scale 0.01: sum of round(N 0.01) x 8 Hz x round(K_ext 0.01) x 0.05 s, within 5 sd
        double expected = 0;
        int[] kExt = {16, 15, 21, 19, 20, 19, 29, 21};
        for (int p = 0; p < 8; p++) {
            expected += net.population(p).size() * 8.0 * kExt[p] * 0.05;
        }
        assertEquals(expected, poisson, 5 * Math.sqrt(expected));
        int spikes = 0;
        for (int p = 0; p < 8; p++) {
            JsonNode pop = s.get("populations").get(net.population(p).name());
            spikes += pop.get("spikes").asInt();
            assertEquals(pop.get("spikes").asInt() / (pop.get("neurons").asInt() * 0.05), pop.get("rate").asDouble(), 1e-9);
        }
        assertEquals(written.count("L4e"), s.get("populations").get("L4e").get("spikes").asInt());
        assertTrue(spikes > 0 && s.get("events").get("synaptic").asLong() > spikes, s.toString());
    }

    @Test
    void microcircuitInFloat32StoresTheSameSynapsesRounded() throws Exception {
        Path wide = dir.resolve("wide.json");
        Path single = dir.resolve("single.json");
        assertEquals(0, CliRunner.run("generate", "microcircuit", "--scale", "0.01", "--store", "--output",
                wide.toString()).status);
        CliRunner g = CliRunner.run("generate", "microcircuit", "--scale", "0.01", "--store", "--precision", "float32",
                "--output", single.toString());
        assertEquals(0, g.status, g.err);
        assertEquals("float32", Json.read(single).get("projections").get(0).get("procedural").get("precision").asText());
        Network a = ModelFiles.read(wide);
        Network b = ModelFiles.read(single);
        for (int p = 0; p < a.projections().size(); p++) {
            assertEquals(a.projection(p).synapseCount(), b.projection(p).synapseCount());
            for (int s = 0; s < a.projection(p).synapseCount(); s++) {
                assertEquals((float) a.projection(p).weight(s), b.projection(p).weight(s));
                assertEquals((float) a.projection(p).delay(s), b.projection(p).delay(s));
            }
        }
        Path bad = dir.resolve("bad.json");
        CliRunner half = CliRunner.run("generate", "microcircuit", "--scale", "0.01", "--precision", "half",
                "--output", bad.toString());
        assertEquals(2, half.status);
        assertTrue(half.err.contains("--precision") && half.err.contains("half"), half.err);
        CliRunner cuba = CliRunner.run("generate", "cuba", "--precision", "float32", "--output", bad.toString());
        assertEquals(2, cuba.status);
        assertTrue(cuba.err.contains("--precision"), cuba.err);
        assertFalse(Files.exists(bad));
    }

    @Test
    void theSamplerIsZigguratByDefaultAndInversionOnRequest() throws Exception {
        Path zig = dir.resolve("zig.json");
        Path inv = dir.resolve("inv.json");
        assertEquals(0, CliRunner.run("generate", "microcircuit", "--scale", "0.01", "--output", zig.toString()).status);
        CliRunner g = CliRunner.run("generate", "microcircuit", "--scale", "0.01", "--sampler", "inversion", "--output",
                inv.toString());
        assertEquals(0, g.status, g.err);
        JsonNode z = Json.read(zig);
        JsonNode i = Json.read(inv);
        assertEquals("ziggurat", z.get("projections").get(0).get("procedural").get("sampler").asText());
        assertEquals("ziggurat", z.get("populations").get(0).get("poisson").get("sampler").asText());
        assertFalse(i.get("projections").get(0).get("procedural").has("sampler"), "inversion, the default, not written");
        assertFalse(i.get("populations").get(0).get("poisson").has("sampler"));
        Path proc = dir.resolve("proc.json");
        assertEquals(0, CliRunner.run("generate", "cuba", "--neurons", "100", "--procedural", "--sampler", "inversion",
                "--output", proc.toString()).status);
        assertFalse(Json.read(proc).get("projections").get(0).get("procedural").has("sampler"));
        Path bad = dir.resolve("bad.json");
        CliRunner polar = CliRunner.run("generate", "microcircuit", "--scale", "0.01", "--sampler", "polar", "--output",
                bad.toString());
        assertEquals(2, polar.status);
        assertTrue(polar.err.contains("--sampler") && polar.err.contains("polar"), polar.err);
        CliRunner stored = CliRunner.run("generate", "cuba", "--sampler", "ziggurat", "--output", bad.toString());
        assertEquals(2, stored.status);
        assertTrue(stored.err.contains("--sampler") && stored.err.contains("--procedural"), stored.err);
        assertFalse(Files.exists(bad));
    }

    @Test
    void recordNamesMustBeLifPopulations() throws Exception {
        Path model = dir.resolve("m.json");
        assertEquals(0, CliRunner.run("generate", "cuba", "--neurons", "50", "--output", model.toString()).status);
        CliRunner r = CliRunner.run("simulate", "--model", model.toString(), "--input", emptyInput(0.01).toString(),
                "--output", dir.resolve("o.json").toString(), "--record", "exc,L23e");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("--record L23e"), r.err);
        assertFalse(Files.exists(dir.resolve("o.json")));
        // "--record ," named no population and wrote a file without any (status 0)
        CliRunner none = CliRunner.run("simulate", "--model", model.toString(), "--input", emptyInput(0.01).toString(),
                "--output", dir.resolve("o.json").toString(), "--record", ",");
        assertEquals(2, none.status);
        assertTrue(none.err.contains("--record: no population named"), none.err);
        assertFalse(Files.exists(dir.resolve("o.json")));
        // --stats naming --output's file was overwritten by the spikes; "--stats -" wrote a file named "-"
        CliRunner same = CliRunner.run("simulate", "--model", model.toString(), "--input", emptyInput(0.01).toString(),
                "--output", dir.resolve("o.json").toString(), "--stats", dir.resolve(".").resolve("o.json").toString());
        assertEquals(2, same.status);
        assertTrue(same.err.contains("is also --output"), same.err);
        assertFalse(Files.exists(dir.resolve("o.json")));
        CliRunner dash = CliRunner.run("simulate", "--model", model.toString(), "--input", emptyInput(0.01).toString(),
                "--output", dir.resolve("o.json").toString(), "--stats", "-");
        assertEquals(0, dash.status, dash.err);
        assertTrue(dash.out.contains("\"threads\""), dash.out);
        assertFalse(Files.exists(Path.of("-")));
    }

    @Test
    void cubaKeepsItsFormWithoutTheNewOptionsAndGoesProceduralWithThem() throws Exception {
        Path plain = dir.resolve("plain.json");
        assertEquals(0, CliRunner.run("generate", "cuba", "--neurons", "100", "--output", plain.toString()).status);
        JsonNode p = Json.read(plain).get("projections").get(0);
        assertEquals(0.02, p.get("random").get("probability").asDouble());
        assertEquals(0.0, p.get("delay").asDouble());
        Path proc = dir.resolve("proc.json");
        CliRunner r = CliRunner.run("generate", "cuba", "--neurons", "1000", "--probability", "1e-2", "--delay", "0.0001",
                "--procedural", "--output", proc.toString());
        assertEquals(0, r.status, r.err);
        JsonNode q = Json.read(proc).get("projections").get(3).get("procedural");
        assertEquals("pairwise-bernoulli", q.get("rule").asText());
        assertEquals(0.01, q.get("probability").asDouble());
        assertEquals(0.0001, q.get("delay").get("mean").asDouble());
        assertEquals(-9.0, q.get("weight").get("mean").asDouble());
        Network net = ModelFiles.read(proc);
        assertFalse(net.projection(0).isStored());
        for (int k = 0; k < 4; k++) {
            assertEquals(2 + k, Json.read(plain).get("projections").get(k).get("random").get("seed").asLong(),
                    "seeds S+1..S+4 as before");
        }
        CliRunner bad = CliRunner.run("generate", "cuba", "--scale", "0.5", "--output", dir.resolve("x.json").toString());
        assertEquals(2, bad.status);
        assertTrue(bad.err.contains("--scale"), bad.err);
        // the microcircuit's sizes come from --scale: --neurons was ignored there, with status 0
        CliRunner neurons = CliRunner.run("generate", "microcircuit", "--scale", "0.001", "--neurons", "10", "--output",
                dir.resolve("x.json").toString());
        assertEquals(2, neurons.status);
        assertTrue(neurons.err.contains("--neurons") && neurons.err.contains("apply to cuba"), neurons.err);
        assertFalse(Files.exists(dir.resolve("x.json")));
    }
}

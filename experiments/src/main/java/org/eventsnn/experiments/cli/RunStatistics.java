package org.eventsnn.experiments.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.record.SpikeTrains;

/**
 * The {@code --stats} file of {@code simulate} ({@code eventsnn-stats}, version 1): events
 * processed (synaptic events, one per synapse a spike reached, and Poisson drive arrivals),
 * spikes and mean rate (spikes per neuron per second over the whole run) of every LIF
 * population, wall time of the simulation, threads, and the process's peak resident memory.
 */
final class RunStatistics {
    static final String FORMAT = "eventsnn-stats";

    private RunStatistics() {
    }

    /** The statistics of a run of {@code network} that gave {@code spikes}. */
    static ObjectNode of(Network network, SpikeTrains spikes, long synapticEvents, long driveEvents, double wallSeconds,
                         int threads) {
        ObjectNode root = org.eventsnn.core.io.Json.object();
        root.put("format", FORMAT);
        root.put("version", 1);
        root.put("duration", spikes.duration());
        root.put("wallSeconds", wallSeconds);
        root.put("threads", threads);
        root.put("peakMemoryBytes", peakResidentBytes());
        ObjectNode events = root.putObject("events");
        events.put("synaptic", synapticEvents);
        events.put("poisson", driveEvents);
        events.put("total", synapticEvents + driveEvents);
        ObjectNode pops = root.putObject("populations");
        for (Population pop : network.populations()) {
            if (pop.isInput()) {
                continue;
            }
            ObjectNode p = pops.putObject(pop.name());
            int count = spikes.has(pop.name()) ? spikes.count(pop.name()) : 0;
            p.put("neurons", pop.size());
            p.put("spikes", count);
            p.put("rate", spikes.duration() > 0 ? count / (pop.size() * spikes.duration()) : 0.0);
        }
        return root;
    }

    /**
     * Peak resident set size in bytes: VmHWM of /proc/self/status where there is one (Linux),
     * else the JVM's current heap use (a lower bound), as a number of bytes.
     */
    static long peakResidentBytes() {
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            try {
                List<String> lines = Files.readAllLines(status);
                for (String line : lines) {
                    if (line.startsWith("VmHWM:")) {
                        String[] parts = line.substring(6).trim().split("\\s+");
                        return Long.parseLong(parts[0]) * 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // fall through to the JVM's figure
            }
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /**
     * The spikes of the named LIF populations only ({@code --record POP,...}); a name that is not
     * a LIF population of the network is an error naming it.
     */
    static SpikeTrains only(Network network, SpikeTrains spikes, List<String> names) {
        requireLifPopulations(network, names);
        SpikeTrains.Builder b = SpikeTrains.builder(spikes.duration());
        for (String name : names) {
            b.add(name, spikes.neurons(name), spikes.times(name));
        }
        return b.build();
    }

    /** Throws unless every name is a LIF population of {@code network} (once each). */
    static void requireLifPopulations(Network network, List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("--record: no population named (give one or more, comma-separated)");
        }
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            int p = network.hasPopulation(name) ? network.populationIndex(name) : -1;
            if (p < 0 || network.population(p).isInput()) {
                throw new IllegalArgumentException("--record " + name + ": not a LIF population of the model");
            }
            if (names.subList(0, k).contains(name)) {
                throw new IllegalArgumentException("--record " + name + ": named twice");
            }
        }
    }
}

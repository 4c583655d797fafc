package org.eventsnn.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import org.eventsnn.core.record.SpikeTrains;

/**
 * The {@code eventsnn-spikes} JSON format (version 1): a window duration and, per population,
 * parallel arrays {@code neuron} and {@code time} (seconds, sorted by time). Times are written
 * in the shortest form that reads back to the same double.
 */
public final class SpikeFiles {
    /** The {@code format} field of spike files. */
    public static final String FORMAT = "eventsnn-spikes";
    /** The version of the format this class reads and writes. */
    public static final int VERSION = 1;

    private SpikeFiles() {
    }

    /** Reads and validates a spike file (times finite, inside [0, duration], sorted). */
    public static SpikeTrains read(Path file) {
        return fromJson(Json.read(file), file.toString());
    }

    /** Validates spikes given as a JSON tree; {@code source} names it in error messages. */
    public static SpikeTrains fromJson(JsonNode json, String source) {
        NodeReader root = NodeReader.root(source, json);
        FormatHeader.require(root, FORMAT, VERSION);
        NodeReader d = root.field("duration");
        double duration = d.asDouble();
        if (duration < 0) {
            throw d.error("a duration must be >= 0");
        }
        SpikeTrains.Builder b = SpikeTrains.builder(duration);
        NodeReader pops = root.field("populations");
        for (Iterator<String> it = pops.keys(); it.hasNext();) {
            String name = it.next();
            NodeReader p = pops.field(name);
            p.allowOnly(Set.of("neuron", "time"));
            NodeReader n = p.field("neuron");
            NodeReader t = p.field("time");
            int[] neuron = n.asIntArray();
            double[] time = t.asDoubleArray();
            try {
                b.add(name, neuron, time);
            } catch (IllegalArgumentException e) {
                throw new FormatException(source + ": " + e.getMessage());
            }
        }
        return b.build();
    }

    /** Writes spikes atomically. */
    public static void write(SpikeTrains spikes, Path file) throws IOException {
        Json.write(file, toJson(spikes));
    }

    /** Spikes as file content (for writing elsewhere than a file, e.g. standard output). */
    public static AtomicFiles.Content content(SpikeTrains spikes) {
        return Json.content(toJson(spikes));
    }

    /** The spikes as a spike-file JSON document. */
    public static ObjectNode toJson(SpikeTrains spikes) {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("duration", spikes.duration());
        ObjectNode pops = root.putObject("populations");
        for (String name : spikes.populations()) {
            ObjectNode p = pops.putObject(name);
            ArrayNode n = p.putArray("neuron");
            ArrayNode t = p.putArray("time");
            for (int i = 0; i < spikes.count(name); i++) {
                n.add(spikes.neuron(name, i));
                t.add(spikes.time(name, i));
            }
        }
        return root;
    }
}

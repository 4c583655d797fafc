package org.eventsnn.datasets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.eventsnn.core.base.Arguments;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.core.io.FormatException;
import org.eventsnn.core.io.FormatHeader;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.NodeReader;

/**
 * A labelled spike dataset, what trainers consume: per sample, the spikes of one input
 * population over a common window, and a class label. File format (JSON, documented in the
 * docs/formats.md):
 * <pre>
 * {"format": "eventsnn-labelled-spikes", "version": 1, "population": "in", "size": 5,
 *  "duration": 0.03, "classes": 3,
 *  "samples": [{"label": 2, "neuron": [0, 4, 1], "time": [0.0, 0.001, 0.0125]}, ...]}
 * </pre>
 */
public final class LabelledSpikes {
    /** The {@code format} field of labelled spike files. */
    public static final String FORMAT = "eventsnn-labelled-spikes";
    /** The version of the format this class reads and writes. */
    public static final int VERSION = 1;

    private final String population;
    private final int size;
    private final int classes;
    private final double duration;
    private final SpikeTrains[] inputs;
    private final int[] labels;

    /** Samples driving input population {@code population} of {@code size} neurons over a window of {@code duration} seconds, with labels in {@code [0, classes)}; every input must have that duration and spikes of that population only. */
    public LabelledSpikes(String population, int size, int classes, double duration, SpikeTrains[] inputs, int[] labels) {
        if (inputs.length != labels.length) {
            throw new IllegalArgumentException(inputs.length + " samples but " + labels.length + " labels");
        }
        this.population = population;
        this.size = Arguments.requireAtLeast(size, 1, "size");
        this.classes = Arguments.requireAtLeast(classes, 1, "classes");
        this.duration = Arguments.requireNonNegative(duration, "duration");
        for (int i = 0; i < inputs.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) { // the messages are built only for a value they reject
                Arguments.requireIndex(labels[i], classes, "label of sample " + i);
            }
            if (inputs[i].duration() != duration) {
                throw new IllegalArgumentException("sample " + i + " has duration " + inputs[i].duration()
                        + ", the dataset " + duration);
            }
            for (String p : inputs[i].populations()) {
                if (!p.equals(population)) {
                    throw new IllegalArgumentException("sample " + i + " has spikes of population " + p
                            + ", expected only " + population);
                }
                for (int n : inputs[i].neurons(p)) {
                    if (n < 0 || n >= size) {
                        Arguments.requireIndex(n, size, "sample " + i + " neuron");
                    }
                }
            }
        }
        this.inputs = inputs.clone();
        this.labels = labels.clone();
    }

    /** Encodes every sample of {@code data}. */
    public static LabelledSpikes encode(Dataset data, SpikeEncoder encoder) {
        SpikeTrains[] in = new SpikeTrains[data.size()];
        int[] labels = new int[data.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = encoder.encode(data.features(i));
            labels[i] = data.label(i);
        }
        return new LabelledSpikes(encoder.population(), encoder.inputSize(data.featureCount()), data.classCount(),
                encoder.duration(), in, labels);
    }

    /** Name of the input population every sample drives. */
    public String population() {
        return population;
    }

    /** Number of input neurons. */
    public int inputSize() {
        return size;
    }

    /** Number of classes. */
    public int classCount() {
        return classes;
    }

    /** The common window of every sample, seconds. */
    public double duration() {
        return duration;
    }

    /** Number of samples. */
    public int sampleCount() {
        return labels.length;
    }

    /** The input spikes of sample i. */
    public SpikeTrains input(int i) {
        return inputs[i];
    }

    /** The class label of sample i. */
    public int label(int i) {
        return labels[i];
    }

    /** Samples {@code from} (inclusive) to {@code to} (exclusive) as a dataset of their own. */
    public LabelledSpikes slice(int from, int to) {
        if (from < 0 || to > labels.length || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") outside the " + labels.length + " samples");
        }
        return new LabelledSpikes(population, size, classes, duration, java.util.Arrays.copyOfRange(inputs, from, to),
                java.util.Arrays.copyOfRange(labels, from, to));
    }

    /** Reads and validates a labelled spike file. */
    public static LabelledSpikes read(Path file) {
        NodeReader root = NodeReader.root(file.toString(), Json.read(file));
        FormatHeader.require(root, FORMAT, VERSION);
        root.allowOnly(Set.of("format", "version", "population", "size", "duration", "classes", "samples"));
        String population = root.field("population").asText();
        int size = root.field("size").asInt();
        int classes = root.field("classes").asInt();
        double duration = root.field("duration").asDouble();
        NodeReader samples = root.field("samples");
        SpikeTrains[] in = new SpikeTrains[samples.size()];
        int[] labels = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            NodeReader s = samples.at(i);
            s.allowOnly(Set.of("label", "neuron", "time"));
            NodeReader label = s.field("label");
            labels[i] = label.asInt();
            if (labels[i] < 0 || labels[i] >= classes) {
                throw label.error("must be in [0, " + classes + ")");
            }
            try {
                in[i] = SpikeTrains.builder(duration).add(population, s.field("neuron").asIntArray(),
                        s.field("time").asDoubleArray()).build();
            } catch (IllegalArgumentException e) {
                throw new FormatException(file + ": " + s.path() + ": " + e.getMessage());
            }
        }
        try {
            return new LabelledSpikes(population, size, classes, duration, in, labels);
        } catch (IllegalArgumentException e) {
            throw new FormatException(file + ": " + e.getMessage());
        }
    }

    /** Writes the dataset atomically. */
    public void write(Path file) throws IOException {
        Json.write(file, toJson());
    }

    /** The dataset in its file format. */
    public ObjectNode toJson() {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("population", population);
        root.put("size", size);
        root.put("duration", duration);
        root.put("classes", classes);
        ArrayNode samples = root.putArray("samples");
        for (int i = 0; i < inputs.length; i++) {
            ObjectNode s = samples.addObject();
            s.put("label", labels[i]);
            ArrayNode n = s.putArray("neuron");
            ArrayNode t = s.putArray("time");
            for (int k = 0; k < inputs[i].count(population); k++) {
                n.add(inputs[i].neuron(population, k));
                t.add(inputs[i].time(population, k));
            }
        }
        return root;
    }
}

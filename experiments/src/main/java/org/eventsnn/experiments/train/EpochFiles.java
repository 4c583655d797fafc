package org.eventsnn.experiments.train;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eventsnn.core.io.AtomicFiles;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.model.SynapseLayout;

/**
 * Writes a run's per-epoch files ({@code model.json}, {@code model-best.json}, {@code metrics.csv},
 * {@code checkpoint.json}) with the bytes of {@link ModelFiles#toJson} and {@link Checkpoint#toJson}
 * written by {@link Json}, without a JSON tree per epoch: what stays the same through a run (the
 * network's layout, the hyperparameters, every metrics row written before) is made once, and of
 * what changes only the numbers are formatted, each weight once for both files. The model and
 * checkpoint are rendered by Jackson once, with markers in place of the changing values, and
 * filled in every epoch ({@link Template}); arrays of numbers and strings lie on one line in
 * Jackson's layout whatever their depth, so their text does not depend on where they stand.
 * Used by one thread at a time (the {@link EpochWriter}'s), epoch after epoch of one run.
 */
final class EpochFiles {
    private final Path dir;
    /** model.json with markers for the weights, for networks of {@link #modelLayout}; null where that does not allow it. */
    private Template model;
    private String modelLayout;
    private Template checkpoint;
    /** metrics.csv so far and its rows' quoted JSON strings, comma-separated, for checkpoint.json. */
    private final StringBuilder csv = new StringBuilder(EpochMetrics.HEADER).append('\n');
    private final StringBuilder metricsJson = new StringBuilder();
    /** The rows in {@link #csv} and {@link #metricsJson}, the last of them (to tell a different history). */
    private int rows;
    private EpochMetrics lastRow;

    EpochFiles(Path dir) {
        this.dir = dir;
    }

    /**
     * Writes the files of the epoch just trained: {@code model-best.json} too if {@code best}.
     * {@code checkpointWithDelays} is the checkpoint's content with delay learning
     * ({@link Checkpoint#toJson}), null without it; the other arguments are as
     * {@link Checkpoint#toJson} takes them, {@code config} and {@code seed} the same at every epoch.
     */
    void write(Network net, boolean best, TrainingConfig config, long seed, int epochsDone, double[][] weights,
               long steps, double[][][] state, int bumpedLayer, double bump, List<EpochMetrics> metrics,
               double seconds, ObjectNode checkpointWithDelays) throws IOException {
        addRows(metrics);
        String[][] weightTexts = null;
        byte[] modelBytes;
        if (checkpointWithDelays == null && !layout(net).equals(modelLayout)) {
            modelLayout = layout(net);
            model = fitsTemplate(net) ? modelTemplate(net) : null;
        }
        if (checkpointWithDelays == null && model != null) {
            weightTexts = numbers(weights);
            modelBytes = model.fill(modelWeights(net, weightTexts));
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Json.content(ModelFiles.toJson(net)).writeTo(out);
            modelBytes = out.toByteArray();
        }
        AtomicFiles.write(dir.resolve("model.json"), modelBytes);
        if (best) {
            AtomicFiles.write(dir.resolve("model-best.json"), modelBytes);
        }
        AtomicFiles.write(dir.resolve("metrics.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        if (checkpointWithDelays != null) {
            Checkpoint.write(dir, checkpointWithDelays);
            return;
        }
        if (checkpoint == null) {
            checkpoint = checkpointTemplate(Checkpoint.toJson(config, seed, epochsDone, weights, steps, state,
                    bumpedLayer, bump, metrics, seconds, null));
        }
        String[] values = new String[CHECKPOINT_FIELDS.length];
        values[0] = Integer.toString(epochsDone);
        values[1] = number(seconds);
        values[2] = Long.toString(steps);
        values[3] = Integer.toString(bumpedLayer);
        values[4] = number(bump);
        values[5] = rowsText(weightTexts != null ? weightTexts : numbers(weights));
        StringBuilder s = new StringBuilder().append('[');
        for (int a = 0; a < state.length; a++) {
            s.append(a == 0 ? " " : ", ").append(rowsText(numbers(state[a])));
        }
        values[6] = s.append(" ]").toString();
        values[7] = rows == 0 ? "[ ]" : "[ " + metricsJson + " ]";
        AtomicFiles.write(dir.resolve(Checkpoint.FILE), checkpoint.fill(values));
    }

    /** Adds the rows of {@code metrics} not yet in the texts (all again if the history is another one). */
    private void addRows(List<EpochMetrics> metrics) {
        if (rows > metrics.size() || rows > 0 && metrics.get(rows - 1) != lastRow) {
            csv.setLength(EpochMetrics.HEADER.length() + 1);
            metricsJson.setLength(0);
            rows = 0;
        }
        JsonStringEncoder quote = JsonStringEncoder.getInstance();
        for (; rows < metrics.size(); rows++) {
            String row = metrics.get(rows).csv();
            csv.append(row).append('\n');
            metricsJson.append(rows == 0 ? "\"" : ", \"").append(quote.quoteAsString(row)).append('"');
        }
        lastRow = rows == 0 ? null : metrics.get(rows - 1);
    }

    /** The checkpoint's fields that change from epoch to epoch, in {@link #write}'s order of values. */
    private static final String[] CHECKPOINT_FIELDS = {"epochsDone", "seconds", "optimizerSteps", "bumpedLayer", "bump",
        "weights", "optimizerState", "metrics"};

    private static Template checkpointTemplate(ObjectNode content) {
        for (int k = 0; k < CHECKPOINT_FIELDS.length; k++) {
            if (!content.has(CHECKPOINT_FIELDS[k])) {
                throw new IllegalStateException("checkpoint without " + CHECKPOINT_FIELDS[k]);
            }
            content.putRawValue(CHECKPOINT_FIELDS[k], Template.marker(k));
        }
        return Template.of(content, CHECKPOINT_FIELDS.length);
    }

    /**
     * What model.json's content other than the weights depends on, where the trainer's networks
     * differ in more than weights: each projection's layout (a procedural one given weights becomes
     * a list) and whether it has a delay per synapse.
     */
    private static String layout(Network net) {
        StringBuilder s = new StringBuilder();
        for (Projection pr : net.projections()) {
            s.append(pr.layout()).append(pr.hasSynapseDelays() ? " delays," : ",");
        }
        return s.toString();
    }

    /**
     * Whether model.json's content other than weights is the same for every network of
     * {@code net}'s {@link #layout}: not so where a projection is written as a random rule only
     * while all its weights are equal.
     */
    private static boolean fitsTemplate(Network net) {
        for (Projection pr : net.projections()) {
            if (pr.layout() == SynapseLayout.RANDOM) {
                return false;
            }
        }
        return true;
    }

    /** model.json of {@code net} with a marker for each projection's weights, numbered as the projections (none if procedural). */
    private static Template modelTemplate(Network net) {
        ObjectNode root = ModelFiles.toJson(net);
        JsonNode projections = root.get("projections");
        for (int p = 0; p < net.projections().size(); p++) {
            ObjectNode json = (ObjectNode) projections.get(p);
            SynapseLayout layout = net.projection(p).layout();
            if (layout == SynapseLayout.DENSE) {
                json.putRawValue("weights", Template.marker(p));
            } else if (layout == SynapseLayout.LIST) {
                ((ObjectNode) json.get("connections")).putRawValue("weight", Template.marker(p));
            }
        }
        return Template.of(root, net.projections().size());
    }

    /** The text of each projection's weights as model.json writes them (null for procedural projections). */
    private static String[] modelWeights(Network net, String[][] weightTexts) {
        String[] out = new String[weightTexts.length];
        for (int p = 0; p < out.length; p++) {
            Projection pr = net.projection(p);
            if (pr.layout() == SynapseLayout.DENSE) {
                int sources = net.population(pr.source()).size();
                int targets = net.population(pr.target()).size();
                StringBuilder s = new StringBuilder(weightTexts[p].length * 22 + 8).append('[');
                for (int i = 0; i < sources; i++) {
                    s.append(i == 0 ? " " : ", ");
                    row(s, weightTexts[p], i * targets, (i + 1) * targets);
                }
                out[p] = s.append(" ]").toString();
            } else if (pr.layout() == SynapseLayout.LIST) {
                out[p] = row(new StringBuilder(), weightTexts[p], 0, weightTexts[p].length).toString();
            }
        }
        return out;
    }

    /** {@code [ [ a, b ], [ c ] ]}: a matrix as Jackson's layout writes it. */
    private static String rowsText(String[][] rows) {
        StringBuilder s = new StringBuilder().append('[');
        for (int i = 0; i < rows.length; i++) {
            s.append(i == 0 ? " " : ", ");
            row(s, rows[i], 0, rows[i].length);
        }
        return s.append(" ]").toString();
    }

    /** Appends {@code [ a, b ]} (or {@code [ ]}) of {@code texts[from..to)}. */
    private static StringBuilder row(StringBuilder s, String[] texts, int from, int to) {
        s.append('[');
        for (int j = from; j < to; j++) {
            s.append(j == from ? " " : ", ").append(texts[j]);
        }
        return s.append(" ]");
    }

    private static String[][] numbers(double[][] m) {
        String[][] out = new String[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new String[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i][j] = number(m[i][j]);
            }
        }
        return out;
    }

    /** A double as Jackson writes it with {@link Json}'s settings: shortest form; NaN and infinities as strings. */
    static String number(double x) {
        String s = Json.shortest(x);
        return Double.isFinite(x) ? s : '"' + s + '"';
    }

    /**
     * A JSON document as {@link Json#content} writes it, cut at markers (raw values of a control
     * character, which Jackson writes escaped everywhere else) into the bytes between them, to be
     * filled with the marked values' texts.
     */
    static final class Template {
        private static final byte MARK = 1;
        private final byte[][] parts;
        /** The value filling the gap after {@code parts[k]}. */
        private final int[] values;

        private Template(byte[][] parts, int[] values) {
            this.parts = parts;
            this.values = values;
        }

        /** The raw value marking value {@code k}. */
        static RawValue marker(int k) {
            return new RawValue("\u0001" + k + "\u0001");
        }

        /** {@code doc} cut at its markers, each of {@code 0..count-1} at most once. */
        static Template of(JsonNode doc, int count) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                Json.content(doc).writeTo(out);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            byte[] b = out.toByteArray();
            List<byte[]> parts = new ArrayList<>();
            List<Integer> values = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < b.length; i++) {
                if (b[i] != MARK) {
                    continue;
                }
                int end = i + 1;
                while (b[end] != MARK) {
                    end++;
                }
                parts.add(java.util.Arrays.copyOfRange(b, start, i));
                values.add(Integer.parseInt(new String(b, i + 1, end - i - 1, StandardCharsets.US_ASCII)));
                start = end + 1;
                i = end;
            }
            parts.add(java.util.Arrays.copyOfRange(b, start, b.length));
            if (values.stream().distinct().count() != values.size() || values.stream().anyMatch(v -> v >= count)) {
                throw new IllegalStateException("markers " + values + " of " + count);
            }
            return new Template(parts.toArray(new byte[0][]), values.stream().mapToInt(Integer::intValue).toArray());
        }

        /** The document with {@code texts[k]} in place of marker {@code k}. */
        byte[] fill(String[] texts) {
            int size = 0;
            for (byte[] p : parts) {
                size += p.length;
            }
            for (int v : values) {
                size += texts[v].length();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(size);
            for (int k = 0; k < parts.length; k++) {
                out.writeBytes(parts[k]);
                if (k < values.length) {
                    out.writeBytes(texts[values[k]].getBytes(StandardCharsets.UTF_8));
                }
            }
            return out.toByteArray();
        }
    }
}

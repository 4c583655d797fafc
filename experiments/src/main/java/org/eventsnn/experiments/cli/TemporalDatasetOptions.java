package org.eventsnn.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.record.SpikeTrains;
import org.eventsnn.datasets.CueAccumulation;
import org.eventsnn.datasets.LabelledSpikes;
import org.eventsnn.datasets.Npy;
import org.eventsnn.datasets.Randman;
import picocli.CommandLine.Option;

/**
 * The options and output of {@code eventsnn dataset randman|cue-accumulation}: spike datasets,
 * written as CSV ({@code sample,label,neuron,time}, one row per spike in time order), as a
 * labelled-spikes JSON file (what training and simulation read) or as numpy files
 * ({@code <base>_spikes.npy}: float64 rows sample, neuron, time; {@code <base>_labels.npy}: int64).
 */
final class TemporalDatasetOptions {
    /** The datasets handled here. */
    static final Set<String> NAMES = Set.of("randman", "cue-accumulation");

    /** Bytes a spike of a generated dataset takes while it is generated and written (time, neuron, text). */
    private static final double BYTES_PER_SPIKE = 64;

    @Option(names = "--classes", description = "randman: classes (default 10).")
    Integer classes;

    @Option(names = "--inputs", description = "randman: input neurons (default 100).")
    Integer inputs;

    @Option(names = "--dimension", description = "randman: manifold dimension (default 2).")
    Integer dimension;

    @Option(names = "--alpha", description = "randman: smoothness, the power-spectrum fall-off (default 2).")
    Double alpha;

    @Option(names = "--samples-per-class", description = "randman: samples per class (default 1000).")
    Integer samplesPerClass;

    @Option(names = "--duration", description = "randman: window in seconds (default 0.1).")
    Double duration;

    @Option(names = "--cues", description = "cue-accumulation: number of cues, odd (default 7).")
    Integer cues;

    @Option(names = "--group-size", description = "cue-accumulation: neurons per input group (default 10).")
    Integer groupSize;

    @Option(names = "--delay", description = "cue-accumulation: seconds from the last cue to the recall cue (default 1).")
    Double delay;

    @Option(names = "--cue-rate", description = "cue-accumulation: rate of cue and recall neurons in Hz (default 40).")
    Double cueRate;

    @Option(names = "--noise-rate", description = "cue-accumulation: rate of the noise group in Hz (default 10).")
    Double noiseRate;

    /**
     * Refuses the options given that belong to another dataset than {@code name} (one of
     * {@link #NAMES}, or a dataset that takes none of them).
     */
    void requireOnlyOptionsOf(String name) {
        Object[][] randman = {{"--classes", classes}, {"--inputs", inputs}, {"--dimension", dimension}, {"--alpha", alpha},
            {"--samples-per-class", samplesPerClass}, {"--duration", duration}};
        Object[][] cueAccumulation = {{"--cues", cues}, {"--group-size", groupSize}, {"--delay", delay},
            {"--cue-rate", cueRate}, {"--noise-rate", noiseRate}};
        for (Object[] o : name.equals("randman") ? cueAccumulation : name.equals("cue-accumulation") ? randman
                : concat(randman, cueAccumulation)) {
            if (o[1] != null) {
                throw new IllegalArgumentException(o[0] + " does not apply to " + name + " (it would be ignored)");
            }
        }
    }

    private static Object[][] concat(Object[][] a, Object[][] b) {
        Object[][] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /**
     * Generates dataset {@code name} and writes it ({@code -}: CSV or JSON to {@code stdout});
     * {@code size} is cue-accumulation's trial count (default 1000).
     */
    int write(String name, Integer size, Long seed, String format, Path output, PrintWriter stdout) throws IOException {
        if (!format.equals("csv") && !format.equals("npy") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be csv, npy or json for " + name + ", got " + format);
        }
        if (format.equals("npy")) {
            if (OutputFile.isStdout(output)) {
                throw new IllegalArgumentException("--output - (standard output) needs --format csv or json: npy writes two files");
            }
            OutputFile.check(npyFile(output, "spikes"));
            OutputFile.check(npyFile(output, "labels"));
        } else {
            OutputFile.check(output);
        }
        LabelledSpikes data = generate(name, size, seed == null ? 0 : seed);
        switch (format) {
            case "json":
                OutputFile.write(output, Json.content(data.toJson()), stdout);
                break;
            case "npy":
                writeNpy(data, output);
                break;
            default:
                byte[] csv = csv(data);
                OutputFile.write(output, out -> out.write(csv), stdout);
        }
        return 0;
    }

    private static Path npyFile(Path output, String what) {
        String base = output.getFileName().toString().replaceFirst("\\.(npy|csv|json)$", "");
        return output.resolveSibling(base + "_" + what + ".npy");
    }

    /**
     * Generates dataset {@code name}. The datasets' argument checks name their parameters in
     * Java's spelling ({@code samplesPerClass must be ...}); the message is given back with the
     * option's spelling ({@code --samples-per-class must be ...}), since each option is named
     * after its parameter.
     */
    private LabelledSpikes generate(String name, Integer size, long seed) {
        try {
            return generateChecked(name, size, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(asOption(e.getMessage()), e);
        }
    }

    /** {@code "groupSize must be >= 1"} becomes {@code "--group-size must be >= 1"}; other messages are kept. */
    private static String asOption(String message) {
        int end = message.indexOf(' ');
        String word = end < 0 ? message : message.substring(0, end);
        if (word.isEmpty() || !word.chars().allMatch(Character::isLetter) || !Character.isLowerCase(word.charAt(0))) {
            return message;
        }
        String option = "--" + word.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
        return option + message.substring(word.length());
    }

    private LabelledSpikes generateChecked(String name, Integer size, long seed) {
        if (name.equals("randman")) {
            if (size != null) {
                throw new IllegalArgumentException("randman: use --samples-per-class instead of --size");
            }
            Randman d = Randman.defaults();
            return Randman.of(or(classes, d.classes()), or(inputs, d.inputs()), or(dimension, d.dimension()),
                    or(alpha, d.alpha()), or(samplesPerClass, d.samplesPerClass()), or(duration, d.duration()))
                    .generate(seed, "in");
        }
        CueAccumulation.Builder b = CueAccumulation.builder();
        if (cues != null) {
            b.cues(cues);
        }
        if (groupSize != null) {
            b.groupSize(groupSize);
        }
        if (delay != null) {
            b.delay(delay);
        }
        if (cueRate != null) {
            b.cueRate(cueRate);
        }
        if (noiseRate != null) {
            b.noiseRate(noiseRate);
        }
        CueAccumulation task = b.build();
        int trials = size == null ? 1000 : size;
        requireFits(task, trials);
        return task.generate(trials, seed, "in");
    }

    /**
     * Refuses a cue-accumulation dataset whose expected spike count (every group at its rate for
     * as long as it fires) cannot fit in half the heap, before drawing it: a long --delay or a
     * high rate otherwise ran for most of a minute before running out of memory.
     */
    private static void requireFits(CueAccumulation task, int trials) {
        double recall = task.duration() - task.recallStart();
        double perTrial = task.groupSize() * (task.cueRate() * (task.cues() * task.cueDuration() + recall)
                + task.noiseRate() * task.duration());
        double spikes = perTrial * trials;
        long heap = Runtime.getRuntime().maxMemory();
        if (!(spikes * BYTES_PER_SPIKE <= heap / 2.0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "cue-accumulation: about %.3g spikes (%.3g s"
                    + " trials at the given rates), more than half the JVM's maximum heap of %d MB holds; lower --size,"
                    + " --delay, --cue-rate or --noise-rate, or give the JVM more with EVENTSNN_JAVA_OPTS=\"-Xmx...\"",
                    spikes, task.duration(), heap >> 20));
        }
    }

    private static int or(Integer v, int otherwise) {
        return v == null ? otherwise : v;
    }

    private static double or(Double v, double otherwise) {
        return v == null ? otherwise : v;
    }

    private static byte[] csv(LabelledSpikes data) {
        StringBuilder s = new StringBuilder("sample,label,neuron,time\n");
        for (int i = 0; i < data.sampleCount(); i++) {
            SpikeTrains t = data.input(i);
            for (int k = 0; k < t.count(data.population()); k++) {
                s.append(i).append(',').append(data.label(i)).append(',').append(t.neuron(data.population(), k))
                        .append(',').append(Json.shortest(t.time(data.population(), k))).append('\n');
            }
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeNpy(LabelledSpikes data, Path output) throws IOException {
        int total = 0;
        for (int i = 0; i < data.sampleCount(); i++) {
            total += data.input(i).count(data.population());
        }
        double[][] rows = new double[total][];
        int[] labels = new int[data.sampleCount()];
        int r = 0;
        for (int i = 0; i < data.sampleCount(); i++) {
            SpikeTrains t = data.input(i);
            for (int k = 0; k < t.count(data.population()); k++) {
                rows[r++] = new double[] {i, t.neuron(data.population(), k), t.time(data.population(), k)};
            }
            labels[i] = data.label(i);
        }
        Npy.writeMatrix(npyFile(output, "spikes"), rows);
        Npy.writeInts(npyFile(output, "labels"), labels);
    }
}

package org.eventsnn.experiments.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eventsnn.core.io.AtomicFiles;
import org.eventsnn.core.io.Json;
import org.eventsnn.datasets.Dataset;
import org.eventsnn.datasets.Npy;
import org.eventsnn.datasets.ToySets;
import org.eventsnn.datasets.YinYang;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code eventsnn dataset}: writes a generated dataset as CSV or numpy files. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = {"Write a dataset: yinyang (bit-identical to the published splits), circle, linear, or the spike"
                        + " datasets randman and cue-accumulation (see docs/temporal-tasks.md for their formats).",
                "CSV: header x,y,x_flipped,y_flipped,label then one row per sample, doubles in shortest round-trip form.",
                "npy: <output>_samples.npy (float64, N x 4) and <output>_labels.npy (int64, N)."})
final class DatasetCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "yinyang, circle, linear, randman or cue-accumulation.")
    String name;

    @Option(names = "--split",
            description = "yinyang split, required for yinyang (no default): train (5000, seed 42), validation (1000,"
                    + " seed 41), test (1000, seed 40).")
    String split;

    @Option(names = "--size", description = "Number of samples (default: the split's; 1000 for toy sets).")
    Integer size;

    @Option(names = "--seed", description = "Seed (default: the split's; 0 for toy sets).")
    Long seed;

    @Option(names = "--format", defaultValue = "csv", description = "csv or npy (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--output", required = true,
            description = "Output file (csv; - writes to standard output), or base name (npy: two files).")
    Path output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    TemporalDatasetOptions temporal;

    @Override
    public Integer call() throws IOException {
        if (size != null && size < 0) {
            throw new IllegalArgumentException("--size must be >= 0, got " + size);
        }
        if (split != null && !name.equals("yinyang")) {
            throw new IllegalArgumentException("--split applies only to yinyang, not " + name);
        }
        if (!java.util.List.of("yinyang", "circle", "linear", "randman", "cue-accumulation").contains(name)) {
            throw new IllegalArgumentException("unknown dataset '" + name + "', expected yinyang, circle, linear, randman or cue-accumulation");
        }
        temporal.requireOnlyOptionsOf(name);
        if (TemporalDatasetOptions.NAMES.contains(name)) {
            return temporal.write(name, size, seed, format, output, spec.commandLine().getOut());
        }
        if (!format.equals("csv") && !format.equals("npy")) {
            throw new IllegalArgumentException("--format must be csv or npy, got " + format);
        }
        if (format.equals("npy") && OutputFile.isStdout(output)) {
            throw new IllegalArgumentException("--output - (standard output) needs --format csv: npy writes two files");
        }
        Path samplesFile = null;
        Path labelsFile = null;
        if (format.equals("csv")) {
            OutputFile.check(output);
        } else {
            String base = output.getFileName().toString().replaceFirst("\\.(npy|csv)$", "");
            samplesFile = output.resolveSibling(base + "_samples.npy");
            labelsFile = output.resolveSibling(base + "_labels.npy");
            OutputFile.check(samplesFile);
            OutputFile.check(labelsFile);
        }
        Dataset data = generate();
        if (format.equals("csv")) {
            OutputFile.write(output, csv(data), spec.commandLine().getOut());
        } else {
            double[][] samples = new double[data.size()][];
            int[] labels = new int[data.size()];
            for (int i = 0; i < data.size(); i++) {
                samples[i] = data.features(i);
                labels[i] = data.label(i);
            }
            Npy.writeMatrix(samplesFile, samples);
            Npy.writeInts(labelsFile, labels);
        }
        return 0;
    }

    private Dataset generate() {
        switch (name) {
            case "yinyang": {
                if (split == null) {
                    throw new IllegalArgumentException("dataset yinyang needs --split train, validation or test");
                }
                YinYang.Split s = YinYang.Split.of(split);
                long sd = seed == null ? s.defaultSeed() : seed;
                if (sd < 0 || sd > 0xFFFFFFFFL) {
                    throw new IllegalArgumentException("--seed must be in [0, 2^32) (numpy's legacy seeding), got " + sd);
                }
                return YinYang.generate(s.label(), size == null ? s.defaultSize() : size, sd);
            }
            case "circle":
                return ToySets.circle(size == null ? 1000 : size, seed == null ? 0 : seed);
            default: // linear
                return ToySets.linear(size == null ? 1000 : size, seed == null ? 0 : seed);
        }
    }

    /** The dataset as CSV: header, then one row per sample, doubles in shortest round-trip form. */
    static AtomicFiles.Content csv(Dataset data) {
        StringBuilder s = new StringBuilder("x,y,x_flipped,y_flipped,label\n");
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < data.featureCount(); j++) {
                s.append(Json.shortest(data.feature(i, j))).append(',');
            }
            s.append(data.label(i)).append('\n');
        }
        byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
        return out -> out.write(bytes);
    }
}

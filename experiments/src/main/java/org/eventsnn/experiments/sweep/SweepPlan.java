package org.eventsnn.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.eventsnn.core.io.Json;
import org.eventsnn.experiments.train.Presets;
import org.eventsnn.experiments.train.TrainingConfig;
import org.eventsnn.experiments.train.YinYangTask;

/**
 * What a sweep runs: every point of the grid (the Cartesian product of the {@code --grid}
 * values, the first grid parameter outermost) times every seed, each a {@link RunSpec} whose
 * settings are those {@code train} would apply for the same options. Building a plan checks
 * every run's configuration, so a bad grid value is refused before any task starts.
 */
public final class SweepPlan {
    /** The column of a sweep over variants (forward-pass settings) instead of a grid. */
    static final String VARIANT = "variant";

    /** Epochs of a run when neither --epochs nor --full is given, as for {@code train}. */
    static final int SHORT_EPOCHS = 10;

    private final String preset;
    private final Map<String, List<String>> grid;
    private final List<GridPoint> points;
    private final List<RunSpec> runs;
    private final long firstSeed;
    private final int seeds;
    private final int threadsPerTask;
    private final ChipSettings chip;
    private final Map<String, ChipSettings> variants;
    private final Path outputDir;
    private final Map<String, String> base;

    private SweepPlan(Builder b) {
        if (b.seeds < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1, got " + b.seeds);
        }
        if (b.threadsPerTask < 1) {
            throw new IllegalArgumentException("--threads-per-task must be >= 1, got " + b.threadsPerTask);
        }
        if (b.epochs != null && b.full) {
            throw new IllegalArgumentException("give either --epochs or --full");
        }
        this.preset = b.preset;
        this.firstSeed = b.firstSeed;
        this.seeds = b.seeds;
        this.threadsPerTask = b.threadsPerTask;
        this.chip = b.chip;
        this.variants = Collections.unmodifiableMap(new LinkedHashMap<>(b.variants));
        this.outputDir = b.outputDir;
        this.base = new LinkedHashMap<>(b.settings);
        Presets.get(preset).withAll(withMethod(b.settings, b));
        if (!b.variants.isEmpty() && !b.grid.isEmpty()) {
            throw new IllegalArgumentException("a sweep has either variants or a --grid");
        }
        this.grid = b.variants.isEmpty() ? parseGrid(b) : Map.of(VARIANT, List.copyOf(b.variants.keySet()));
        this.points = b.variants.isEmpty() ? points(grid) : variantPoints(b.variants);
        List<RunSpec> all = new ArrayList<>();
        for (GridPoint p : points) {
            Map<String, String> settings = settings(p, b);
            TrainingConfig config = check(p, settings);
            ChipSettings chip = variants.isEmpty() ? this.chip : variants.get(p.name());
            if (chip.onChip()) {
                chip.forwardPass(new YinYangTask(config).neuronParameters());
            }
            for (int k = 0; k < seeds; k++) {
                long seed = firstSeed + k;
                String dir = outputDir.resolve(p.name()).resolve("seed-" + seed).toString();
                all.add(new RunSpec(p, preset, Collections.unmodifiableMap(settings), seed, threadsPerTask, chip, dir,
                        b.software));
            }
        }
        this.runs = Collections.unmodifiableList(all);
    }

    /** A plan for {@code task} (only yinyang) starting from {@code preset}, written into {@code outputDir}. */
    public static Builder builder(String task, String preset, Path outputDir) {
        if (!"yinyang".equals(task)) {
            throw new IllegalArgumentException("unknown task '" + task + "', expected yinyang");
        }
        Presets.get(preset);
        return new Builder(preset, outputDir);
    }

    private static Map<String, List<String>> parseGrid(Builder b) {
        Map<String, List<String>> grid = new LinkedHashMap<>();
        b.grid.forEach((name, text) -> {
            if (!TrainingConfig.DESCRIPTIONS.containsKey(name) || name.equals("preset")) {
                throw new IllegalArgumentException("--grid " + name + "=" + text + ": " + name + " is not a hyperparameter"
                        + (name.equals("preset") ? " to sweep (run one sweep per --preset)" : ""));
            }
            boolean elsewhere = b.settings.containsKey(name) || name.equals("method") && b.method != null
                    || name.equals("epochs") && (b.epochs != null || b.full);
            if (elsewhere) {
                throw new IllegalArgumentException("--grid " + name + "=" + text + ": " + name
                        + " is also given by another option");
            }
            List<String> values = Arrays.asList(text.split(",", -1));
            for (String v : values) {
                if (v.isBlank() || !v.equals(v.strip()) || v.contains("/")) {
                    throw new IllegalArgumentException("--grid " + name + "=" + text + ": value '" + v + "' is not a value");
                }
            }
            if (new LinkedHashSet<>(values).size() != values.size()) {
                throw new IllegalArgumentException("--grid " + name + "=" + text + ": a value is repeated");
            }
            grid.put(name, List.copyOf(values));
        });
        // each value alone first, so that the message names the parameter and the value at fault
        grid.forEach((name, values) -> {
            for (String v : values) {
                Map<String, String> s = new LinkedHashMap<>(b.settings);
                s.put(name, v);
                try {
                    Presets.get(b.preset).withAll(withMethod(s, b));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--grid " + name + "=" + v + ": " + e.getMessage(), e);
                }
            }
        });
        return Collections.unmodifiableMap(grid);
    }

    private static List<GridPoint> points(Map<String, List<String>> grid) {
        List<Map<String, String>> partial = new ArrayList<>();
        partial.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> g : grid.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : partial) {
                for (String v : g.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(p);
                    m.put(g.getKey(), v);
                    next.add(m);
                }
            }
            partial = next;
        }
        List<GridPoint> points = new ArrayList<>();
        for (Map<String, String> p : partial) {
            points.add(GridPoint.of(p));
        }
        return Collections.unmodifiableList(points);
    }

    private static List<GridPoint> variantPoints(Map<String, ChipSettings> variants) {
        List<GridPoint> points = new ArrayList<>();
        variants.keySet().forEach(v -> points.add(new GridPoint(v, Map.of(VARIANT, v))));
        return Collections.unmodifiableList(points);
    }

    /** {@code settings} and then --method, if given. */
    private static Map<String, String> withMethod(Map<String, String> settings, Builder b) {
        Map<String, String> s = new LinkedHashMap<>(settings);
        if (b.method != null) {
            s.put("method", b.method);
        }
        return s;
    }

    /** A point's settings in train's order: --set, the grid values, --method, then the epochs rule. */
    private static Map<String, String> settings(GridPoint p, Builder b) {
        Map<String, String> s = new LinkedHashMap<>(b.settings);
        if (b.variants.isEmpty()) {
            s.putAll(p.values());
        }
        s = withMethod(s, b);
        if (b.epochs != null) {
            s.put("epochs", Integer.toString(b.epochs));
        } else if (!b.full && !s.containsKey("epochs")) {
            s.put("epochs", Integer.toString(Math.min(SHORT_EPOCHS, Presets.get(b.preset).integer("epochs"))));
        }
        return s;
    }

    private TrainingConfig check(GridPoint p, Map<String, String> settings) {
        try {
            return Presets.get(preset).withAll(settings);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(grid.isEmpty() ? e.getMessage()
                    : "--grid point " + p.name() + ": " + e.getMessage(), e);
        }
    }

    /** Every run, point by point, seeds ascending within a point. */
    public List<RunSpec> runs() {
        return runs;
    }

    /** The grid points in order. */
    public List<GridPoint> points() {
        return points;
    }

    /** Grid parameter names to their values, in command-line order (empty for a seed-only sweep). */
    public Map<String, List<String>> grid() {
        return grid;
    }

    public int seeds() {
        return seeds;
    }

    public int threadsPerTask() {
        return threadsPerTask;
    }

    public Path outputDir() {
        return outputDir;
    }

    /**
     * Refuses to continue, in the same output directory, a sweep planned as {@code previous}
     * (its sweep.json) unless it had the same preset, backend, settings (epochs aside) and grid
     * parameters: seeds, grid values and epochs may change.
     */
    public void requireCompatible(JsonNode previous, Path file) {
        ObjectNode now = toJson();
        for (String field : new String[] {"format", "task", "preset", "backend", "variants"}) {
            if (!now.path(field).equals(previous.path(field))) {
                throw new IllegalArgumentException(file + ": the sweep there has " + field + " " + previous.path(field)
                        + ", not " + now.path(field) + "; choose another --output-dir");
            }
        }
        ObjectNode before = previous.path("settings").deepCopy();
        ObjectNode after = now.path("settings").deepCopy();
        before.remove("epochs");
        after.remove("epochs");
        List<String> gridBefore = new ArrayList<>();
        previous.path("grid").fieldNames().forEachRemaining(gridBefore::add);
        if (!before.equals(after) || !gridBefore.equals(new ArrayList<>(grid.keySet()))) {
            throw new IllegalArgumentException(file + ": the sweep there has other --set or --grid parameters ("
                    + previous.path("settings") + ", grid " + gridBefore + "); choose another --output-dir");
        }
    }

    /** The plan as {@code sweep.json} records it. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("format", "eventsnn-sweep");
        o.put("version", 1);
        o.put("task", "yinyang");
        o.put("preset", preset);
        ObjectNode s = o.putObject("settings");
        base.forEach(s::put);
        ObjectNode g = o.putObject("grid");
        grid.forEach((k, values) -> {
            ArrayNode a = g.putArray(k);
            values.forEach(a::add);
        });
        o.put("firstSeed", firstSeed);
        o.put("seeds", seeds);
        o.put("threadsPerTask", threadsPerTask);
        if (variants.isEmpty()) {
            o.set("backend", json(chip));
        } else {
            ObjectNode v = o.putObject("variants");
            variants.forEach((name, c) -> v.set(name, json(c)));
        }
        return o;
    }

    private static ObjectNode json(ChipSettings chip) {
        ObjectNode c = Json.object();
        c.put("backend", chip.backend());
        if (chip.onChip()) {
            c.put("chipSeed", chip.chipSeed());
            c.put("mismatch", chip.mismatch());
            c.put("weightScale", chip.weightScale());
            c.put("thresholdNoise", chip.thresholdNoise());
            c.put("jitter", chip.jitter());
            if (chip.calibration() != null) {
                c.put("calibration", chip.calibration());
            }
        }
        return c;
    }

    /** Collects a sweep's options; {@link #build} checks them all. */
    public static final class Builder {
        private final String preset;
        private final Path outputDir;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final Map<String, String> grid = new LinkedHashMap<>();
        private final Map<String, ChipSettings> variants = new LinkedHashMap<>();
        private String method;
        private Integer epochs;
        private boolean full;
        private long firstSeed;
        private int seeds = 1;
        private int threadsPerTask = 1;
        private ChipSettings chip = ChipSettings.SOFTWARE;
        private String software = "eventsnn";

        private Builder(String preset, Path outputDir) {
            this.preset = preset;
            this.outputDir = outputDir;
        }

        /** {@code --set name=value} for every run. */
        public Builder set(Map<String, String> values) {
            settings.putAll(values);
            return this;
        }

        /** {@code --grid name=v1,v2,...}, in order. */
        public Builder grid(Map<String, String> values) {
            grid.putAll(values);
            return this;
        }

        /**
         * Instead of a grid, one point per variant: its name (a directory name) and where its
         * forward passes run; {@link #chip} is then unused.
         */
        public Builder variants(Map<String, ChipSettings> v) {
            variants.putAll(v);
            return this;
        }

        /** {@code --method} (null: the preset's). */
        public Builder method(String m) {
            method = m;
            return this;
        }

        /** {@code --epochs} (null: the short run, or the preset's with {@link #full}). */
        public Builder epochs(Integer n) {
            epochs = n;
            return this;
        }

        /** {@code --full}: the preset's schedule. */
        public Builder full(boolean f) {
            full = f;
            return this;
        }

        /** Seeds {@code first..first+count-1}. */
        public Builder seeds(long first, int count) {
            firstSeed = first;
            seeds = count;
            return this;
        }

        /** Training threads of every run. */
        public Builder threadsPerTask(int t) {
            threadsPerTask = t;
            return this;
        }

        /** Where forward passes run. */
        public Builder chip(ChipSettings c) {
            chip = c;
            return this;
        }

        /** The software version result.json records. */
        public Builder software(String s) {
            software = s;
            return this;
        }

        /** The plan; throws IllegalArgumentException naming the option and value at fault. */
        public SweepPlan build() {
            return new SweepPlan(this);
        }
    }
}

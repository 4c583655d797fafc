package org.eventsnn.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eventsnn.core.io.Json;

/**
 * Where {@code train} writes: a new dated directory {@code runs/yinyang-PRESET-YYYYMMDD-HHMMSS}
 * (with {@code -2}, {@code -3}, ... if that exists already) so that the same command can be run
 * again, or the newest such directory for {@code --resume}.
 */
final class RunDirectories {
    static final Path RUNS = Path.of("runs");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final String CHECKPOINT = "checkpoint.json";

    private RunDirectories() {
    }

    /**
     * {@code given} if not null, else the newest run named {@code kind} (task and preset, e.g.
     * {@code yinyang-fastdeep}) in {@code runs} (resume) or a new dated directory there.
     */
    static Path choose(Path runs, Path given, String kind, boolean resume) throws IOException {
        if (given != null) {
            return given;
        }
        if (resume) {
            return newest(runs, kind).orElseThrow(() -> new IllegalArgumentException("--resume: no earlier run of"
                    + " " + kind + " in " + runs + " (" + kind + "-*); give --output-dir"));
        }
        Path base = runs.resolve(kind + "-" + LocalDateTime.now().format(STAMP));
        Path dir = base;
        for (int k = 2; Files.exists(dir); k++) {
            dir = Path.of(base + "-" + k);
        }
        return dir;
    }

    /** The newest dated run directory named {@code kind} (by its name's time stamp and suffix). */
    static Optional<Path> newest(Path runs, String kind) throws IOException {
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        Pattern name = Pattern.compile(Pattern.quote(kind + "-") + "(\\d{8}-\\d{6})(?:-(\\d+))?");
        try (Stream<Path> list = Files.list(runs)) {
            return list.filter(p -> name.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))
                    .max(Comparator.comparing((Path p) -> group(name, p, 1))
                            .thenComparingInt(p -> Integer.parseInt(Optional.ofNullable(group(name, p, 2)).orElse("1"))));
        }
    }

    private static String group(Pattern name, Path p, int g) {
        Matcher m = name.matcher(p.getFileName().toString());
        return m.matches() ? m.group(g) : null;
    }

    /** Fails unless {@code dir} holds a run to resume: its checkpoint, or a seed's in a sweep. */
    static void requireResumable(Path dir, int seeds, long firstSeed) {
        boolean any = false;
        for (int k = 0; k < seeds && !any; k++) {
            any = hasCheckpoint(seeds == 1 ? dir : dir.resolve("seed-" + (firstSeed + k)));
        }
        if (!any) {
            throw new IllegalArgumentException("--resume: " + dir + " holds no run to resume (no " + CHECKPOINT
                    + (seeds == 1 ? "" : " in any seed-N directory") + ")");
        }
    }

    static boolean hasCheckpoint(Path runDir) {
        return Files.isRegularFile(runDir.resolve(CHECKPOINT));
    }

    /** Epochs the checkpoint in {@code runDir} has done (0 if none). */
    static int epochsDone(Path runDir) {
        if (!hasCheckpoint(runDir)) {
            return 0;
        }
        JsonNode root = Json.read(runDir.resolve(CHECKPOINT));
        return root.path("epochsDone").asInt();
    }
}

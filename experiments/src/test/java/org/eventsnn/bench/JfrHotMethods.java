package org.eventsnn.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints where a JFR recording's execution samples were: the methods with the most self time
 * (top frame) and the most total time (anywhere on the stack), as shares of all samples. Java 17's
 * {@code jfr} tool has no {@code view hot-methods}; this is what {@code ./profile} runs on its
 * recording. Needs only the JDK, so it runs as a single source file:
 * {@code java experiments/src/test/java/org/eventsnn/bench/JfrHotMethods.java REC.jfr [ROWS]}.
 */
public final class JfrHotMethods {
    private final Map<String, Integer> self = new HashMap<>();
    private final Map<String, Integer> total = new HashMap<>();
    private int samples;

    /** Counts one sample whose stack lists {@code frames} from the innermost out. */
    void add(List<String> frames) {
        samples++;
        if (frames.isEmpty()) {
            return;
        }
        self.merge(frames.get(0), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        for (String f : frames) {
            if (seen.add(f)) { // recursion counts a sample once per method
                total.merge(f, 1, Integer::sum);
            }
        }
    }

    /** The report: samples, then the {@code rows} top methods by self and by total share. */
    String report(int rows) {
        StringBuilder out = new StringBuilder();
        out.append(samples).append(" execution samples\n");
        table(out, "self", self, rows);
        table(out, "total", total, rows);
        return out.toString();
    }

    private void table(StringBuilder out, String title, Map<String, Integer> counts, int rows) {
        out.append(String.format("%n%-6s %7s  %s%n", title, "samples", "method"));
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(rows)
                .forEach(e -> out.append(String.format("%5.1f%% %7d  %s%n",
                        100.0 * e.getValue() / Math.max(1, samples), e.getValue(), e.getKey())));
    }

    /** Class (without package) and method name of a frame. */
    static String name(RecordedMethod m) {
        String type = m.getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + m.getName();
    }

    /** Prints the report of recording {@code args[0]}, {@code args[1]} rows per table (default 25). */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: JfrHotMethods RECORDING.jfr [ROWS]");
            System.exit(2);
        }
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        JfrHotMethods hot = new JfrHotMethods();
        try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                    continue;
                }
                List<String> frames = new ArrayList<>();
                for (RecordedFrame f : e.getStackTrace().getFrames()) {
                    frames.add(name(f.getMethod()));
                }
                hot.add(frames);
            }
        }
        System.out.print(hot.report(rows));
    }
}

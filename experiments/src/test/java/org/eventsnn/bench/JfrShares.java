package org.eventsnn.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits a JFR recording's execution samples inside {@code Simulator.simulate} (the single event
 * queue) into the groups of docs/scale.md "Event queue, CUBA": each sample goes to the group of
 * the innermost frame that belongs to one. Needs only the JDK, so it runs as a single source file:
 * {@code java experiments/src/test/java/org/eventsnn/bench/JfrShares.java REC.jfr}.
 */
public final class JfrShares {
    private JfrShares() {
    }

    /** The group of a frame of method {@code method} of class {@code type}, or null if none. */
    static String group(String type, String method) {
        String cls = type.substring(type.lastIndexOf('.') + 1);
        switch (cls) {
            case "QuaternaryEventHeap", "NeuronEventQueue", "TimeBuckets":
                return "pending-event queue (heap, buckets)";
            case "PowerSumRoot":
                return method.equals("power") ? null : "exact crossings solved";
            case "ExpSumRoots", "ExpSumRoots$SumFunction", "SafeguardedNewton", "LambertW":
                return "exact crossings solved";
            case "CrossingSolver":
                return List.of("next", "nextFromGroups", "value", "slope", "rootIn", "powerSumRoot", "polish",
                        "criticalPoints", "nextWithEqualTaus").contains(method)
                        ? "exact crossings solved" : "lower bounds (lowerBound, drive, neverReaches)";
            case "LifDynamics", "Span":
                return "closed-form advance (span factors, evolve)";
            case "NeuronStates":
                return List.of("advance", "sharedSpan", "advanceToOwnSpike").contains(method)
                        ? "closed-form advance (span factors, evolve)"
                        : "neuron bookkeeping (receive, predict, checkReached, boundAgainAt)";
            case "Simulator", "NextEvent", "ArrivalQueue", "TimeQueue", "SpikeRecord", "Projection", "RowValues":
                return "engine loop, rows, record";
            default:
                return null;
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        int inside = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            boolean simulating = frames.stream().anyMatch(f -> f.getMethod().getType().getName().endsWith(".engine.Simulator")
                    && f.getMethod().getName().equals("simulate"));
            if (!simulating) {
                continue;
            }
            inside++;
            String group = "other";
            for (RecordedFrame f : frames) {
                String g = group(f.getMethod().getType().getName(), f.getMethod().getName());
                if (g != null) {
                    group = g;
                    break;
                }
            }
            counts.merge(group, 1, Integer::sum);
        }
        System.out.println(inside + " samples inside Simulator.simulate");
        int total = inside;
        counts.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue())
                .forEach(x -> System.out.printf("%5.1f %%  %s%n", 100.0 * x.getValue() / total, x.getKey()));
    }
}

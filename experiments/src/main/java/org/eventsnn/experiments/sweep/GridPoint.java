package org.eventsnn.experiments.sweep;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One point of a sweep's grid: a value for every grid parameter, in grid order. Its name,
 * {@code name=value} pairs joined by {@code _} ({@code base} for a sweep without a grid), is
 * the directory its seeds' runs go into.
 */
public record GridPoint(String name, Map<String, String> values) implements Serializable {
    /** The point without grid parameters, of a seed-only sweep. */
    static final String BASE = "base";

    /** The point giving {@code values} (grid name to value, in grid order). */
    static GridPoint of(Map<String, String> values) {
        StringJoiner name = new StringJoiner("_");
        values.forEach((k, v) -> name.add(k + "=" + v));
        return new GridPoint(values.isEmpty() ? BASE : name.toString(),
                Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }
}

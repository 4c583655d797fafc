package org.eventsnn.core.io.nir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node of a NIR graph as stored in the file: its type string, numeric parameters, string
 * parameters (such as a convolution's {@code padding = "same"}) and the JSON kept under the
 * {@code eventsnn} metadata key (null when absent).
 */
final class NirNode {
    private final String name;
    private final String type;
    private final Map<String, NdArray> arrays;
    private final Map<String, String> strings;
    private final String eventsnnMetadata;

    NirNode(String name, String type, Map<String, NdArray> arrays, Map<String, String> strings,
            String eventsnnMetadata) {
        this.name = name;
        this.type = type;
        this.arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
        this.strings = Collections.unmodifiableMap(new LinkedHashMap<>(strings));
        this.eventsnnMetadata = eventsnnMetadata;
    }

    String name() {
        return name;
    }

    String type() {
        return type;
    }

    Map<String, NdArray> arrays() {
        return arrays;
    }

    Map<String, String> strings() {
        return strings;
    }

    boolean has(String field) {
        return arrays.containsKey(field) || strings.containsKey(field);
    }

    /** The numeric field, or null. */
    NdArray array(String field) {
        return arrays.get(field);
    }

    /** The string field, or null. */
    String string(String field) {
        return strings.get(field);
    }

    String eventsnnMetadata() {
        return eventsnnMetadata;
    }

    /** True when both nodes have the same type and bit-identical parameters (metadata ignored). */
    boolean sameParameters(NirNode o) {
        if (!type.equals(o.type) || !arrays.keySet().equals(o.arrays.keySet()) || !strings.equals(o.strings)) {
            return false;
        }
        for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
            if (!e.getValue().sameAs(o.arrays.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}

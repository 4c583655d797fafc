package org.eventsnn.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Rewrites of model files between the one-delay and the per-synapse-delay forms, for tests. */
public final class DelayForms {
    private DelayForms() {
    }

    /**
     * {@code model} (a model file's JSON) with every dense projection's one {@code delay} given
     * instead as {@code delays}, a matrix shaped like its weights: the same model, per synapse.
     */
    public static JsonNode withDelayMatrices(JsonNode model) {
        ObjectNode copy = model.deepCopy();
        for (JsonNode pr : copy.get("projections")) {
            ObjectNode p = (ObjectNode) pr;
            if (p.has("delay") && p.has("weights")) {
                double d = p.remove("delay").asDouble();
                ArrayNode rows = p.putArray("delays");
                for (JsonNode w : p.get("weights")) {
                    ArrayNode row = rows.addArray();
                    for (int j = 0; j < w.size(); j++) {
                        row.add(d);
                    }
                }
            }
        }
        return copy;
    }
}

package org.eventsnn.core.io.nir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.eventsnn.core.io.Json;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;

/**
 * The eventsnn model kept in a NIR graph's node metadata ({@code metadata/eventsnn}: each
 * population's and projection's model-file JSON with its index), as {@link NirExport} writes it.
 * It is used only while the graph's NIR nodes are exactly what eventsnn would write for it.
 */
final class KeptModel {
    private KeptModel() {
    }

    /** The network kept in the nodes' eventsnn metadata if it still matches the NIR parameters, else null. */
    static Network restore(NirGraph graph, String file, Consumer<String> warnings) {
        Map<Integer, JsonNode> pops = new HashMap<>();
        Map<Integer, JsonNode> projs = new HashMap<>();
        boolean any = false;
        boolean complete = true;
        try {
            for (NirNode n : graph.nodes().values()) {
                boolean expected = NirImport.isSpiking(n) || n.type().equals("Linear");
                if (n.eventsnnMetadata() == null) {
                    complete &= !expected;
                    continue;
                }
                any = true;
                JsonNode m = Json.mapper().readTree(n.eventsnnMetadata());
                if (m.has("population")) {
                    pops.put(m.get("index").asInt(), m.get("population"));
                } else if (m.has("projection")) {
                    projs.put(m.get("index").asInt(), m.get("projection"));
                }
            }
            if (!any) {
                return null;
            }
            ObjectNode root = Json.object();
            root.put("format", ModelFiles.FORMAT);
            root.put("version", ModelFiles.VERSION);
            ArrayNode pa = root.putArray("populations");
            ArrayNode ja = root.putArray("projections");
            for (int i = 0; i < pops.size(); i++) {
                complete &= pops.containsKey(i);
                pa.add(pops.get(i));
            }
            for (int j = 0; j < projs.size(); j++) {
                complete &= projs.containsKey(j);
                ja.add(projs.get(j));
            }
            if (complete) {
                Network kept = ModelFiles.fromJson(root, file + " (eventsnn metadata)");
                if (NirExport.graph(kept, true, w -> { }).sameStructure(graph)) {
                    return kept;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // unreadable or invalid metadata is stale metadata: warn and map the nodes
        }
        warnings.accept(file + ": the eventsnn metadata does not match the NIR nodes (was the graph changed by"
                + " another tool?): mapping the NIR nodes instead");
        return null;
    }
}

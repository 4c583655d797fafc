package org.eventsnn.core.io.nir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A NIR graph as stored in a file: its version string, nodes by name (file order) and edges. */
final class NirGraph {
    /** The NIR version written by eventsnn: the reference package's layout, release 1.0.7. */
    static final String WRITTEN_VERSION = "1.0.7";

    private final String version;
    private final Map<String, NirNode> nodes;
    private final List<String[]> edges;

    NirGraph(String version, Map<String, NirNode> nodes, List<String[]> edges) {
        this.version = version;
        this.nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        List<String[]> copy = new ArrayList<>();
        for (String[] e : edges) {
            copy.add(new String[] {e[0], e[1]});
        }
        this.edges = Collections.unmodifiableList(copy);
    }

    String version() {
        return version;
    }

    Map<String, NirNode> nodes() {
        return nodes;
    }

    /** Edges as {source name, target name} pairs, in file order. */
    List<String[]> edges() {
        return edges;
    }

    /** True when both graphs have the same node names, types, parameters and edges (metadata ignored). */
    boolean sameStructure(NirGraph o) {
        if (!nodes.keySet().equals(o.nodes.keySet()) || edges.size() != o.edges.size()) {
            return false;
        }
        for (NirNode n : nodes.values()) {
            if (!n.sameParameters(o.nodes.get(n.name()))) {
                return false;
            }
        }
        List<String> mine = new ArrayList<>();
        List<String> theirs = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            mine.add(edges.get(i)[0] + '\u0000' + edges.get(i)[1]);
            theirs.add(o.edges.get(i)[0] + '\u0000' + o.edges.get(i)[1]);
        }
        Collections.sort(mine);
        Collections.sort(theirs);
        return mine.equals(theirs);
    }
}

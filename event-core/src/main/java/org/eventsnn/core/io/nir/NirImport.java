package org.eventsnn.core.io.nir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eventsnn.core.io.FormatException;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Population;

/**
 * Maps a NIR graph to an eventsnn network (docs/nir.md states each equation): every Input node
 * becomes an input population, every CubaLIF node a LIF population with one receptor and every
 * LIF node one with a delta synapse (an IF node the same without leak; LI and CubaLI readouts
 * like LIF and CubaLIF with a threshold never reached), all under the node's
 * name; every path of pass-through nodes (Linear, Affine, Scale, Delay, ...) from a spiking node
 * to a neuron node becomes a projection, its weight {@code (r / tau_syn) * w_in * W} (CubaLIF),
 * {@code (r / tau) * W} (LIF) or {@code r * W} (IF) and its delay the sum of the Delay nodes'
 * (per synapse where they differ per element); biases shift the target's leak by
 * {@code r * w_in * b} (LIF: {@code r * b}; IF, without leak, refuses them).
 * A graph that eventsnn wrote keeps each population and projection as eventsnn JSON under the
 * nodes' {@code eventsnn} metadata; when the NIR parameters still match it exactly, that JSON
 * is read back, so that eventsnn -> NIR -> eventsnn is bit-identical.
 */
public final class NirImport {
    /** Node types refused with the reason, one line each. */
    private static final Map<String, String> REFUSED = Map.of(
            "NIRGraph", "nested graphs are not supported; flatten the graph first");

    private final String file;
    private final NirGraph graph;
    private final NodeOps ops;
    private final Map<String, int[]> shapes = new HashMap<>();
    private final Map<String, List<String>> successors = new HashMap<>();

    private NirImport(String file, NirGraph graph) {
        this.file = file;
        this.graph = graph;
        this.ops = new NodeOps(file);
    }

    /** Reads a NIR file as a network; warnings (such as stale eventsnn metadata) go to {@code warnings}. */
    public static Network read(Path file, Consumer<String> warnings) {
        return toNetwork(NirHdf5.read(file), file.toString(), warnings);
    }

    static Network toNetwork(NirGraph graph, String file, Consumer<String> warnings) {
        NirImport im = new NirImport(file, graph);
        im.checkVersion();
        im.checkNodesAndEdges();
        Network kept = KeptModel.restore(graph, file, warnings);
        return kept != null ? kept : im.mapNodes();
    }

    private void checkVersion() {
        String v = graph.version();
        String major = v.contains(".") ? v.substring(0, v.indexOf('.')) : v;
        if (!major.equals("0") && !major.equals("1")) {
            throw new FormatException(file + ": version = \"" + v + "\": unsupported NIR version (eventsnn reads 0.x and 1.x)");
        }
    }

    private void checkNodesAndEdges() {
        for (NirNode n : graph.nodes().values()) {
            String t = n.type();
            if (REFUSED.containsKey(t)) {
                throw new FormatException(file + ": node " + n.name() + ": type = \"" + t + "\": " + REFUSED.get(t));
            }
            if (!isSpiking(n) && !t.equals("Output") && !NodeOps.THROUGH.contains(t)) {
                throw new FormatException(file + ": node " + n.name() + ": type = \"" + t + "\": unsupported NIR node type");
            }
            successors.put(n.name(), new ArrayList<>());
        }
        for (int i = 0; i < graph.edges().size(); i++) {
            String[] e = graph.edges().get(i);
            for (int k = 0; k < 2; k++) {
                if (!graph.nodes().containsKey(e[k])) {
                    throw new FormatException(file + ": node/edges[" + i + "]: " + (k == 0 ? "src" : "dst") + " = \""
                            + e[k] + "\": no such node");
                }
            }
            NirNode dst = graph.nodes().get(e[1]);
            if (dst.type().equals("Input")) {
                throw new FormatException(file + ": node/edges[" + i + "]: dst = \"" + e[1] + "\": an Input node takes no incoming edge");
            }
            if (isReadout(graph.nodes().get(e[0])) && !dst.type().equals("Output")) {
                throw new FormatException(file + ": node/edges[" + i + "]: dst = \"" + e[1] + "\": a " + graph.nodes()
                        .get(e[0]).type() + " node (" + e[0] + ") outputs its membrane trace, which eventsnn can pass only"
                        + " to an Output node (its populations exchange spikes)");
            }
            if (graph.nodes().get(e[0]).type().equals("Output")) {
                throw new FormatException(file + ": node/edges[" + i + "]: src = \"" + e[0] + "\": an Output node has no outgoing edge");
            }
            successors.get(e[0]).add(e[1]);
        }
        requireNoPassThroughCycle();
    }

    static boolean isSpiking(NirNode n) {
        return n.type().equals("Input") || isNeuron(n);
    }

    /** A node that becomes a LIF population: CubaLIF, or LIF or IF (delta synapses), or a readout (LI, CubaLI). */
    static boolean isNeuron(NirNode n) {
        return n.type().equals("CubaLIF") || n.type().equals("LIF") || n.type().equals("IF") || isReadout(n);
    }

    /** A non-spiking readout node (LI, CubaLI): a LIF population whose threshold is never reached. */
    static boolean isReadout(NirNode n) {
        return n.type().equals("LI") || n.type().equals("CubaLI") || n.type().equals("I");
    }

    private void requireNoPassThroughCycle() {
        Map<String, Integer> state = new HashMap<>();
        for (NirNode n : graph.nodes().values()) {
            if (NodeOps.THROUGH.contains(n.type())) {
                visit(n.name(), state);
            }
        }
    }

    private void visit(String name, Map<String, Integer> state) {
        Integer s = state.get(name);
        if (s != null) {
            if (s == 1) {
                throw new FormatException(file + ": node " + name + ": on a cycle of non-spiking nodes (every"
                        + " cycle must pass through a spiking node, or its signal has no defined value)");
            }
            return;
        }
        state.put(name, 1);
        for (String next : successors.get(name)) {
            if (NodeOps.THROUGH.contains(graph.nodes().get(next).type())) {
                visit(next, state);
            }
        }
        state.put(name, 2);
    }

    /** A projection found on a route (path): source and target node and (pre, post, weight, delay) entries. */
    private static final class Route {
        final String source;
        final String target;
        final IntArrayList pre;
        final IntArrayList post;
        final DoubleArrayList weight;
        final DoubleArrayList delay;

        Route(String source, String target, IntArrayList pre, IntArrayList post, DoubleArrayList weight,
              DoubleArrayList delay) {
            this.source = source;
            this.target = target;
            this.pre = pre;
            this.post = post;
            this.weight = weight;
            this.delay = delay;
        }
    }

    private Network mapNodes() {
        Map<String, CubaLifNode> neurons = new LinkedHashMap<>();
        for (NirNode n : graph.nodes().values()) {
            if (n.type().equals("Input")) {
                shapes.put(n.name(), shapeField(n));
            } else if (isNeuron(n)) {
                CubaLifNode c = new CubaLifNode(n, ops);
                neurons.put(n.name(), c);
                shapes.put(n.name(), c.shape);
            }
        }
        List<Route> paths = new ArrayList<>();
        for (NirNode n : graph.nodes().values()) {
            if (isSpiking(n)) {
                int size = NdArray.size(shapes.get(n.name()));
                IntArrayList ids = new IntArrayList(size);
                DoubleArrayList ones = new DoubleArrayList(size);
                for (int i = 0; i < size; i++) {
                    ids.add(i);
                    ones.add(1.0);
                }
                follow(n.name(), n.name(), shapes.get(n.name()), ids, ids, ones, zeros(size), false, paths, neurons);
            }
        }
        for (NirNode n : graph.nodes().values()) {
            if (n.has("bias") && (n.type().equals("Affine") || n.type().startsWith("Conv"))) {
                int[] in = inputShapeForBias(n);
                if (in != null) {
                    LinearOp op = ops.op(n, in);
                    double[] b = ops.bias(n, in, op);
                    if (b != null) {
                        IntArrayList zeros = new IntArrayList(b.length);
                        IntArrayList ids = new IntArrayList(b.length);
                        for (int i = 0; i < b.length; i++) {
                            zeros.add(0);
                            ids.add(i);
                        }
                        List<Route> constant = new ArrayList<>();
                        for (String next : successors.get(n.name())) {
                            step(n.name(), next, op.outShape(), zeros, ids, DoubleArrayList.newListWith(b), zeros(b.length),
                                    true, constant, neurons);
                        }
                        for (Route p : constant) {
                            neurons.get(p.target).addConstant(p.post, p.weight);
                        }
                    }
                }
            }
        }
        Network.Builder b = Network.builder();
        for (String name : populationOrder()) {
            if (graph.nodes().get(name).type().equals("Input")) {
                b.add(Population.input(name, NdArray.size(shapes.get(name))));
            } else {
                b.add(neurons.get(name).population());
            }
        }
        for (Route p : paths) {
            addProjection(b, p, neurons.get(p.target));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new FormatException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The input shape of a node with a bias: as reached from a spiking node; for an Affine that no
     * spiking node reaches, its weight's input size (its input is 0 and its output the constant
     * bias); null for a convolution no spiking node reaches, whose bias must then be all zeros.
     */
    private int[] inputShapeForBias(NirNode n) {
        int[] in = shapes.get(n.name());
        if (in != null) {
            return in;
        }
        if (n.type().equals("Affine")) {
            NdArray w = ops.require(n, "weight");
            return w.rank() == 2 ? new int[] {w.dim(1)} : null;
        }
        for (double b : ops.require(n, "bias").values()) {
            if (b != 0) {
                throw ops.error(n, "bias", ops.require(n, "bias").describe(), "no spiking node reaches this convolution,"
                        + " so its input shape (and so the shape of its constant output) is unknown");
            }
        }
        return null;
    }

    /**
     * Input nodes first (file order), then CubaLIF nodes in the order a breadth-first walk from
     * the inputs along the edges reaches them, then any CubaLIF node no input reaches (file order).
     */
    private List<String> populationOrder() {
        List<String> order = new ArrayList<>();
        java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (NirNode n : graph.nodes().values()) {
            if (n.type().equals("Input")) {
                queue.add(n.name());
                seen.add(n.name());
            }
        }
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (isSpiking(graph.nodes().get(name))) {
                order.add(name);
            }
            for (String next : successors.get(name)) {
                if (seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        for (NirNode n : graph.nodes().values()) {
            if (isSpiking(n) && !seen.contains(n.name())) {
                order.add(n.name());
            }
        }
        return order;
    }

    private int[] shapeField(NirNode n) {
        NdArray s = ops.require(n, "shape");
        if (!s.isIntegral() || s.size() == 0) {
            throw ops.error(n, "shape", s.describe(), "expected whole numbers >= 1");
        }
        int[] shape = new int[s.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) s.get(i);
            if (shape[i] < 1) {
                throw ops.error(n, "shape", s.describe(), "expected whole numbers >= 1");
            }
        }
        return shape;
    }

    private static DoubleArrayList zeros(int n) {
        DoubleArrayList z = new DoubleArrayList(n);
        for (int i = 0; i < n; i++) {
            z.add(0.0);
        }
        return z;
    }

    /**
     * Follows every edge out of {@code from}, whose output has shape {@code shape}; entry k is the
     * path from source element {@code pre[k]} to element {@code cur[k]} with weight {@code w[k]}
     * and delay {@code delay[k]}.
     */
    private void follow(String origin, String from, int[] shape, IntArrayList pre, IntArrayList cur, DoubleArrayList w,
                        DoubleArrayList delay, boolean constant, List<Route> paths, Map<String, CubaLifNode> neurons) {
        for (String next : successors.get(from)) {
            step(origin, next, shape, pre, cur, w, delay, constant, paths, neurons);
        }
    }

    private void step(String origin, String to, int[] shape, IntArrayList pre, IntArrayList cur, DoubleArrayList w,
                      DoubleArrayList delay, boolean constant, List<Route> paths, Map<String, CubaLifNode> neurons) {
        NirNode n = graph.nodes().get(to);
        int size = NdArray.size(shape);
        if (n.type().equals("Output") || isNeuron(n)) {
            int[] want = n.type().equals("Output") ? shapeField(n) : shapes.get(to);
            if (NdArray.size(want) != size) {
                throw new FormatException(file + ": edge to node " + to + " (" + n.type() + "): its input has shape "
                        + Arrays.toString(shape) + " but the node has shape " + Arrays.toString(want));
            }
            if (isNeuron(n)) {
                paths.add(new Route(origin, to, pre, cur, w, delay));
            }
            return;
        }
        int[] known = shapes.putIfAbsent(to, shape);
        if (known != null && NdArray.size(known) != size) {
            throw new FormatException(file + ": node " + to + " (" + n.type() + "): receives inputs of shapes "
                    + Arrays.toString(known) + " and " + Arrays.toString(shape));
        }
        if (n.type().equals("Threshold")) {
            requireSpikeTrain(n, constant, cur, w);
        }
        LinearOp op = ops.op(n, shape);
        double[] d = ops.delay(n, shape); // per element of this node's input (Delay), else null
        IntArrayList p2 = new IntArrayList(pre.size());
        IntArrayList c2 = new IntArrayList(pre.size());
        DoubleArrayList w2 = new DoubleArrayList(pre.size());
        DoubleArrayList d2 = new DoubleArrayList(pre.size());
        for (int k = 0; k < pre.size(); k++) {
            int c = cur.get(k);
            double dk = d == null ? delay.get(k) : delay.get(k) + d[c];
            for (int r = op.rowStart(c); r < op.rowEnd(c); r++) {
                p2.add(pre.get(k));
                c2.add(op.out(r));
                w2.add(w.get(k) * op.weight(r));
                d2.add(dk);
            }
        }
        follow(origin, to, op.outShape(), p2, c2, w2, d2, constant, paths, neurons);
    }

    /** A Threshold passes a spike train through unchanged only when each element carries one unit-weight spike source. */
    private void requireSpikeTrain(NirNode n, boolean constant, IntArrayList cur, DoubleArrayList w) {
        boolean[] seen = new boolean[cur.isEmpty() ? 0 : cur.max() + 1];
        boolean unit = !constant;
        for (int k = 0; k < cur.size() && unit; k++) {
            unit = w.get(k) == 1.0 && !seen[cur.get(k)];
            seen[cur.get(k)] = true;
        }
        if (!unit) {
            throw ops.error(n, "threshold", null, "a Threshold is supported only directly on spike trains"
                    + " (unit weights, no bias), where it passes them on; after a weighted sum it would be a new"
                    + " neuron type");
        }
    }

    /**
     * Adds a route's projection: entries with the same (source, target) pair and delay summed into
     * one synapse (pairs with different delays stay separate synapses), dense when every pair
     * occurs once, one delay for all synapses when they share it, else a delay per synapse.
     */
    private void addProjection(Network.Builder b, Route p, CubaLifNode target) {
        int ns = NdArray.size(shapes.get(p.source));
        int nt = target.size;
        int[] order = sortedBySourceThenTarget(p.pre, p.post, ns, nt);
        int m = order.length;
        IntArrayList pre = new IntArrayList();
        IntArrayList post = new IntArrayList();
        DoubleArrayList w = new DoubleArrayList();
        DoubleArrayList delay = new DoubleArrayList();
        int pairStart = 0; // the first synapse of the current (source, target) pair
        for (int k = 0; k < m; k++) {
            int i = order[k];
            int last = pre.size() - 1;
            boolean samePair = last >= 0 && pre.get(last) == p.pre.get(i) && post.get(last) == p.post.get(i);
            int same = -1;
            for (int q = samePair ? pairStart : pre.size(); q < pre.size(); q++) {
                if (Double.compare(delay.get(q), p.delay.get(i)) == 0) {
                    same = q;
                }
            }
            if (same >= 0) {
                w.set(same, w.get(same) + p.weight.get(i));
            } else {
                if (!samePair) {
                    pairStart = pre.size();
                }
                pre.add(p.pre.get(i));
                post.add(p.post.get(i));
                w.add(p.weight.get(i));
                delay.add(p.delay.get(i));
            }
        }
        for (int k = 0; k < w.size(); k++) {
            w.set(k, w.get(k) * target.weightFactor(post.get(k)));
        }
        boolean oneDelay = true;
        for (int k = 1; k < delay.size(); k++) {
            oneDelay &= Double.compare(delay.get(k), delay.get(0)) == 0;
        }
        double d0 = delay.isEmpty() ? 0.0 : delay.get(0);
        String receptor = null; // the population's one receptor
        try {
            if (pre.size() == ns * nt && (ns == 0 || nt == 0 || distinctPairs(pre, post))) {
                double[][] dense = new double[ns][nt];
                double[][] delays = new double[ns][nt];
                for (int k = 0; k < pre.size(); k++) {
                    dense[pre.get(k)][post.get(k)] = w.get(k);
                    delays[pre.get(k)][post.get(k)] = delay.get(k);
                }
                if (oneDelay) {
                    b.connectDense(p.source, p.target, receptor, d0, dense);
                } else {
                    b.connectDense(p.source, p.target, receptor, delays, dense);
                }
            } else if (oneDelay) {
                b.connectList(p.source, p.target, receptor, d0, pre.toArray(), post.toArray(), w.toArray());
            } else {
                b.connectList(p.source, p.target, receptor, delay.toArray(), pre.toArray(), post.toArray(), w.toArray());
            }
        } catch (IllegalArgumentException e) {
            throw new FormatException(file + ": path " + p.source + " -> " + p.target + ": " + e.getMessage(), e);
        }
    }

    /** True if no (source, target) pair occurs twice (the entries are sorted by pair). */
    private static boolean distinctPairs(IntArrayList pre, IntArrayList post) {
        for (int k = 1; k < pre.size(); k++) {
            if (pre.get(k) == pre.get(k - 1) && post.get(k) == post.get(k - 1)) {
                return false;
            }
        }
        return true;
    }

    /** Entry indices ordered by (source, target), equal pairs in generation order: two stable counting sorts. */
    private static int[] sortedBySourceThenTarget(IntArrayList pre, IntArrayList post, int ns, int nt) {
        int m = pre.size();
        int[] identity = new int[m];
        for (int k = 0; k < m; k++) {
            identity[k] = k;
        }
        return countingSort(countingSort(identity, post, nt), pre, ns);
    }

    private static int[] countingSort(int[] order, IntArrayList key, int range) {
        int[] start = new int[range + 1];
        for (int k : order) {
            start[key.get(k) + 1]++;
        }
        for (int i = 0; i < range; i++) {
            start[i + 1] += start[i];
        }
        int[] sorted = new int[order.length];
        for (int k : order) {
            sorted[start[key.get(k)]++] = k;
        }
        return sorted;
    }
}

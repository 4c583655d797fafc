package org.eventsnn.core.io.nir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventsnn.core.io.AtomicFiles;
import org.eventsnn.core.io.FormatException;

/**
 * The NIR file layout on HDF5, as the reference package writes it: a string dataset
 * {@code version}; a group {@code node} with {@code type = "NIRGraph"}, a group {@code nodes}
 * holding one group per node (a string dataset {@code type}, one dataset per parameter, an
 * optional {@code metadata} group) and a dataset {@code edges} of shape (n, 2) holding
 * source and target names.
 */
final class NirHdf5 {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    static final String METADATA = "metadata";
    static final String EVENTSNN_KEY = "eventsnn";

    private NirHdf5() {
    }

    /**
     * True when {@code file} starts with the HDF5 signature, at offset 0 or after a user block
     * (512, 1024, 2048, ... bytes), as the HDF5 specification allows.
     */
    static boolean isHdf5(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8);
            if (java.util.Arrays.equals(head, SIGNATURE)) {
                return true;
            }
            long offset = 8;
            for (long at = 512; at <= (1L << 20); at *= 2) {
                in.skipNBytes(at - offset);
                head = in.readNBytes(8);
                offset = at + head.length;
                if (head.length < 8) {
                    return false;
                }
                if (java.util.Arrays.equals(head, SIGNATURE)) {
                    return true;
                }
            }
            return false;
        } catch (java.io.EOFException e) {
            return false;
        } catch (IOException e) {
            throw new FormatException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads a NIR file; any layout problem is a one-line {@link FormatException} naming the HDF5 path. */
    static NirGraph read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new FormatException(file + ": no such file");
        }
        if (!isHdf5(file)) {
            throw new FormatException(file + ": not an HDF5 file (no HDF5 signature), so not a NIR file");
        }
        try (HdfFile h = HdfFile.fromByteBuffer(mapped(file))) {
            String version = string(file, h, "version");
            Node graphNode = h.getChild("node");
            if (!(graphNode instanceof Group)) {
                throw new FormatException(file + ": node: missing (a NIR file keeps its graph in group /node)");
            }
            Group graph = (Group) graphNode;
            String type = string(file, graph, "type");
            if (!"NIRGraph".equals(type)) {
                throw new FormatException(file + ": node/type: expected \"NIRGraph\", got \"" + type + "\"");
            }
            Node nodesNode = graph.getChild("nodes");
            if (!(nodesNode instanceof Group)) {
                throw new FormatException(file + ": node/nodes: missing");
            }
            Map<String, NirNode> nodes = new LinkedHashMap<>();
            for (Node n : ((Group) nodesNode).getChildren().values()) {
                if (!(n instanceof Group)) {
                    throw new FormatException(file + ": " + n.getPath() + ": expected a node group");
                }
                nodes.put(n.getName(), node(file, (Group) n));
            }
            return new NirGraph(version, nodes, edges(file, graph));
        } catch (FormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new FormatException(file + ": unreadable HDF5 content: " + e.getMessage(), e);
        }
    }

    /**
     * The file mapped into memory, which jHDF reads as a buffer: a header's size or address past
     * the end of a cut or corrupt file then fails at once, where jHDF reading the file through a
     * channel first allocates a buffer of the size claimed (1.3 GB for a cut file, found by the
     * correctness hunt of 2026-12-08).
     */
    private static java.nio.ByteBuffer mapped(Path file) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw new FormatException(file + ": " + ch.size() + " bytes, more than the 2 GB a NIR file may have here");
            }
            return ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, ch.size());
        } catch (IOException e) {
            throw new FormatException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static NirNode node(Path file, Group g) {
        String name = g.getName();
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        Map<String, String> strings = new LinkedHashMap<>();
        String meta = null;
        String type = null;
        for (Node child : g.getChildren().values()) {
            String field = child.getName();
            if (METADATA.equals(field) && child instanceof Group) {
                Node m = ((Group) child).getChild(EVENTSNN_KEY);
                if (m instanceof Dataset) {
                    meta = string(file, (Group) child, EVENTSNN_KEY);
                }
                continue;
            }
            if (!(child instanceof Dataset)) {
                if ("NIRGraph".equals(typeOrNull(g))) {
                    throw new FormatException(file + ": node/nodes/" + name + ": type = \"NIRGraph\": nested graphs are not supported");
                }
                throw new FormatException(file + ": " + child.getPath() + ": expected a dataset");
            }
            Dataset d = (Dataset) child;
            Object data = d.isScalar() ? d.getData() : d.getDataFlat();
            if (data instanceof String) {
                if ("type".equals(field)) {
                    type = (String) data;
                } else {
                    strings.put(field, (String) data);
                }
            } else {
                arrays.put(field, numeric(file, d, data));
            }
        }
        if (type == null) {
            throw new FormatException(file + ": node/nodes/" + name + "/type: missing");
        }
        return new NirNode(name, type, arrays, strings, meta);
    }

    private static String typeOrNull(Group g) {
        Node t = g.getChild("type");
        if (t instanceof Dataset) {
            Object v = ((Dataset) t).getData();
            return v instanceof String ? (String) v : null;
        }
        return null;
    }

    private static NdArray numeric(Path file, Dataset d, Object data) {
        int[] shape = d.isScalar() ? new int[0] : d.getDimensions();
        double[] v;
        if (data instanceof Number) {
            v = new double[] {((Number) data).doubleValue()};
        } else if (data instanceof Boolean) {
            v = new double[] {((Boolean) data) ? 1 : 0};
        } else if (data != null && data.getClass().isArray()) {
            int n = Array.getLength(data);
            v = new double[n];
            for (int i = 0; i < n; i++) {
                Object e = Array.get(data, i);
                if (e instanceof Number) {
                    v[i] = ((Number) e).doubleValue();
                } else if (e instanceof Boolean) {
                    v[i] = ((Boolean) e) ? 1 : 0;
                } else {
                    throw new FormatException(file + ": " + d.getPath() + ": expected numbers, got "
                            + (e == null ? "null" : e.getClass().getSimpleName()));
                }
            }
        } else {
            throw new FormatException(file + ": " + d.getPath() + ": expected numbers, got "
                    + (data == null ? "nothing" : data.getClass().getSimpleName()));
        }
        return new NdArray(v, shape);
    }

    private static String string(Path file, Group g, String field) {
        Node n = g.getChild(field);
        String path = (g.getPath().equals("/") ? "" : g.getPath().substring(1)) + field;
        if (!(n instanceof Dataset)) {
            throw new FormatException(file + ": " + path + ": missing");
        }
        Object v = ((Dataset) n).getData();
        if (!(v instanceof String)) {
            throw new FormatException(file + ": " + path + ": expected a string, got "
                    + (v == null ? "nothing" : v.getClass().getSimpleName()));
        }
        return (String) v;
    }

    private static List<String[]> edges(Path file, Group graph) {
        Node n = graph.getChild("edges");
        if (!(n instanceof Dataset)) {
            throw new FormatException(file + ": node/edges: missing");
        }
        Dataset d = (Dataset) n;
        List<String[]> edges = new ArrayList<>();
        if (d.isEmpty() || d.getSize() == 0) {
            return edges;
        }
        int[] dims = d.getDimensions();
        Object flat = d.getDataFlat();
        if (dims.length != 2 || dims[1] != 2 || !(flat instanceof String[])) {
            throw new FormatException(file + ": node/edges: expected (n, 2) strings, got shape "
                    + java.util.Arrays.toString(dims) + " of " + flat.getClass().getSimpleName());
        }
        String[] s = (String[]) flat;
        for (int i = 0; i < dims[0]; i++) {
            edges.add(new String[] {s[2 * i], s[2 * i + 1]});
        }
        return edges;
    }

    /** Writes {@code graph} atomically: to a temporary file first, then moved over {@code target}. */
    static void write(NirGraph graph, Path target) throws IOException {
        Path tmp = Files.createTempFile("eventsnn-nir", ".h5");
        try {
            try (WritableHdfFile h = HdfFile.write(tmp)) {
                h.putDataset("version", graph.version());
                WritableGroup g = h.putGroup("node");
                g.putDataset("type", "NIRGraph");
                String[][] edges = new String[graph.edges().size()][];
                for (int i = 0; i < edges.length; i++) {
                    edges[i] = graph.edges().get(i).clone();
                }
                if (edges.length == 0) {
                    throw new IllegalArgumentException("a NIR graph without edges cannot be written (jHDF 0.13.0 writes no empty datasets)");
                }
                g.putDataset("edges", edges);
                WritableGroup nodes = g.putGroup("nodes");
                for (NirNode n : graph.nodes().values()) {
                    writeNode(nodes.putGroup(n.name()), n);
                }
            }
            AtomicFiles.write(target, Files.readAllBytes(tmp));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeNode(WritableGroup g, NirNode n) {
        g.putDataset("type", n.type());
        for (Map.Entry<String, NdArray> e : n.arrays().entrySet()) {
            g.putDataset(e.getKey(), javaArray(e.getKey(), e.getValue()));
        }
        for (Map.Entry<String, String> e : n.strings().entrySet()) {
            g.putDataset(e.getKey(), e.getValue());
        }
        if (n.eventsnnMetadata() != null) {
            g.putGroup(METADATA).putDataset(EVENTSNN_KEY, n.eventsnnMetadata());
        }
    }

    /** Shapes are written as int64 like numpy's; everything else as float64 of its rank (1 or 2). */
    private static Object javaArray(String field, NdArray a) {
        double[] v = a.values();
        if ("shape".equals(field)) {
            long[] l = new long[v.length];
            for (int i = 0; i < v.length; i++) {
                l[i] = (long) v[i];
            }
            return l;
        }
        if (a.rank() == 2) {
            double[][] m = new double[a.dim(0)][a.dim(1)];
            for (int i = 0; i < m.length; i++) {
                System.arraycopy(v, i * a.dim(1), m[i], 0, a.dim(1));
            }
            return m;
        }
        if (a.rank() == 1) {
            return v.clone();
        }
        throw new IllegalArgumentException("eventsnn writes NIR arrays of rank 1 or 2, " + field + " has rank " + a.rank());
    }
}

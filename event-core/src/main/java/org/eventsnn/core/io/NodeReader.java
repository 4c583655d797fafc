package org.eventsnn.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * A position in a JSON document being read: the file, the JSON path and the node. Every
 * accessor checks the node's type and range and reports failures as one-line
 * {@link FormatException}s naming file, path and value.
 */
public final class NodeReader {
    private final String file;
    private final String path;
    private final JsonNode node;

    private NodeReader(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** The document root, which must be an object; {@code file} names it in messages. */
    public static NodeReader root(String file, JsonNode node) {
        NodeReader r = new NodeReader(file, "", node);
        if (!node.isObject()) {
            throw r.error("expected a JSON object");
        }
        return r;
    }

    /** This node's path in the document, for messages (empty for the root). */
    public String path() {
        return path;
    }

    /** True if this object has a member {@code key} that is not null. */
    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    /** The required member {@code key} of this object. */
    public NodeReader field(String key) {
        requireObject();
        JsonNode child = node.get(key);
        if (child == null || child.isNull()) {
            throw new FormatException(file + ": " + childPath(key) + " is missing");
        }
        return new NodeReader(file, childPath(key), child);
    }

    /** Element {@code i} of this array. */
    public NodeReader at(int i) {
        return new NodeReader(file, path + "[" + i + "]", node.get(i));
    }

    /** Number of elements of this array. */
    public int size() {
        if (!node.isArray()) {
            throw error("expected an array");
        }
        return node.size();
    }

    /** Member names of this object, in file order. */
    public Iterator<String> keys() {
        requireObject();
        return node.fieldNames();
    }

    /** Rejects members other than {@code allowed} (catches misspelt field names). */
    public void allowOnly(Set<String> allowed) {
        requireObject();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new FormatException(file + ": " + childPath(k) + " is not a known field (expected one of "
                        + allowed + ")");
            }
        }
    }

    /** This node as a finite number, else a {@link FormatException} naming the file and path. */
    public double asDouble() {
        if (!node.isNumber()) {
            throw error("expected a number");
        }
        double v = node.doubleValue();
        if (!Double.isFinite(v)) {
            throw error("expected a finite number");
        }
        return v;
    }

    /** This node as a whole number, else a {@link FormatException} naming the file and path. */
    public long asLong() {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error("expected an integer");
        }
        return node.longValue();
    }

    /** This node as an int, else a {@link FormatException} naming the file and path. */
    public int asInt() {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error("expected an integer");
        }
        return node.intValue();
    }

    /** True when the node is a JSON object. */
    public boolean isObject() {
        return node != null && node.isObject();
    }

    /** True when the node is true or false. */
    public boolean isBoolean() {
        return node != null && node.isBoolean();
    }

    /** The node's value as true or false; an error naming the node otherwise. */
    public boolean asBoolean() {
        if (!isBoolean()) {
            throw error("expected true or false");
        }
        return node.asBoolean();
    }

    /** This node as a string, else a {@link FormatException} naming the file and path. */
    public String asText() {
        if (!node.isTextual()) {
            throw error("expected a string");
        }
        return node.textValue();
    }

    /** This node as an array of finite numbers, else a {@link FormatException} naming the file and path. */
    public double[] asDoubleArray() {
        double[] v = new double[size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = at(i).asDouble();
        }
        return v;
    }

    /** This node as an array of ints, else a {@link FormatException} naming the file and path. */
    public int[] asIntArray() {
        int[] v = new int[size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = at(i).asInt();
        }
        return v;
    }

    /** An error about this node's value. */
    public FormatException error(String what) {
        String text = node == null ? "null" : node.toString();
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        return new FormatException(file + ": " + (path.isEmpty() ? "document" : path) + " = " + text + ": " + what);
    }

    /** An error about this node, for a rule broken by a valid-looking value (range, consistency). */
    public FormatException invalid(IllegalArgumentException e) {
        return error(e.getMessage());
    }

    private void requireObject() {
        if (!node.isObject()) {
            throw error("expected a JSON object");
        }
    }

    private String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}

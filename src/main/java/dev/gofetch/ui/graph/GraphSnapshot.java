package dev.gofetch.ui.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// An immutable picture of the graph for the canvas: boxes with positions and colours, and edges
/// as pairs of indexes into nodes (edgeFrom[i] requires edgeTo[i]).
public final class GraphSnapshot {
    public static final GraphSnapshot EMPTY = new GraphSnapshot(List.of(), new int[0], new int[0], 0, 0);

    private final List<DisplayNode> nodes;
    private final int[] edgeFrom;
    private final int[] edgeTo;
    private final double width;
    private final double height;
    private final Map<String, Integer> index = new HashMap<>();

    GraphSnapshot(List<DisplayNode> nodes, int[] edgeFrom, int[] edgeTo, double width, double height) {
        this.nodes = List.copyOf(nodes);
        this.edgeFrom = edgeFrom;
        this.edgeTo = edgeTo;
        this.width = width;
        this.height = height;
        for (int i = 0; i < this.nodes.size(); i++) {
            index.put(this.nodes.get(i).key(), i);
        }
    }

    public List<DisplayNode> nodes() {
        return nodes;
    }

    public int edgeCount() {
        return edgeFrom.length;
    }

    public int edgeFrom(int i) {
        return edgeFrom[i];
    }

    public int edgeTo(int i) {
        return edgeTo[i];
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    /// The node with this key, or null.
    public DisplayNode node(String key) {
        Integer i = key == null ? null : index.get(key);
        return i == null ? null : nodes.get(i);
    }

    public int indexOf(String key) {
        Integer i = key == null ? null : index.get(key);
        return i == null ? -1 : i;
    }

    /// The topmost node at a point in graph coordinates, or null.
    public DisplayNode nodeAt(double x, double y) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i).contains(x, y)) {
                return nodes.get(i);
            }
        }
        return null;
    }
}

package dev.flotilla.lab.check.elle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A directed multigraph of transactions (nodes 0..n-1) with one type per edge, stored as flat arrays and frozen into
 * an adjacency index before searching. Searches are restricted to a node group (see {@link #group}) and a type mask,
 * so the same graph serves the whole graph, one strongly connected component, and its typed subgraphs.
 */
final class DependencyGraph {

    static final int WW = 1;
    static final int WR = 2;
    static final int RW = 4;
    static final int RT = 8;

    private final int nodes;
    private int[] from = new int[1024];
    private int[] to = new int[1024];
    private int[] key = new int[1024];
    private byte[] type = new byte[1024];
    private int edges;

    private int[] outStart;
    private int[] outEdges;

    // Scratch state, sized once: searches touch only the nodes of their group.
    private final int[] groupOf;
    private int groups;
    private final int[] visitStamp;
    private int stamp;
    private final int[] parentEdge;

    DependencyGraph(int nodes) {
        this.nodes = nodes;
        this.groupOf = new int[nodes];
        this.visitStamp = new int[nodes];
        this.parentEdge = new int[nodes];
    }

    /** Adds an edge; a self edge says nothing about order between transactions and is dropped. */
    void add(int source, int target, int edgeType, int keyId) {
        if (source == target) {
            return;
        }
        if (edges == from.length) {
            int size = edges * 2;
            from = Arrays.copyOf(from, size);
            to = Arrays.copyOf(to, size);
            key = Arrays.copyOf(key, size);
            type = Arrays.copyOf(type, size);
        }
        from[edges] = source;
        to[edges] = target;
        key[edges] = keyId;
        type[edges] = (byte) edgeType;
        edges++;
    }

    /** Builds the adjacency index; call once after the last {@link #add}. */
    void freeze() {
        outStart = new int[nodes + 1];
        for (int e = 0; e < edges; e++) {
            outStart[from[e] + 1]++;
        }
        for (int n = 0; n < nodes; n++) {
            outStart[n + 1] += outStart[n];
        }
        int[] next = Arrays.copyOf(outStart, nodes);
        outEdges = new int[edges];
        for (int e = 0; e < edges; e++) {
            outEdges[next[from[e]]++] = e;
        }
    }

    int nodes() {
        return nodes;
    }

    int edgeCount() {
        return edges;
    }

    int from(int edge) {
        return from[edge];
    }

    int to(int edge) {
        return to[edge];
    }

    int type(int edge) {
        return type[edge];
    }

    int key(int edge) {
        return key[edge];
    }

    /** Returns the indexes of the edges leaving {@code node}, as a range [start, end) of {@link #outEdge}. */
    int outStart(int node) {
        return outStart[node];
    }

    int outEnd(int node) {
        return outStart[node + 1];
    }

    int outEdge(int position) {
        return outEdges[position];
    }

    /** Puts the members into a fresh group and returns its id; searches with that id see only these nodes. */
    int group(int[] members) {
        int id = ++groups;
        for (int member : members) {
            groupOf[member] = id;
        }
        return id;
    }

    /** Puts every node into a fresh group and returns its id. */
    int groupAll() {
        int id = ++groups;
        Arrays.fill(groupOf, id);
        return id;
    }

    /**
     * Returns the strongly connected components with more than one node of the subgraph of {@code members} (all in
     * group {@code group}) over edges whose type is in {@code mask}. Tarjan's algorithm, iterative so that a long
     * chain of transactions cannot overflow the stack.
     */
    List<int[]> components(int[] members, int group, int mask) {
        List<int[]> found = new ArrayList<>();
        int[] index = new int[members.length];
        int[] low = new int[members.length];
        int[] local = new int[members.length]; // member position -> visit order + 1 (0 = unvisited)
        Map<Integer, Integer> position = members.length == nodes ? null : new HashMap<>();
        if (position != null) {
            for (int i = 0; i < members.length; i++) {
                position.put(members[i], i);
            }
        }
        boolean[] onStack = new boolean[members.length];
        int[] stack = new int[members.length];
        int stackSize = 0;
        int[] callNode = new int[members.length];
        int[] callCursor = new int[members.length];
        int counter = 0;
        for (int root = 0; root < members.length; root++) {
            if (local[root] != 0) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callCursor[0] = outStart[members[root]];
            local[root] = ++counter;
            index[root] = counter;
            low[root] = counter;
            stack[stackSize++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callNode[depth];
                int end = outStart[members[v] + 1];
                boolean descended = false;
                while (callCursor[depth] < end) {
                    int e = outEdges[callCursor[depth]++];
                    int target = to[e];
                    if ((type[e] & mask) == 0 || groupOf[target] != group) {
                        continue;
                    }
                    int w = position == null ? target : position.get(target);
                    if (local[w] == 0) {
                        local[w] = ++counter;
                        index[w] = counter;
                        low[w] = counter;
                        stack[stackSize++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callCursor[depth] = outStart[members[w]];
                        descended = true;
                        break;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                }
                if (descended) {
                    continue;
                }
                if (low[v] == index[v]) {
                    int size = 0;
                    int top = stackSize;
                    do {
                        size++;
                    } while (stack[--top] != v);
                    if (size > 1) {
                        int[] component = new int[size];
                        for (int i = 0; i < size; i++) {
                            component[i] = members[stack[top + i]];
                        }
                        Arrays.sort(component);
                        found.add(component);
                    }
                    for (int i = top; i < stackSize; i++) {
                        onStack[stack[i]] = false;
                    }
                    stackSize = top;
                }
                depth--;
                if (depth >= 0) {
                    int parent = callNode[depth];
                    low[parent] = Math.min(low[parent], low[v]);
                }
            }
        }
        return found;
    }

    /**
     * Returns a shortest path (edge indexes, in order) from {@code source} to {@code target} within the group over
     * edges whose type is in {@code mask}, or null when there is none. With {@code source == target} it returns a
     * shortest cycle through that node. Breadth-first search.
     */
    int[] shortestPath(int source, int target, int group, int mask) {
        int visit = ++stamp;
        int[] queue = new int[16];
        int head = 0;
        int tail = 0;
        if (source != target) {
            visitStamp[source] = visit;
        }
        queue[tail++] = source;
        while (head < tail) {
            int v = queue[head++];
            for (int p = outStart[v]; p < outStart[v + 1]; p++) {
                int e = outEdges[p];
                int w = to[e];
                if ((type[e] & mask) == 0 || groupOf[w] != group || visitStamp[w] == visit) {
                    continue;
                }
                visitStamp[w] = visit;
                parentEdge[w] = e;
                if (tail == queue.length) {
                    queue = Arrays.copyOf(queue, tail * 2);
                }
                queue[tail++] = w;
                if (w == target) {
                    head = tail; // found: stop expanding
                    break;
                }
            }
        }
        if (visitStamp[target] != visit) {
            return null;
        }
        List<Integer> reversed = new ArrayList<>();
        int node = target;
        do {
            int e = parentEdge[node];
            reversed.add(e);
            node = from[e];
        } while (node != source);
        int[] path = new int[reversed.size()];
        for (int i = 0; i < path.length; i++) {
            path[i] = reversed.get(path.length - 1 - i);
        }
        return path;
    }
}

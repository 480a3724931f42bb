package dev.flotilla.lab.check.elle;

import dev.flotilla.lab.check.elle.ListAppendChecker.Findings;
import dev.flotilla.lab.check.elle.ListAppendChecker.Inference;
import dev.flotilla.lab.check.elle.ListAppendChecker.KeyState;
import dev.flotilla.lab.check.elle.Transaction.MicroOp;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * Finds dependency cycles and names them. Tarjan's algorithm splits the graph into strongly connected components; in
 * each one the search looks for the mildest cycle first, so that a cycle is reported under the weakest phenomenon it
 * shows: ww edges only (G0), then ww and wr (G1c), then exactly one rw edge (G-single: for each rw edge a -> b, a
 * shortest ww/wr path from b back to a), then any edges (G2). With real time, the same four searches run again with
 * rt edges allowed, only in components where no cycle without them exists. Each cycle is a shortest one through its
 * starting node (breadth-first search), and its name comes from the edges it really has.
 */
final class CycleSearch {

    private static final int WW = DependencyGraph.WW;
    private static final int WR = DependencyGraph.WR;
    private static final int RW = DependencyGraph.RW;
    private static final int RT = DependencyGraph.RT;
    /** At most this many rw edges of one component are tried as the single rw edge of a G-single cycle. */
    private static final int SINGLE_RW_ATTEMPTS = 1_000;

    private final DependencyGraph graph;
    private final Inference inference;
    private final Findings findings;
    private final long deadline;
    private final boolean realtime;
    private int components;

    CycleSearch(DependencyGraph graph, Inference inference, Findings findings, long deadline, boolean realtime) {
        this.graph = graph;
        this.inference = inference;
        this.findings = findings;
        this.deadline = deadline;
        this.realtime = realtime;
    }

    /** How many strongly connected components with more than one transaction the graph has. */
    int components() {
        return components;
    }

    /** Searches every component; returns false when the deadline passed first. */
    boolean run() {
        int[] all = new int[graph.nodes()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        int everything = WW | WR | RW | (realtime ? RT : 0);
        List<int[]> sccs = graph.components(all, graph.groupAll(), everything);
        components = sccs.size();
        for (int[] scc : sccs) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            if (!searchComponent(scc, 0) && realtime) {
                searchComponent(scc, RT);
            }
        }
        return true;
    }

    /** Reports the mildest cycle kind of the component using {@code extra} edges besides ww/wr/rw; true if found. */
    private boolean searchComponent(int[] scc, int extra) {
        return shortestCycles(scc, WW | extra) || shortestCycles(scc, WW | WR | extra) || singleAntiDependency(scc, extra)
                || shortestCycles(scc, WW | WR | RW | extra);
    }

    /** Reports a shortest cycle in each sub-component over {@code mask}; true if there was any. */
    private boolean shortestCycles(int[] scc, int mask) {
        List<int[]> parts = graph.components(scc, graph.group(scc), mask);
        for (int[] part : parts) {
            int[] cycle = graph.shortestPath(part[0], part[0], graph.group(part), mask);
            report(cycle);
        }
        return !parts.isEmpty();
    }

    /** Looks for a cycle with exactly one rw edge; reports the shortest found and returns true if any. */
    private boolean singleAntiDependency(int[] scc, int extra) {
        int group = graph.group(scc);
        int[] best = null;
        int bestRw = -1;
        int attempts = 0;
        for (int node : scc) {
            for (int p = graph.outStart(node); p < graph.outEnd(node) && attempts < SINGLE_RW_ATTEMPTS; p++) {
                int e = graph.outEdge(p);
                if (graph.type(e) != RW || !inGroup(scc, graph.to(e))) {
                    continue;
                }
                attempts++;
                int[] back = graph.shortestPath(graph.to(e), node, group, WW | WR | extra);
                if (back != null && (best == null || back.length < best.length)) {
                    best = back;
                    bestRw = e;
                    if (back.length == 1) {
                        break;
                    }
                }
            }
            if (best != null && best.length == 1 || System.nanoTime() > deadline) {
                break;
            }
        }
        if (best == null) {
            return false;
        }
        int[] cycle = new int[best.length + 1];
        cycle[0] = bestRw;
        System.arraycopy(best, 0, cycle, 1, best.length);
        report(cycle);
        return true;
    }

    private static boolean inGroup(int[] sortedScc, int node) {
        return Arrays.binarySearch(sortedScc, node) >= 0;
    }

    /** Names the cycle by its edges and records it with every edge explained. */
    private void report(int[] cycle) {
        int rw = 0;
        boolean wr = false;
        boolean rt = false;
        for (int e : cycle) {
            switch (graph.type(e)) {
                case RW -> rw++;
                case WR -> wr = true;
                case RT -> rt = true;
                default -> {
                }
            }
        }
        String kind = (rw == 0 ? (wr ? "G1c" : "G0") : rw == 1 ? "G-single" : "G2") + (rt ? "-realtime" : "");
        if (findings.count(kind) >= ListAppendChecker.REPORTED_PER_KIND) {
            findings.add(kind, ""); // counted, not spelled out
            return;
        }
        StringBuilder text = new StringBuilder(inference.txn(graph.from(cycle[0])).describe());
        StringJoiner why = new StringJoiner("; ", " where ", "");
        for (int e : cycle) {
            text.append(" -").append(label(e)).append("-> ");
            Transaction to = inference.txn(graph.to(e));
            text.append(e == cycle[cycle.length - 1] ? to.name() : to.describe());
            why.add(explain(e));
        }
        findings.add(kind, text.append(why).toString());
    }

    private String label(int e) {
        return switch (graph.type(e)) {
            case WW -> "ww " + inference.key(graph.key(e)).name;
            case WR -> "wr " + inference.key(graph.key(e)).name;
            case RW -> "rw " + inference.key(graph.key(e)).name;
            default -> "rt";
        };
    }

    /** Why the edge exists, in terms of the history. */
    private String explain(int e) {
        Transaction from = inference.txn(graph.from(e));
        Transaction to = inference.txn(graph.to(e));
        if (graph.type(e) == RT) {
            return from.name() + " completed (index " + from.op().completeIndex() + ") before " + to.name()
                    + " was invoked (index " + to.op().invokeIndex() + ")";
        }
        KeyState key = inference.key(graph.key(e));
        long[] order = key.longest;
        switch (graph.type(e)) {
            case WW -> {
                for (int i = 0; i + 1 < order.length; i++) {
                    if (key.appender.get(order[i]) == from.id() && key.appender.get(order[i + 1]) == to.id()) {
                        return from.name() + " appended " + order[i] + " to " + key.name + " and " + to.name()
                                + " appended the next element " + order[i + 1];
                    }
                }
                throw new IllegalStateException("no ww evidence for " + label(e));
            }
            case WR -> {
                long[] read = to.externalRead(key.name).read();
                return to.name() + " read " + key.name + " = " + Transaction.list(read) + ", the last element "
                        + read[read.length - 1] + " was appended by " + from.name();
            }
            default -> {
                MicroOp read = from.externalRead(key.name);
                return from.name() + " read " + key.name + " = " + Transaction.list(read.read()) + " and " + to.name()
                        + " appended the next element " + order[read.read().length];
            }
        }
    }
}

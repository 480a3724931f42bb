package dev.flotilla.bench.scaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One measured cell (one round), or the median of a cell's rounds ({@code round} 0): a row of results.json.
 *
 * @param section              hops, vertical or horizontal
 * @param name                 what differs in the cell: {@code ipc-local}, {@code http-forward}, {@code cpus=0},
 *                             {@code healthy}, {@code slow-node}, ...
 * @param op                   get, put or mix
 * @param nodes                node processes running (0: in-process members only)
 * @param routing              the client's routing policy, or "-" for a client of one node
 * @param threads              closed-loop threads (calls in flight)
 * @param round                1, 2, ... or 0 for the median of the rounds
 * @param ok                   successful calls in the window
 * @param failed               failed calls in the window
 * @param seconds              the window's length
 * @param opsPerSecond         successful calls per second
 * @param p50Micros            median latency of a successful call
 * @param p99Micros            99th percentile latency
 * @param clientCores          CPU of the bench JVM (load generator; in-process, the members too), in cores
 * @param nodeCores            CPU of every node process together, in cores
 * @param otherCores           CPU of everything else on the machine (other tenants), in cores
 * @param clientCpuMicrosPerOp bench JVM CPU per successful call
 * @param nodeCpuMicrosPerOp   node processes' CPU per successful call
 */
record Cell(String section, String name, String op, int nodes, String routing, int threads, int round, long ok,
            long failed, double seconds, double opsPerSecond, double p50Micros, double p99Micros, double clientCores,
            double nodeCores, double otherCores, double clientCpuMicrosPerOp, double nodeCpuMicrosPerOp) {

    static Cell of(String section, String name, Op op, int nodes, String routing, int threads, int round,
                   ClosedLoop.Window w) {
        double ops = w.opsPerSecond();
        return new Cell(section, name, op.id(), nodes, routing, threads, round, w.ok(), w.failed(), w.seconds(), ops,
                w.ok() == 0 ? Double.NaN : w.latencyNanos().getValueAtPercentile(50) / 1e3,
                w.ok() == 0 ? Double.NaN : w.latencyNanos().getValueAtPercentile(99) / 1e3,
                w.cpu().client(), w.cpu().nodes(), w.cpu().others(), perOp(w.cpu().client(), ops),
                perOp(w.cpu().nodes(), ops));
    }

    private static double perOp(double cores, double opsPerSecond) {
        return opsPerSecond > 0 ? cores * 1e6 / opsPerSecond : Double.NaN;
    }

    /** Cells that differ only in their round. */
    String group() {
        return section + "|" + name + "|" + op + "|" + nodes + "|" + routing + "|" + threads;
    }

    /** One cell per group, each figure the median over the group's rounds (counts summed). */
    static List<Cell> medians(List<Cell> rounds) {
        Map<String, List<Cell>> groups = new LinkedHashMap<>();
        rounds.forEach(c -> groups.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c));
        List<Cell> out = new ArrayList<>();
        for (List<Cell> g : groups.values()) {
            Cell f = g.get(0);
            out.add(new Cell(f.section, f.name, f.op, f.nodes, f.routing, f.threads, 0,
                    g.stream().mapToLong(Cell::ok).sum(), g.stream().mapToLong(Cell::failed).sum(),
                    g.stream().mapToDouble(Cell::seconds).sum(), median(g, Cell::opsPerSecond),
                    median(g, Cell::p50Micros), median(g, Cell::p99Micros), median(g, Cell::clientCores),
                    median(g, Cell::nodeCores), median(g, Cell::otherCores), median(g, Cell::clientCpuMicrosPerOp),
                    median(g, Cell::nodeCpuMicrosPerOp)));
        }
        return out;
    }

    static double median(List<Cell> cells, ToDoubleFunction<Cell> figure) {
        double[] values = cells.stream().mapToDouble(figure).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /** The first cell of {@code cells} matching name, op and threads, or null. */
    static Cell find(List<Cell> cells, String name, String op, int threads) {
        return cells.stream().filter(c -> c.name.equals(name) && c.op.equals(op) && c.threads == threads)
                .findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%-10s %-16s %-4s n=%d %-17s t=%-2d r=%d  %9.0f ops/s  p50 %8.0f µs"
                        + "  p99 %8.0f µs  cpu client %.2f nodes %.2f other %.2f  fail %d", section, name, op, nodes,
                routing, threads, round, opsPerSecond, p50Micros, p99Micros, clientCores, nodeCores, otherCores, failed);
    }
}

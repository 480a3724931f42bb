package dev.flotilla.bench.scaling;

import java.util.ArrayList;
import java.util.List;

/**
 * The hop costs derived from part (a)'s medians, for one operation. Latencies come from the one-thread cells (an
 * unloaded call); CPU from the saturated cells. {@code httpHop} is what the HTTP path adds to an in-process call
 * on the owner (client, loopback TCP, Micronaut, JSON); {@code memberHop} what a forward to the owning member adds.
 *
 * @param op                    get or put
 * @param ipcLocalP50           p50 in-process, the calling member owns the key (µs)
 * @param ipcRemoteP50          p50 in-process, the other member owns it
 * @param httpOwnerP50          p50 over HTTP to the owner
 * @param httpForwardP50        p50 over HTTP to a node that forwards
 * @param httpHopMicros         httpOwner - ipcLocal
 * @param memberHopMicros       httpForward - httpOwner
 * @param memberHopInProcessMicros ipcRemote - ipcLocal
 * @param ipcLocalOps           saturated ops/s, in-process local
 * @param ipcRemoteOps          saturated ops/s, in-process remote
 * @param httpOwnerOps          saturated ops/s, HTTP to the owner
 * @param httpForwardOps        saturated ops/s, HTTP forwarded
 * @param ipcLocalCpuMicros     CPU per op in-process (members and callers together, one JVM)
 * @param httpOwnerCpuMicros    CPU per op over HTTP to the owner (client and nodes)
 * @param httpForwardCpuMicros  CPU per op over HTTP forwarded (client and nodes)
 * @param memberHopCpuMicros    node CPU per op, forwarded minus owner
 */
record HopFigures(String op, double ipcLocalP50, double ipcRemoteP50, double httpOwnerP50, double httpForwardP50,
                  double httpHopMicros, double memberHopMicros, double memberHopInProcessMicros, double ipcLocalOps,
                  double ipcRemoteOps, double httpOwnerOps, double httpForwardOps, double ipcLocalCpuMicros,
                  double httpOwnerCpuMicros, double httpForwardCpuMicros, double memberHopCpuMicros) {

    static List<HopFigures> from(List<Cell> medians, int threads) {
        List<HopFigures> out = new ArrayList<>();
        for (Op op : List.of(Op.GET, Op.PUT)) {
            String o = op.id();
            double il = p50(medians, "ipc-local", o);
            double ir = p50(medians, "ipc-remote", o);
            double ho = p50(medians, "http-owner", o);
            double hf = p50(medians, "http-forward", o);
            Cell ilT = Cell.find(medians, "ipc-local", o, threads);
            Cell irT = Cell.find(medians, "ipc-remote", o, threads);
            Cell hoT = Cell.find(medians, "http-owner", o, threads);
            Cell hfT = Cell.find(medians, "http-forward", o, threads);
            out.add(new HopFigures(o, il, ir, ho, hf, ho - il, hf - ho, ir - il, ops(ilT), ops(irT), ops(hoT), ops(hfT),
                    ilT == null ? Double.NaN : ilT.clientCpuMicrosPerOp(), total(hoT), total(hfT),
                    hfT == null || hoT == null ? Double.NaN : hfT.nodeCpuMicrosPerOp() - hoT.nodeCpuMicrosPerOp()));
        }
        return out;
    }

    static HopFigures of(List<HopFigures> figures, Op op) {
        return figures.stream().filter(f -> f.op.equals(op.id())).findFirst().orElseThrow();
    }

    private static double p50(List<Cell> medians, String name, String op) {
        Cell c = Cell.find(medians, name, op, 1);
        return c == null ? Double.NaN : c.p50Micros();
    }

    private static double ops(Cell c) {
        return c == null ? Double.NaN : c.opsPerSecond();
    }

    private static double total(Cell c) {
        return c == null ? Double.NaN : c.clientCpuMicrosPerOp() + c.nodeCpuMicrosPerOp();
    }
}

package dev.flotilla.bench.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.flotilla.bench.scaling.Charts.COLORS;
import static dev.flotilla.bench.scaling.Charts.label;
import static dev.flotilla.bench.scaling.Report.escape;

/** The study as one self-contained HTML page: a chart and a table per part, then the model. */
final class ReportPage {
    private static final String STYLE = """
            body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1020px;color:#222;padding:0 16px}
            h1{font-size:22px} h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
            table{border-collapse:collapse;margin:8px 0} td,th{border:1px solid #ddd;padding:3px 7px;text-align:right}
            th{background:#f5f5f5} td:first-child,th:first-child{text-align:left} .warn{background:#fbeec2;padding:6px 10px}
            svg{border:1px solid #eee;margin:6px 0} svg .ct{font-size:13px;font-weight:600} svg .ax{font-size:11px;fill:#555}
            svg .grid{stroke:#eee} svg .frame{fill:none;stroke:#bbb}
            """;

    private ReportPage() {
    }

    static String render(Report r) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Flotilla scaling study</title><style>" + STYLE + "</style></head><body>\n");
        h.append("<h1>Flotilla scaling study</h1>\n<p>").append(escape(r.date())).append(" &middot; ")
                .append(escape(String.valueOf(r.machine()))).append("</p>\n");
        h.append("<p class=\"warn\">One machine, shared and noisy: every node, the load generator and other tenants share")
                .append(" its cores. Compare ratios within this run; never quote the absolute speeds.")
                .append(r.quick() ? " <b>Quick run: tiny windows, these figures mean nothing.</b>" : "").append("</p>\n");
        hops(h, r);
        vertical(h, r);
        horizontal(h, r);
        join(h, r);
        model(h, r);
        h.append("<h2>Every cell (medians of the rounds)</h2>\n");
        cellTable(h, r.medians());
        if (!r.notes().isEmpty()) {
            h.append("<h2>Notes</h2><ul>");
            r.notes().forEach(n -> h.append("<li>").append(escape(n)).append("</li>"));
            h.append("</ul>\n");
        }
        h.append("<h2>Settings</h2><p>").append(escape(String.valueOf(r.settings()))).append("</p>\n");
        return h.append("</body></html>\n").toString();
    }

    private static void hops(StringBuilder h, Report r) {
        if (r.hops().isEmpty()) {
            return;
        }
        h.append("<h2>(a) The cost of each hop</h2>\n<p>The same gets and puts: in-process through grid-core on the")
                .append(" member owning the key (ipc-local) or on the other member (ipc-remote); over HTTP to the node")
                .append(" owning the key (http-owner) or to a node that forwards to the owner (http-forward). Two")
                .append(" members, one backup, in every setting.</p>\n");
        List<String> paths = List.of("ipc-local", "ipc-remote", "http-owner", "http-forward");
        List<Charts.Bars> latency = new ArrayList<>();
        List<Charts.Bars> throughput = new ArrayList<>();
        int threads = (int) r.settings().get("threads");
        for (String path : paths) {
            latency.add(new Charts.Bars(path, new double[]{p50(r, path, "get", 1), p50(r, path, "put", 1)}));
            throughput.add(new Charts.Bars(path, new double[]{ops(r, path, "get", threads), ops(r, path, "put", threads)}));
        }
        h.append(Charts.bars("p50 latency, one thread", "µs", List.of("get", "put"), latency));
        h.append(Charts.bars("Throughput, " + threads + " threads", "ops/s", List.of("get", "put"), throughput));
        h.append("<table><tr><th>op</th><th>ipc-local p50</th><th>ipc-remote p50</th><th>http-owner p50</th>")
                .append("<th>http-forward p50</th><th>HTTP hop (µs)</th><th>member hop (µs)</th>")
                .append("<th>member hop in-process (µs)</th><th>member hop node CPU (µs/op)</th>")
                .append("<th>http-owner / ipc-local ops</th><th>http-forward / http-owner ops</th></tr>\n");
        for (HopFigures f : r.hops()) {
            h.append(row(f.op(), f.ipcLocalP50(), f.ipcRemoteP50(), f.httpOwnerP50(), f.httpForwardP50(),
                    f.httpHopMicros(), f.memberHopMicros(), f.memberHopInProcessMicros(), f.memberHopCpuMicros(),
                    f.httpOwnerOps() / f.ipcLocalOps(), f.httpForwardOps() / f.httpOwnerOps()));
        }
        h.append("</table>\n");
    }

    private static void vertical(StringBuilder h, Report r) {
        List<Cell> cells = r.medians().stream().filter(c -> c.section().equals(Vertical.SECTION)).toList();
        if (cells.isEmpty()) {
            return;
        }
        h.append("<h2>(b) Vertical: one node on one core, then on two</h2>\n<p>The node is pinned with")
                .append(" <code>taskset -a -p -c</code>; the load generator is not pinned and shares the machine, so with")
                .append(" two cores for the node it competes with it for both.</p>\n");
        List<Charts.Bars> bars = new ArrayList<>();
        for (String cpus : List.of("cpus=0", "cpus=0,1")) {
            bars.add(new Charts.Bars(cpus, new double[]{find(cells, cpus, "get"), find(cells, cpus, "put")}));
        }
        h.append(Charts.bars("One node, " + r.settings().get("threads") + " threads", "ops/s", List.of("get", "put"), bars));
        cellTable(h, cells);
        h.append("<p>Two cores / one core: get ").append(label(find(cells, "cpus=0,1", "get") / find(cells, "cpus=0", "get")))
                .append("x, put ").append(label(find(cells, "cpus=0,1", "put") / find(cells, "cpus=0", "put")))
                .append("x.</p>\n");
    }

    private static void horizontal(StringBuilder h, Report r) {
        if (r.horizontal() == null) {
            return;
        }
        h.append("<h2>(c) Horizontal: more nodes on the same machine</h2>\n<p>The mixed workload (")
                .append(Math.round(Op.READ_FRACTION * 100)).append("% gets) over every running node. Every node and the")
                .append(" load generator share this machine's cores: adding nodes adds no CPU, only work (member hops,")
                .append(" backups, more JVMs), so the curve cannot rise here. The dashed line is the model on this")
                .append(" machine.</p>\n");
        List<Charts.Line> lines = new ArrayList<>();
        int color = 0;
        for (Routing routing : Routing.values()) {
            List<Cell> points = r.medians().stream().filter(c -> c.section().equals(Horizontal.SECTION)
                    && c.name().equals("healthy") && c.routing().equals(routing.id())).toList();
            lines.add(new Charts.Line(routing.id(), COLORS[color++ % COLORS.length],
                    points.stream().mapToDouble(Cell::nodes).toArray(),
                    points.stream().mapToDouble(Cell::opsPerSecond).toArray(), false, true));
        }
        if (!r.sharedMachine().isEmpty()) {
            lines.add(new Charts.Line("model, on this machine", "#555",
                    r.sharedMachine().stream().mapToDouble(ScalingModel.Point::machines).toArray(),
                    r.sharedMachine().stream().mapToDouble(ScalingModel.Point::opsPerSecond).toArray(), true, false));
        }
        h.append(Charts.lines("Mixed workload by node count", "nodes", "ops/s", lines, List.of()));
        cellTable(h, r.medians().stream().filter(c -> c.section().equals(Horizontal.SECTION)).toList());
        h.append("<p>Partitions without a backup (backup count 1): ")
                .append(escape(String.valueOf(r.horizontal().partitionsWithoutBackup()))).append(" by node count.</p>\n");
        Horizontal.SlowNode slow = r.horizontal().slowNode();
        if (slow != null) {
            h.append(String.format(Locale.ROOT, "<p>Slow node: %s of %d, SIGSTOP/SIGCONT duty cycle planned %.0f%%"
                            + " stopped, measured %.1f%% over %d cycles. Share of requests each policy sent to each node:</p>\n",
                    escape(slow.node()), slow.nodes(), 100 * slow.plannedStoppedShare(), 100 * slow.stoppedShare(),
                    slow.cycles()));
            h.append("<table><tr><th>routing</th><th>requests per node</th></tr>");
            slow.requestShare().forEach((routing, share) -> h.append("<tr><td>").append(escape(routing))
                    .append("</td><td>").append(escape(shares(share))).append("</td></tr>"));
            h.append("</table>\n");
        }
        Horizontal.Crash crash = r.horizontal().crash();
        if (crash != null) {
            h.append(timeline("Crash of " + crash.node() + " of " + crash.nodes() + " under load", crash.okPerSecond(),
                    crash.failedPerSecond(), List.of(new Charts.Marker(crash.crashSecond(), "SIGKILL"),
                            new Charts.Marker(crash.reportedSecond(), "removed"))));
        }
    }

    private static void join(StringBuilder h, Report r) {
        JoinUnderLoad.Result j = r.join();
        if (j == null) {
            return;
        }
        h.append("<h2>(d) A third node joins two loaded nodes</h2>\n");
        h.append(String.format(Locale.ROOT, "<p>%,d entries loaded in %.1f s. Third node started at %.1f s, a member"
                        + " after %.1f s, serving HTTP after %.1f s, every node's /health/safe UP %.1f s after its start."
                        + " Calls/s before %s, during %s, after %s. %d of %d sampled keys missing afterwards.</p>\n",
                j.entries(), j.loadSeconds(), j.startSecond(), j.memberSecond() - j.startSecond(),
                j.servingSecond() - j.startSecond(), j.safeSecond() - j.startSecond(), label(j.before()),
                label(j.during()), label(j.after()), j.missing(), j.sampled()));
        h.append(timeline("Mixed workload while a node joins", j.okPerSecond(), j.failedPerSecond(), List.of(
                new Charts.Marker(j.startSecond(), "node started"), new Charts.Marker(j.memberSecond(), "member"),
                new Charts.Marker(j.servingSecond(), "serving"),
                new Charts.Marker(Double.isNaN(j.safeSecond()) ? 0 : j.safeSecond(), "safe"))));
    }

    private static void model(StringBuilder h, Report r) {
        ScalingModel m = r.model();
        if (m == null) {
            return;
        }
        h.append("<h2>Model (a projection, not a measurement): 1 to 32 machines</h2>\n");
        h.append(String.format(Locale.ROOT, "<p>Each machine has %d cores spent serving (clients elsewhere); node CPU per"
                        + " operation at the owner: get %.0f µs, put %.0f µs; a forward to the owner adds %.0f µs (get) /"
                        + " %.0f µs (put); a backup adds %.0f µs per write; without owner-aware routing (n-1)/n of"
                        + " requests are forwarded; network round trip assumed %.0f µs. Measured points are this"
                        + " machine's (all nodes on %d cores), for scale.</p>\n", m.coresPerMachine(), m.getMicros(),
                m.putMicros(), m.getHopMicros(), m.putHopMicros(), m.backupMicros(), m.rttMicros(), m.coresPerMachine()));
        List<Charts.Line> lines = new ArrayList<>();
        Map<String, List<ScalingModel.Point>> byRouting = new java.util.LinkedHashMap<>();
        r.projection().forEach(p -> byRouting.computeIfAbsent(p.routing(), k -> new ArrayList<>()).add(p));
        int color = 0;
        for (Map.Entry<String, List<ScalingModel.Point>> e : byRouting.entrySet()) {
            lines.add(new Charts.Line("model: " + e.getKey(), COLORS[color++ % COLORS.length],
                    e.getValue().stream().mapToDouble(ScalingModel.Point::machines).toArray(),
                    e.getValue().stream().mapToDouble(ScalingModel.Point::opsPerSecond).toArray(), true, false));
        }
        List<Cell> measured = r.medians().stream().filter(c -> c.section().equals(Horizontal.SECTION)
                && c.name().equals("healthy") && c.routing().equals(Routing.ROUND_ROBIN.id())).toList();
        if (!measured.isEmpty()) {
            lines.add(new Charts.Line("round-robin, one machine", "#d62728",
                    measured.stream().mapToDouble(Cell::nodes).toArray(),
                    measured.stream().mapToDouble(Cell::opsPerSecond).toArray(), false, true));
        }
        h.append(Charts.lines("Mixed workload, projected", "machines", "ops/s", lines, List.of()));
        h.append("<table><tr><th>machines</th><th>routing</th><th>cluster CPU per op (µs)</th><th>ops/s</th>")
                .append("<th>p50 (µs)</th></tr>\n");
        for (ScalingModel.Point p : r.projection()) {
            if (List.of(1, 2, 3, 5, 8, 16, 32).contains(p.machines())) {
                h.append("<tr><td>").append(p.machines()).append("</td><td>").append(escape(p.routing())).append("</td>")
                        .append(cells(p.cpuMicrosPerOp(), p.opsPerSecond(), p.p50Micros())).append("</tr>\n");
            }
        }
        h.append("</table>\n");
    }

    private static String timeline(String title, long[] ok, long[] failed, List<Charts.Marker> markers) {
        double[] xs = new double[ok.length];
        double[] okY = new double[ok.length];
        double[] failY = new double[ok.length];
        for (int i = 0; i < ok.length; i++) {
            xs[i] = i + 0.5;
            okY[i] = ok[i];
            failY[i] = failed[i];
        }
        return Charts.lines(title, "seconds", "calls per second", List.of(
                new Charts.Line("ok", COLORS[0], xs, okY, false, false),
                new Charts.Line("failed", COLORS[3], xs, failY, false, false)), markers);
    }

    private static void cellTable(StringBuilder h, List<Cell> cells) {
        h.append("<table><tr><th>section</th><th>cell</th><th>op</th><th>nodes</th><th>routing</th><th>threads</th>")
                .append("<th>ops/s</th><th>p50 µs</th><th>p99 µs</th><th>client CPU µs/op</th><th>node CPU µs/op</th>")
                .append("<th>others' cores</th><th>failed</th></tr>\n");
        for (Cell c : cells) {
            h.append("<tr><td>").append(escape(c.section())).append("</td><td>").append(escape(c.name()))
                    .append("</td><td>").append(c.op()).append("</td><td>").append(c.nodes()).append("</td><td>")
                    .append(escape(c.routing())).append("</td><td>").append(c.threads()).append("</td>")
                    .append(cells(c.opsPerSecond(), c.p50Micros(), c.p99Micros(), c.clientCpuMicrosPerOp(),
                            c.nodeCpuMicrosPerOp(), c.otherCores()))
                    .append("<td>").append(c.failed()).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String row(String first, double... values) {
        return "<tr><td>" + escape(first) + "</td>" + cells(values) + "</tr>\n";
    }

    private static String cells(double... values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append("<td>").append(label(v)).append("</td>");
        }
        return s.toString();
    }

    private static String shares(Map<String, Double> share) {
        StringBuilder s = new StringBuilder();
        share.forEach((node, v) -> s.append(s.length() == 0 ? "" : ", ").append(node).append(": ")
                .append(Math.round(v * 1000) / 10.0).append('%'));
        return s.toString();
    }

    private static double p50(Report r, String name, String op, int threads) {
        Cell c = Cell.find(r.medians(), name, op, threads);
        return c == null ? Double.NaN : c.p50Micros();
    }

    private static double ops(Report r, String name, String op, int threads) {
        Cell c = Cell.find(r.medians(), name, op, threads);
        return c == null ? Double.NaN : c.opsPerSecond();
    }

    private static double find(List<Cell> cells, String name, String op) {
        return cells.stream().filter(c -> c.name().equals(name) && c.op().equals(op)).mapToDouble(Cell::opsPerSecond)
                .findFirst().orElse(Double.NaN);
    }
}

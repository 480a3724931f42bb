package dev.flotilla.lab.report;

import dev.flotilla.lab.check.Anomaly;
import dev.flotilla.lab.nemesis.Fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders one run as a Markdown verdict table and as one self-contained HTML page with SVG charts. */
final class RunPage {
    private static final int MAX_ANOMALIES = 30;

    private RunPage() {
    }

    static String markdown(RunResult r) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(r.name()).append("\n\n");
        md.append("| workload | mode | nemesis | verdict | finding | ok / fail / info | ok ops/s | p50 ms | p99 ms |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        md.append("| ").append(r.workload()).append(" | ").append(r.mode()).append(" | ").append(r.shownNemesis())
                .append(" | **").append(r.shownVerdict()).append("** | ").append(cell(r.summary())).append(" | ")
                .append(r.counts().ok()).append(" / ").append(r.counts().fail()).append(" / ").append(r.counts().info())
                .append(" | ").append(fmt(r.throughput())).append(" | ").append(fmt(r.latency().p50Millis()))
                .append(" | ").append(fmt(r.latency().p99Millis())).append(" |\n\n");
        md.append("Seed ").append(r.seed()).append(", clients ran ").append(fmt(r.runNanos() / 1e9)).append(" s.\n\n");
        if (!r.faults().isEmpty()) {
            md.append("## Faults\n\n| kind | nodes | from s | reported s | to s | detail |\n|---|---|---|---|---|---|\n");
            for (Fault f : r.faults()) {
                md.append("| ").append(f.kind()).append(" | ").append(cell(String.join(", ", f.nodes()))).append(" | ")
                        .append(fmt(f.startNanos() / 1e9)).append(" | ").append(reported(f)).append(" | ")
                        .append(fmt(f.endNanos() / 1e9)).append(" | ").append(cell(f.detail())).append(" |\n");
            }
            md.append('\n');
        }
        if (!r.coverage().windows().isEmpty()) {
            md.append("## Operations around each fault\n\n")
                    .append("| kind | from s | to s | during ok / fail / info | after ok / fail / info |\n")
                    .append("|---|---|---|---|---|\n");
            for (FaultCoverage.Window w : r.coverage().windows()) {
                md.append("| ").append(w.kind()).append(" | ").append(fmt(w.startNanos() / 1e9)).append(" | ")
                        .append(fmt(w.endNanos() / 1e9)).append(" | ").append(okFailInfo(w.during())).append(" | ")
                        .append(afterCounts(r, w)).append(" |\n");
            }
            md.append('\n');
        }
        if (!r.anomalies().isEmpty()) {
            md.append("## Anomalies\n\n");
            r.anomalies().stream().limit(MAX_ANOMALIES).forEach(a -> md.append("- `").append(a.kind()).append("` ")
                    .append(a.message()).append('\n'));
            md.append('\n');
        }
        if (!r.counterexample().isEmpty()) {
            md.append("## Counterexample\n\n```\n").append(r.counterexample()).append("\n```\n\n");
        }
        if (!r.notes().isEmpty()) {
            md.append("## Notes\n\n");
            r.notes().forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    /** "12 / 0 / 1". */
    static String okFailInfo(Counts c) {
        return c.ok() + " / " + c.fail() + " / " + c.info();
    }

    /** The counts after a window, or why there are none: it ended after the load stopped. */
    private static String afterCounts(RunResult r, FaultCoverage.Window w) {
        return w.endedUnderLoad(r.coverage().loadStopNanos()) ? okFailInfo(w.after()) : "- (ended after the load)";
    }

    /** When the cluster had reported the fault (member removed, partitions owned again), or "-". */
    private static String reported(Fault f) {
        return f.reportedNanos() < 0 ? "-" : fmt(f.reportedNanos() / 1e9);
    }

    static String html(RunResult r) {
        StringBuilder h = new StringBuilder(Html.head(r.name()));
        h.append("<h1>").append(Html.escape(r.name())).append(' ').append(Html.badge(r.verdict(), r.shownVerdict()))
                .append("</h1>\n");
        h.append("<p>").append(Html.escape(r.summary())).append("</p>\n");
        h.append("<table><tr><th>workload</th><th>mode</th><th>nemesis</th><th>ok / fail / info</th><th>ok ops/s</th>")
                .append("<th>p50 ms</th><th>p99 ms</th><th>max ms</th><th>seed</th></tr><tr>")
                .append(td(r.workload())).append(td(r.mode())).append(td(r.shownNemesis()))
                .append(td(r.counts().ok() + " / " + r.counts().fail() + " / " + r.counts().info()))
                .append(td(fmt(r.throughput()))).append(td(fmt(r.latency().p50Millis())))
                .append(td(fmt(r.latency().p99Millis()))).append(td(fmt(r.latency().maxMillis())))
                .append(td(Long.toString(r.seed()))).append("</tr></table>\n");
        h.append(charts(r));
        if (!r.faults().isEmpty()) {
            h.append("<h2>Faults</h2>\n<table><tr><th>kind</th><th>nodes</th><th>from s</th><th>reported s</th>")
                    .append("<th>to s</th><th>detail</th></tr>\n");
            for (Fault f : r.faults()) {
                h.append("<tr>").append(td(f.kind())).append(td(String.join(", ", f.nodes())))
                        .append(td(fmt(f.startNanos() / 1e9))).append(td(reported(f)))
                        .append(td(fmt(f.endNanos() / 1e9))).append(td(f.detail())).append("</tr>\n");
            }
            h.append("</table>\n");
        }
        if (!r.coverage().windows().isEmpty()) {
            h.append("<h2>Operations around each fault</h2>\n<table><tr><th>kind</th><th>from s</th><th>to s</th>")
                    .append("<th>during ok / fail / info</th><th>after ok / fail / info</th></tr>\n");
            for (FaultCoverage.Window w : r.coverage().windows()) {
                h.append("<tr>").append(td(w.kind())).append(td(fmt(w.startNanos() / 1e9)))
                        .append(td(fmt(w.endNanos() / 1e9))).append(td(okFailInfo(w.during())))
                        .append(td(afterCounts(r, w))).append("</tr>\n");
            }
            h.append("</table>\n");
        }
        if (!r.anomalies().isEmpty()) {
            h.append("<h2>Anomalies</h2>\n<ul>\n");
            for (Anomaly a : r.anomalies().subList(0, Math.min(MAX_ANOMALIES, r.anomalies().size()))) {
                h.append("<li><code>").append(Html.escape(a.kind())).append("</code> ")
                        .append(Html.escape(a.message())).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        if (!r.counterexample().isEmpty()) {
            h.append("<h2>Counterexample</h2>\n<pre>").append(Html.escape(r.counterexample())).append("</pre>\n");
        }
        if (!r.notes().isEmpty()) {
            h.append("<h2>Notes</h2>\n<ul>\n");
            r.notes().forEach(n -> h.append("<li>").append(Html.escape(n)).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("<h2>Spec</h2>\n<table>\n");
        specRows(h, "", r.spec());
        h.append("</table>\n<p class=\"muted\">Files next to this page: history.jsonl (every operation),"
                + " result.json (this report as data), report.md.</p>\n</body></html>\n");
        return h.toString();
    }

    /** The three charts of a run: throughput, latency and cluster size, each with the fault windows shaded. */
    static String charts(RunResult r) {
        List<TimeBucket> t = r.timeline();
        double slice = t.size() > 1 ? (t.get(1).startNanos() - t.get(0).startNanos()) / 1e9 : r.runNanos() / 1e9;
        double xMax = Math.max(r.runNanos() / 1e9, 0.001);
        double[] xs = new double[t.size()];
        double[] ok = new double[t.size()];
        double[] bad = new double[t.size()];
        double[] p50 = new double[t.size()];
        double[] p99 = new double[t.size()];
        for (int i = 0; i < t.size(); i++) {
            TimeBucket b = t.get(i);
            xs[i] = b.startNanos() / 1e9 + slice / 2;
            ok[i] = b.ok() / slice;
            bad[i] = (b.fail() + b.info()) / slice;
            p50[i] = b.p50Millis();
            p99[i] = b.p99Millis();
        }
        List<Fault> inRun = r.faults();
        StringBuilder h = new StringBuilder("<h2>Over time</h2>\n");
        h.append(legend(inRun));
        h.append(SvgChart.render("Throughput", "completions per second", xMax, List.of(
                new SvgChart.Series("ok/s", "#2ca02c", xs, ok, false),
                new SvgChart.Series("fail+info/s", "#d62728", xs, bad, false)), inRun));
        h.append(SvgChart.render("Latency", "ms", xMax, List.of(
                new SvgChart.Series("p50", "#1f77b4", xs, p50, false),
                new SvgChart.Series("p99", "#9467bd", xs, p99, false)), inRun));
        List<SizeSample> sizes = new ArrayList<>(r.clusterSizes());
        double[] sx = sizes.stream().mapToDouble(s -> s.nanos() / 1e9).toArray();
        double[] sy = sizes.stream().mapToDouble(SizeSample::members).toArray();
        h.append(SvgChart.render("Cluster size", "members", xMax, List.of(
                new SvgChart.Series("members", "#333333", sx, sy, true)), inRun));
        return h.toString();
    }

    private static String legend(List<Fault> faults) {
        if (faults.isEmpty()) {
            return "<p class=\"muted\">No faults were injected.</p>\n";
        }
        StringBuilder h = new StringBuilder("<p class=\"legend\">Shaded: ");
        faults.stream().map(Fault::kind).distinct().forEach(kind -> h.append("<span><i style=\"background:")
                .append(SvgChart.faultColor(kind)).append("\"></i>").append(Html.escape(kind)).append("</span>"));
        return h.append(" (hover a window for details)</p>\n").toString();
    }

    @SuppressWarnings("unchecked")
    private static void specRows(StringBuilder h, String prefix, Map<String, Object> spec) {
        for (Map.Entry<String, Object> e : spec.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> nested) {
                specRows(h, prefix + e.getKey() + ".", (Map<String, Object>) nested);
            } else {
                h.append("<tr><th>").append(Html.escape(prefix + e.getKey())).append("</th>")
                        .append(td(String.valueOf(e.getValue()))).append("</tr>\n");
            }
        }
    }

    static String td(String text) {
        return "<td>" + Html.escape(text) + "</td>";
    }

    static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    static String fmt(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }
}

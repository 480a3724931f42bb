package dev.flotilla.lab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Renders a verdict matrix (workload x mode rows, scenario columns) as Markdown and as one HTML page. */
final class MatrixPage {
    private MatrixPage() {
    }

    static String markdown(List<MatrixCell> cells) {
        List<String> scenarios = scenarios(cells);
        StringBuilder md = new StringBuilder();
        md.append("| workload | mode |");
        scenarios.forEach(s -> md.append(' ').append(s).append(" |"));
        md.append("\n|---|---|");
        scenarios.forEach(s -> md.append("---|"));
        md.append('\n');
        for (Map.Entry<String, Map<String, MatrixCell>> row : rows(cells).entrySet()) {
            String[] wm = row.getKey().split(" ", 2);
            md.append("| ").append(wm[0]).append(" | ").append(wm[1]).append(" |");
            for (String scenario : scenarios) {
                MatrixCell cell = row.getValue().get(scenario);
                md.append(' ').append(cell == null ? "" : shortCell(cell)).append(" |");
            }
            md.append('\n');
        }
        md.append("\n### Every cell\n\n");
        md.append("| workload | mode | scenario | cluster | verdict | finding | ok / fail / info | ok ops/s | p99 ms |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (MatrixCell cell : cells) {
            md.append("| ").append(cell.workload()).append(" | ").append(cell.mode()).append(" | ")
                    .append(cell.scenario()).append(" | ").append(RunPage.cell(cell.setup())).append(" | ");
            Optional<RunResult> result = cell.result();
            if (result.isEmpty()) {
                md.append("n/a | ").append(RunPage.cell(cell.notApplied())).append(" | | | |\n");
                continue;
            }
            RunResult r = result.get();
            md.append("**").append(r.shownVerdict()).append("** | ").append(RunPage.cell(finding(r))).append(" | ")
                    .append(r.counts().ok()).append(" / ").append(r.counts().fail()).append(" / ")
                    .append(r.counts().info()).append(" | ").append(RunPage.fmt(r.throughput())).append(" | ")
                    .append(RunPage.fmt(r.latency().p99Millis())).append(" |\n");
        }
        return md.toString();
    }

    static String html(List<MatrixCell> cells, String title, String command, String date) {
        List<String> scenarios = scenarios(cells);
        StringBuilder h = new StringBuilder(Html.head(title));
        h.append("<h1>").append(Html.escape(title)).append("</h1>\n<p class=\"muted\">")
                .append(Html.escape(command)).append(" &middot; ").append(Html.escape(date)).append("</p>\n");
        h.append("<h2>Verdict matrix</h2>\n<table class=\"matrix\"><tr><th>workload</th><th>mode</th>");
        scenarios.forEach(s -> h.append("<th>").append(Html.escape(s)).append("</th>"));
        h.append("</tr>\n");
        for (Map.Entry<String, Map<String, MatrixCell>> row : rows(cells).entrySet()) {
            String[] wm = row.getKey().split(" ", 2);
            h.append("<tr>").append(RunPage.td(wm[0])).append(RunPage.td(wm[1]));
            for (String scenario : scenarios) {
                MatrixCell cell = row.getValue().get(scenario);
                if (cell == null) {
                    h.append("<td></td>");
                } else if (cell.result().isEmpty()) {
                    h.append("<td class=\"NA\">n/a<small>").append(Html.escape(cell.notApplied())).append("</small></td>");
                } else {
                    RunResult r = cell.result().get();
                    h.append("<td class=\"").append(r.verdict()).append("\">").append(Html.escape(r.shownVerdict()))
                            .append("<small>")
                            .append(Html.escape(finding(r))).append("</small><small>")
                            .append(RunPage.fmt(r.throughput())).append(" ok/s, p99 ")
                            .append(RunPage.fmt(r.latency().p99Millis())).append(" ms; ")
                            .append(Html.escape(cell.setup())).append("</small></td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        h.append("<p class=\"muted\">VALID: the checker found the history consistent. INVALID: it found a violation"
                + " (see the finding). UNKNOWN: it could not decide, the cluster was not safe in time, the fault never"
                + " fired while the clients ran, or nothing was acknowledged after a fault window; never a pass.</p>\n");
        for (MatrixCell cell : cells) {
            if (cell.result().isEmpty()) {
                continue;
            }
            RunResult r = cell.result().get();
            h.append("<h2 id=\"").append(Html.escape(r.name())).append("\">").append(Html.escape(r.name())).append(' ')
.append(Html.badge(r.verdict(), r.shownVerdict())).append("</h2>\n<p>").append(Html.escape(r.summary()))
                    .append("</p>\n");
            h.append(RunPage.charts(r).replace("<h2>Over time</h2>\n", ""));
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    /** The cell's one-line finding: the workload's summary, or the first anomaly when no summary was made. */
    static String finding(RunResult r) {
        if (!r.summary().isEmpty()) {
            return r.summary();
        }
        return r.anomalies().isEmpty() ? "" : r.anomalies().get(0).toString();
    }

    private static String shortCell(MatrixCell cell) {
        if (cell.result().isEmpty()) {
            return "n/a";
        }
        RunResult r = cell.result().get();
        return "**" + r.shownVerdict() + "** " + RunPage.cell(shortFinding(r)) + " (" + RunPage.fmt(r.throughput())
                + " ok/s, p99 " + RunPage.fmt(r.latency().p99Millis()) + " ms)";
    }

    /** The finding without the parenthesised details, to keep the grid narrow. */
    private static String shortFinding(RunResult r) {
        String finding = finding(r);
        int cut = finding.indexOf(" (");
        return cut > 0 ? finding.substring(0, cut) : finding;
    }

    private static List<String> scenarios(List<MatrixCell> cells) {
        Set<String> scenarios = new LinkedHashSet<>();
        cells.forEach(c -> scenarios.add(c.scenario()));
        return new ArrayList<>(scenarios);
    }

    private static Map<String, Map<String, MatrixCell>> rows(List<MatrixCell> cells) {
        Map<String, Map<String, MatrixCell>> rows = new LinkedHashMap<>();
        for (MatrixCell cell : cells) {
            rows.computeIfAbsent(cell.workload() + " " + cell.mode(), k -> new LinkedHashMap<>())
                    .put(cell.scenario(), cell);
        }
        return rows;
    }
}

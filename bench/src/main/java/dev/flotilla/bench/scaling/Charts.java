package dev.flotilla.bench.scaling;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts for the report: grouped bars (cells side by side) and lines over a numeric x (nodes, machines,
 * seconds) with optional vertical markers. Plain strings, so the page needs no script and no network.
 */
final class Charts {
    private static final int WIDTH = 980;
    private static final int HEIGHT = 280;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 34;
    private static final int BOTTOM = 40;
    static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#17becf"};

    /** One set of bars: one value per group. */
    record Bars(String name, double[] values) {
    }

    /** A line (or, with {@code pointsOnly}, measured points) over x. */
    record Line(String name, String color, double[] xs, double[] ys, boolean dashed, boolean pointsOnly) {
    }

    /** A labelled vertical line at x. */
    record Marker(double x, String label) {
    }

    private Charts() {
    }

    static String bars(String title, String unit, List<String> groups, List<Bars> series) {
        double yMax = niceCeiling(series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.values()))
                .filter(v -> !Double.isNaN(v)).max().orElse(1) * 1.1);
        StringBuilder svg = open(title, unit);
        axisY(svg, yMax);
        int plotW = WIDTH - LEFT - RIGHT;
        double groupW = plotW / (double) Math.max(1, groups.size());
        double barW = groupW * 0.8 / Math.max(1, series.size());
        for (int g = 0; g < groups.size(); g++) {
            double x0 = LEFT + g * groupW + groupW * 0.1;
            for (int s = 0; s < series.size(); s++) {
                double v = series.get(s).values()[g];
                if (Double.isNaN(v)) {
                    continue;
                }
                double h = plotH() * v / yMax;
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %s</title></rect>%n",
                        x0 + s * barW, TOP + plotH() - h, barW - 2, h, COLORS[s % COLORS.length],
                        Report.escape(groups.get(g)), Report.escape(series.get(s).name()), label(v)));
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"ax\" text-anchor=\"middle\">%s</text>%n",
                        x0 + s * barW + barW / 2, TOP + plotH() - h - 3, label(v)));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"ax\" text-anchor=\"middle\">%s</text>%n",
                    LEFT + g * groupW + groupW / 2, HEIGHT - BOTTOM + 16, Report.escape(groups.get(g))));
        }
        legend(svg, series.stream().map(Bars::name).toList(),
                java.util.stream.IntStream.range(0, series.size()).mapToObj(i -> COLORS[i % COLORS.length]).toList());
        return close(svg);
    }

    static String lines(String title, String xUnit, String unit, List<Line> lines, List<Marker> markers) {
        double xMax = lines.stream().flatMapToDouble(l -> java.util.Arrays.stream(l.xs())).max().orElse(1);
        double yMax = niceCeiling(lines.stream().flatMapToDouble(l -> java.util.Arrays.stream(l.ys()))
                .filter(v -> !Double.isNaN(v)).max().orElse(1) * 1.1);
        StringBuilder svg = open(title, unit);
        axisY(svg, yMax);
        int plotW = WIDTH - LEFT - RIGHT;
        int ticks = (int) Math.min(16, Math.max(1, Math.ceil(xMax)));
        for (int i = 0; i <= ticks; i++) {
            double x = xMax * i / ticks;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"ax\" text-anchor=\"middle\">%s</text>%n",
                    LEFT + plotW * i / (double) ticks, HEIGHT - BOTTOM + 16, label(x)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"ax\" text-anchor=\"end\">%s</text>%n",
                WIDTH - RIGHT, HEIGHT - 6, Report.escape(xUnit)));
        for (Marker m : markers) {
            double x = LEFT + plotW * m.x() / xMax;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\" stroke-dasharray=\"3,3\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" class=\"ax\">%s</text>%n", x, TOP, x, TOP + plotH(), x + 3,
                    TOP + 12 + 12 * markers.indexOf(m), Report.escape(m.label())));
        }
        for (Line l : lines) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < l.xs().length; i++) {
                if (Double.isNaN(l.ys()[i])) {
                    continue;
                }
                double x = LEFT + plotW * l.xs()[i] / xMax;
                double y = TOP + plotH() - plotH() * l.ys()[i] / yMax;
                if (l.pointsOnly()) {
                    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%s: %s at %s</title></circle>%n",
                            x, y, l.color(), Report.escape(l.name()), label(l.ys()[i]), label(l.xs()[i])));
                } else {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                }
            }
            if (!l.pointsOnly()) {
                svg.append("<polyline fill=\"none\" stroke=\"").append(l.color()).append("\" stroke-width=\"2\"")
                        .append(l.dashed() ? " stroke-dasharray=\"6,4\"" : "").append(" points=\"")
                        .append(points.toString().trim()).append("\"/>\n");
            }
        }
        legend(svg, lines.stream().map(l -> l.name() + (l.pointsOnly() ? " (measured)" : "")).toList(),
                lines.stream().map(Line::color).toList());
        return close(svg);
    }

    private static int plotH() {
        return HEIGHT - TOP - BOTTOM;
    }

    private static StringBuilder open(String title, String unit) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"100%\" role=\"img\" aria-label=\"").append(Report.escape(title)).append("\">\n");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"16\" class=\"ct\">").append(Report.escape(title))
                .append(" (").append(Report.escape(unit)).append(")</text>\n");
        return svg;
    }

    private static void axisY(StringBuilder svg, double yMax) {
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotH() - plotH() * i / 4.0;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/><text x=\"%d\" y=\"%.1f\" class=\"ax\" text-anchor=\"end\">%s</text>%n",
                    LEFT, y, WIDTH - RIGHT, y, LEFT - 6, y + 4, label(yMax * i / 4.0)));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"frame\"/>%n",
                LEFT, TOP, WIDTH - LEFT - RIGHT, plotH()));
    }

    private static void legend(StringBuilder svg, List<String> names, List<String> colors) {
        int x = WIDTH - RIGHT;
        for (int i = names.size() - 1; i >= 0; i--) {
            x -= 30 + 6 * names.get(i).length();
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"20\" width=\"12\" height=\"6\" fill=\"%s\"/><text x=\"%d\" y=\"27\" class=\"ax\">%s</text>%n",
                    x, colors.get(i), x + 16, Report.escape(names.get(i))));
        }
    }

    private static String close(StringBuilder svg) {
        return svg.append("</svg>\n").toString();
    }

    static double niceCeiling(double value) {
        if (!(value > 0)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[]{1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** 3 significant figures, grouped thousands, no exponent. */
    static String label(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double abs = Math.abs(value);
        if (abs >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}

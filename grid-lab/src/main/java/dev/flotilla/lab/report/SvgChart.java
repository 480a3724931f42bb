package dev.flotilla.lab.report;

import dev.flotilla.lab.nemesis.Fault;

import java.util.List;
import java.util.Locale;

/**
 * Draws a line chart as inline SVG: time in seconds on x, one or more series on y, fault windows shaded behind.
 * Plain strings only, so the report page needs no script and no network.
 */
final class SvgChart {
    static final int WIDTH = 1000;
    static final int HEIGHT = 240;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 28;
    private static final int BOTTOM = 34;

    /** One line: x in seconds, y in the chart's unit; {@code step} draws a staircase (a value holds until the next). */
    record Series(String name, String color, double[] xs, double[] ys, boolean step) {
    }

    private SvgChart() {
    }

    static String render(String title, String unit, double xMax, List<Series> series, List<Fault> faults) {
        double yMax = 0;
        for (Series s : series) {
            for (double y : s.ys()) {
                yMax = Math.max(yMax, y);
            }
        }
        boolean counts = series.stream().allMatch(Series::step);
        // Member counts get whole-number ticks: the axis top is the next multiple of 4 above the largest count.
        yMax = counts ? 4 * Math.ceil((yMax + 1) / 4.0) : niceCeiling(yMax <= 0 ? 1 : yMax * 1.1);
        double xSpan = xMax <= 0 ? 1 : xMax;
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"100%\" role=\"img\" aria-label=\"").append(Html.escape(title)).append("\">\n");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"18\" class=\"ct\">").append(Html.escape(title))
                .append(" (").append(Html.escape(unit)).append(")</text>\n");
        for (Fault fault : faults) {
            double x0 = LEFT + plotW * Math.min(1, fault.startNanos() / 1e9 / xSpan);
            double x1 = LEFT + plotW * Math.min(1, Math.max(fault.endNanos(), fault.startNanos()) / 1e9 / xSpan);
            if (fault.startNanos() / 1e9 > xSpan) {
                continue;
            }
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" fill-opacity=\"0.18\"><title>%s</title></rect>%n",
                    x0, TOP, Math.max(2, x1 - x0), plotH, faultColor(fault.kind()),
                    Html.escape(fault.kind() + ": " + fault.detail())));
        }
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotH - plotH * i / 4.0;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/><text x=\"%d\" y=\"%.1f\" class=\"ax\" text-anchor=\"end\">%s</text>%n",
                    LEFT, y, WIDTH - RIGHT, y, LEFT - 6, y + 4, label(yMax * i / 4.0)));
        }
        int ticks = (int) Math.min(20, Math.max(1, Math.floor(xSpan)));
        for (int i = 0; i <= ticks; i++) {
            double seconds = xSpan * i / ticks;
            double x = LEFT + plotW * i / (double) ticks;
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" class=\"ax\" text-anchor=\"middle\">%s</text>%n",
                    x, HEIGHT - BOTTOM + 16, label(seconds) + "s"));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"frame\"/>%n",
                LEFT, TOP, plotW, plotH));
        int legendX = WIDTH - RIGHT;
        for (int i = series.size() - 1; i >= 0; i--) {
            Series s = series.get(i);
            StringBuilder points = new StringBuilder();
            for (int p = 0; p < s.xs().length; p++) {
                double x = LEFT + plotW * Math.min(1, s.xs()[p] / xSpan);
                double y = TOP + plotH - plotH * (s.ys()[p] / yMax);
                if (s.step() && p > 0) {
                    double previousY = TOP + plotH - plotH * (s.ys()[p - 1] / yMax);
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, previousY));
                }
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            if (s.step() && s.xs().length > 0) {
                double lastY = TOP + plotH - plotH * (s.ys()[s.ys().length - 1] / yMax);
                points.append(String.format(Locale.ROOT, "%d,%.1f", LEFT + plotW, lastY));
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(s.color()).append("\" stroke-width=\"2\" points=\"")
                    .append(points.toString().trim()).append("\"/>\n");
            int width = 14 + 7 * s.name().length();
            legendX -= width + 16;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"10\" width=\"12\" height=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"16\" class=\"ax\">%s</text>%n",
                    legendX, s.color(), legendX + 16, Html.escape(s.name())));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** Fault colours, shared with the legend of fault kinds on the page. */
    static String faultColor(String kind) {
        return switch (kind) {
            case "crash", "lose-majority", "crash-during-migration" -> "#d62728";
            case "leave" -> "#ff7f0e";
            case "join" -> "#1f77b4";
            default -> "#7f7f7f";
        };
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[]{1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String label(double value) {
        if (value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return value >= 10 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2g", value);
    }
}

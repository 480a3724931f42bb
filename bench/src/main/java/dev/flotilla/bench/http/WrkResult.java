package dev.flotilla.bench.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one wrk run measured, read from its text output ({@code --latency}).
 *
 * @param requestsPerSecond completed requests per second, every status included
 * @param p50Millis         latency percentiles in milliseconds
 * @param p90Millis         (wrk's percentiles are of a corrected histogram; see its documentation)
 * @param p99Millis         the 99th percentile
 * @param requests          requests completed
 * @param failedResponses   responses that were neither 2xx nor 3xx
 * @param socketErrors      connect, read, write and timeout errors together
 */
public record WrkResult(double requestsPerSecond, double p50Millis, double p90Millis, double p99Millis,
                        long requests, long failedResponses, long socketErrors) {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern COMPLETED = Pattern.compile("(\\d+) requests in ");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|90|99)(?:\\.0+)?%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** Whether every request was answered with a 2xx or 3xx and no socket failed: only then is it a measurement. */
    public boolean clean() {
        return failedResponses == 0 && socketErrors == 0 && requests > 0;
    }

    /**
     * Reads wrk's output.
     *
     * @throws IllegalArgumentException when it lacks the rate, the request count or one of the percentiles (wrk
     *                                  did not run, or ran without {@code --latency})
     */
    public static WrkResult parse(String output) {
        double rate = Double.parseDouble(group(RATE, output, "Requests/sec"));
        long requests = Long.parseLong(group(COMPLETED, output, "requests in"));
        double p50 = Double.NaN;
        double p90 = Double.NaN;
        double p99 = Double.NaN;
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double millis = millis(Double.parseDouble(percentile.group(2)), percentile.group(3));
            switch (percentile.group(1)) {
                case "50" -> p50 = millis;
                case "90" -> p90 = millis;
                default -> p99 = millis;
            }
        }
        if (Double.isNaN(p50) || Double.isNaN(p90) || Double.isNaN(p99)) {
            throw new IllegalArgumentException("no latency distribution in wrk's output (run it with --latency):\n" + output);
        }
        Matcher non2xx = NON_2XX.matcher(output);
        long failed = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
        Matcher socket = SOCKET.matcher(output);
        long socketErrors = 0;
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                socketErrors += Long.parseLong(socket.group(g));
            }
        }
        return new WrkResult(rate, p50, p90, p99, requests, failed, socketErrors);
    }

    private static String group(Pattern pattern, String output, String what) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no '" + what + "' in wrk's output:\n" + output);
        }
        return matcher.group(1);
    }

    private static double millis(double value, String unit) {
        return switch (unit) {
            case "us" -> value / 1_000;
            case "s" -> value * 1_000;
            default -> value;
        };
    }
}

package dev.flotilla.client;

import java.time.Duration;

/**
 * Background probing of every node with {@code GET /health}.
 *
 * <p>200 keeps (or puts back) a node in rotation; 503 {@code OUT_OF_SERVICE} keeps it in rotation but
 * deprioritised; 503 {@code DOWN} or a refused connection ejects it until a later probe finds it up; no answer
 * within {@code timeout} ejects it after three such probes (or failed requests) in a row. Requests also eject a node whose connection is refused, without waiting for a probe.
 *
 * @param interval time between two probes of a node; {@link Duration#ZERO} disables probing (ejected nodes then
 *                 come back after {@code interval}-less retries only when every node is ejected)
 * @param timeout  how long a probe waits for an answer
 */
public record HealthCheck(Duration interval, Duration timeout) {

    /** Validates the settings. */
    public HealthCheck {
        if (interval == null || interval.isNegative() || timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("interval must be zero or positive and timeout positive");
        }
    }

    /** A probe every second, answered within a second. */
    public static HealthCheck defaults() {
        return new HealthCheck(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    /** A probe every {@code interval}, each answered within a second. */
    public static HealthCheck every(Duration interval) {
        return new HealthCheck(interval, Duration.ofSeconds(1));
    }

    /** No probing. */
    public static HealthCheck disabled() {
        return new HealthCheck(Duration.ZERO, Duration.ofSeconds(1));
    }

    /** Whether probing is on. */
    public boolean enabled() {
        return !interval.isZero();
    }
}

package dev.flotilla.client;

import java.time.Duration;

/**
 * How often and how patiently the client retries a request on another node.
 *
 * <p>What may be retried never depends on this policy: reads, conditional writes and writes carrying an
 * {@code Idempotency-Key} may be retried; an unconditional write without a key is retried only when the failure is
 * definite (nothing was applied). The delay before attempt {@code n+1} is drawn uniformly between half and all of
 * {@code min(maxBackoff, initialBackoff * 2^(n-1))}.
 *
 * @param maxAttempts    attempts in all, at least 1 (1 = no retry)
 * @param initialBackoff delay before the second attempt (the upper bound of its draw)
 * @param maxBackoff     largest delay between two attempts
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** Validates the policy. */
    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be 1 to 100, not " + maxAttempts);
        }
        if (initialBackoff == null || initialBackoff.isNegative() || maxBackoff == null || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoffs must be zero or positive");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below initialBackoff " + initialBackoff);
        }
    }

    /** Six attempts, 50 ms doubling up to 1 s: rides out a node stop and a few seconds of migration. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofMillis(50), Duration.ofSeconds(1));
    }

    /** One attempt, no retry. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** {@code maxAttempts} attempts with the given backoff bounds. */
    public static RetryPolicy of(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff);
    }
}

package dev.flotilla.client.internal;

import dev.flotilla.client.RetryPolicy;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter" (AWS Architecture Blog, "Exponential Backoff and Jitter", 2015): the
 * delay after attempt {@code n} is uniform in {@code [cap/2, cap]} with {@code cap = min(max, initial * 2^(n-1))}.
 * Half the cap keeps retries from hammering a recovering node; the random half keeps clients from retrying in step.
 */
final class Backoff {
    private Backoff() {
    }

    /** The delay after {@code attemptsDone} attempts (1 or more); {@code random} yields values in [0, 1). */
    static Duration delay(RetryPolicy policy, int attemptsDone, DoubleSupplier random) {
        long initial = policy.initialBackoff().toNanos();
        long max = policy.maxBackoff().toNanos();
        int shift = Math.min(Math.max(attemptsDone - 1, 0), 30);
        long cap = initial > (max >> shift) ? max : Math.min(max, initial << shift);
        long half = cap / 2;
        return Duration.ofNanos(half + (long) (random.getAsDouble() * (cap - half)));
    }
}

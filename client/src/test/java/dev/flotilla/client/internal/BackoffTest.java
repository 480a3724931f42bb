package dev.flotilla.client.internal;

import dev.flotilla.client.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    private final RetryPolicy policy = RetryPolicy.of(10, Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void delay_firstAttempt_betweenHalfAndInitial() {
        assertThat(Backoff.delay(policy, 1, () -> 0.0)).isEqualTo(Duration.ofMillis(50));
        assertThat(Backoff.delay(policy, 1, () -> 0.999999)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
    }

    @Test
    void delay_laterAttempts_doubleUpToMax() {
        assertThat(Backoff.delay(policy, 2, () -> 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(Backoff.delay(policy, 3, () -> 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(Backoff.delay(policy, 5, () -> 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(Backoff.delay(policy, 60, () -> 0.0)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void delay_zeroPolicy_zero() {
        assertThat(Backoff.delay(RetryPolicy.none(), 1, () -> 0.5)).isZero();
    }
}

package dev.flotilla.server.cluster;

import dev.flotilla.grid.cluster.BackupCoverage;
import dev.flotilla.grid.cluster.Safety;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The monitor's threads and deadline, with a cluster check that blocks forever (as isClusterSafe can). */
@Timeout(30)
class SafetyMonitorTest {
    private static final Duration MAX_AGE = Duration.ofMillis(1_500);
    private static final Duration DEADLINE = Duration.ofMillis(300);

    private final CountDownLatch never = new CountDownLatch(1);
    private final AtomicBoolean block = new AtomicBoolean();
    private final AtomicReference<BackupCoverage> coverage = new AtomicReference<>(new BackupCoverage(271, 1, 0, 0, false));
    private final Supplier<Safety> check = () -> {
        if (block.get()) {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Safety(true, true, true, 3);
    };
    private final SafetyMonitor monitor = new SafetyMonitor(() -> true, check, coverage::get, Duration.ofMillis(50),
            MAX_AGE, DEADLINE, Clock.systemUTC());

    @AfterEach
    void stop() {
        monitor.stop();
    }

    @Test
    void report_checkBlocksForever_unknownAfterTheDeadlineNeverTheOldSafeAnswer() {
        monitor.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> monitor.report().verdict() == SafetyMonitor.Verdict.SAFE);

        block.set(true);

        await().atMost(Duration.ofSeconds(5)).until(() -> monitor.report().verdict() == SafetyMonitor.Verdict.UNKNOWN);
        SafetyMonitor.Report report = monitor.report();
        assertThat(report.reason()).contains("past its deadline of 300 ms");
        assertThat(report.checkedAt()).isNull();
        assertThat(monitor.fresh(monitor.latest())).isFalse();
        // The scheduler thread is not held: the local count goes on, and a missing backup is told at once.
        coverage.set(new BackupCoverage(271, 1, 0, 12, false));
        await().atMost(Duration.ofSeconds(5)).until(() -> monitor.report().verdict() == SafetyMonitor.Verdict.UNSAFE);
        assertThat(monitor.report().ageMillis()).isLessThanOrEqualTo(MAX_AGE.toMillis());
    }

    @Test
    void report_blockedCheckReturns_safeAgainWithAFreshAnswer() {
        block.set(true);
        monitor.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> monitor.report().verdict() == SafetyMonitor.Verdict.UNKNOWN);

        block.set(false);
        never.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> monitor.report().verdict() == SafetyMonitor.Verdict.SAFE);
        assertThat(monitor.report().ageMillis()).isBetween(0L, MAX_AGE.toMillis());
    }

    @Test
    void constructor_deadlineNotShorterThanMaxAge_rejectedNamingTheKeys() {
        assertThatThrownBy(() -> new SafetyMonitor(() -> true, check, coverage::get, Duration.ofMillis(500),
                Duration.ofSeconds(2), Duration.ofSeconds(2), Clock.systemUTC()))
                .isInstanceOf(io.micronaut.context.exceptions.ConfigurationException.class)
                .hasMessageContaining("flotilla-server.safety.deadline").hasMessageContaining("max-age");
    }
}

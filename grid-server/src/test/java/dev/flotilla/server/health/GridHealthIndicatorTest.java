package dev.flotilla.server.health;

import dev.flotilla.grid.cluster.BackupCoverage;
import dev.flotilla.grid.cluster.MemberState;
import dev.flotilla.grid.cluster.Membership;
import dev.flotilla.grid.cluster.Safety;
import dev.flotilla.server.cluster.SafetyMonitor;
import dev.flotilla.server.fixture.StubClusterView;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness and liveness of one node, and the safety report they carry, over a stub view and a hand-moved clock. */
class GridHealthIndicatorTest {
    private final StubClusterView cluster = new StubClusterView();
    private final MutableClock clock = new MutableClock();
    private final SafetyMonitor monitor = new SafetyMonitor(() -> cluster.memberState().running(), cluster::safety,
            cluster::coverage, Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(2), clock);

    private HealthResult readiness() {
        return new GridHealthIndicator(cluster, monitor).result();
    }

    private void checked() {
        monitor.count();
        monitor.refresh();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(HealthResult result) {
        return (Map<String, Object>) result.getDetails();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> safety(HealthResult result) {
        return (Map<String, Object>) details(result).get("safety");
    }

    @Test
    void readiness_runningJoinedAndSafe_upWithSafetyDetail() {
        checked();
        HealthResult result = readiness();
        assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(details(result)).containsEntry("memberCount", 1).containsEntry("joined", true)
                .containsEntry("localMember", "127.0.0.1:5701");
        assertThat(safety(result)).containsEntry("safe", true).containsEntry("verdict", "SAFE").containsEntry("ageMillis", 0L);
    }

    @Test
    void readiness_migrating_staysUpWhileSafetySaysUnsafe() {
        cluster.safety(new Safety(true, false, true, 2));
        cluster.coverage(new BackupCoverage(271, 1, 0, 0, true));
        checked();

        HealthResult result = readiness();

        assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(safety(result)).containsEntry("safe", false).containsEntry("verdict", "UNSAFE")
                .containsEntry("reason", "partitions are migrating");
    }

    @Test
    void readiness_noSafetyCheckYet_upAndSafetyUnknown() {
        HealthResult result = readiness();
        assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(safety(result)).containsEntry("verdict", "UNKNOWN").containsEntry("checkedAt", null);
    }

    @Test
    void readiness_notJoinedOrShuttingDown_down() {
        cluster.memberState(new MemberState(true, false, false));
        assertThat(readiness().getStatus()).isEqualTo(HealthStatus.DOWN);
        cluster.memberState(new MemberState(true, true, true));
        assertThat(readiness().getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(details(readiness())).containsEntry("shuttingDown", true);
    }

    @Test
    void readiness_memberStopsAfterSafeCheck_downAtOnce() {
        checked();
        cluster.memberState(new MemberState(false, false, false));
        HealthResult result = readiness();
        assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(details(result)).containsEntry("running", false);
    }

    @Test
    void readiness_membersLost_membershipDetailWithoutChangingStatus() {
        cluster.membership(new Membership(1, 3));
        checked();
        HealthResult result = readiness();
        assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(details(result)).containsEntry("membership", Map.of("seen", 1, "expected", 3, "minority", true));
    }

    @Test
    void liveness_runningThenStopped_upThenDown() {
        MemberLivenessIndicator liveness = new MemberLivenessIndicator(cluster);
        cluster.memberState(new MemberState(true, false, true)); // alive even while not serving
        assertThat(liveness.result().getStatus()).isEqualTo(HealthStatus.UP);
        cluster.memberState(new MemberState(false, false, false));
        assertThat(liveness.result().getStatus()).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void safety_lastCheckStale_unknownNotTheOldValue() {
        checked();
        clock.advance(Duration.ofSeconds(6));

        SafetyMonitor.Report report = monitor.report();

        assertThat(report.verdict()).isEqualTo(SafetyMonitor.Verdict.UNKNOWN);
        assertThat(report.checkedAt()).isNull();
        assertThat(HealthDetails.status(report)).isEqualTo(HealthStatus.UNKNOWN);
    }

    @Test
    void safety_answerWithinMaxAge_reportsItsAge() {
        checked();
        clock.advance(Duration.ofMillis(4_900));
        SafetyMonitor.Report report = monitor.report();
        assertThat(report.verdict()).isEqualTo(SafetyMonitor.Verdict.SAFE);
        assertThat(report.ageMillis()).isEqualTo(4_900L).isLessThanOrEqualTo(report.maxAge().toMillis());
    }

    @Test
    void safety_localCountFindsMissingBackups_unsafeEvenIfTheMembersSaidSafe() {
        checked();
        cluster.coverage(new BackupCoverage(271, 1, 0, 90, false));
        monitor.count();

        SafetyMonitor.Report report = monitor.report();

        assertThat(report.verdict()).isEqualTo(SafetyMonitor.Verdict.UNSAFE);
        assertThat(report.reason()).isEqualTo("90 of 271 partitions have fewer than 1 backups on current members");
        assertThat(monitor.fresh(monitor.latest())).as("the old safe answer is not believed").isFalse();
    }

    @Test
    void outOfService_aggregation_worseThanUpAndNotOperational() {
        assertThat(GridHealthIndicator.OUT_OF_SERVICE.compareTo(HealthStatus.UP)).isPositive();
        assertThat(GridHealthIndicator.OUT_OF_SERVICE.getOperational()).contains(false);
        assertThat(HealthDetails.DEGRADED.getOperational()).contains(true);
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

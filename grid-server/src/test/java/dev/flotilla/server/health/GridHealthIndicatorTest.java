package dev.flotilla.server.health;

import dev.flotilla.grid.cluster.Membership;
import dev.flotilla.grid.cluster.Safety;
import dev.flotilla.server.cluster.SafetyMonitor;
import dev.flotilla.server.fixture.StubClusterView;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GridHealthIndicatorTest {
    private final StubClusterView cluster = new StubClusterView();

    private final MutableClock clock = new MutableClock();

    private SafetyMonitor monitor(boolean running) {
        return new SafetyMonitor(() -> running, cluster::safety, Duration.ofMillis(500), Duration.ofSeconds(5), clock);
    }

    private HealthResult result(SafetyMonitor monitor) {
        return Mono.from(new GridHealthIndicator(cluster, monitor).getResult()).block();
    }

    private HealthResult result(boolean running) {
        SafetyMonitor monitor = monitor(running);
        monitor.refresh();
        return result(monitor);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(HealthResult result) {
        return (Map<String, Object>) result.getDetails();
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

    @Test
    void result_runningAndSafe_up() {
        HealthResult result = result(true);
        assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(details(result)).containsEntry("memberCount", 1).containsEntry("clusterSafe", true)
                .containsEntry("localMemberSafe", true).containsEntry("localMember", "127.0.0.1:5701");
    }

    @Test
    void result_membersLost_membershipDetailWithoutChangingStatus() {
        cluster.membership(new Membership(1, 3));

        HealthResult result = result(true);

        assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(details(result)).containsEntry("membership", Map.of("seen", 1, "expected", 3, "minority", true));
    }

    @Test
    void result_fullCluster_membershipNotMinority() {
        assertThat(details(result(true))).containsEntry("membership", Map.of("seen", 1, "expected", 1, "minority", false));
    }

    @Test
    void result_clusterNotSafe_outOfService() {
        cluster.safety(new Safety(true, false, true, 2));
        HealthResult result = result(true);
        assertThat(result.getStatus()).isEqualTo(GridHealthIndicator.OUT_OF_SERVICE);
        assertThat(result.getStatus().getOperational()).contains(false);
        assertThat(details(result)).containsEntry("clusterSafe", false);
    }

    @Test
    void result_localMemberNotSafe_outOfService() {
        cluster.safety(new Safety(true, true, false, 2));
        assertThat(result(true).getStatus()).isEqualTo(GridHealthIndicator.OUT_OF_SERVICE);
    }

    @Test
    void result_memberNotRunning_down() {
        HealthResult result = result(false);
        assertThat(result.getStatus()).isEqualTo(HealthStatus.DOWN);
        assertThat(details(result)).containsEntry("running", false);
    }

    @Test
    void result_noSafetyCheckYet_outOfService() {
        HealthResult result = result(monitor(true));
        assertThat(result.getStatus()).isEqualTo(GridHealthIndicator.OUT_OF_SERVICE);
        assertThat(details(result)).containsEntry("clusterSafe", false).containsEntry("safetyCheckedAt", null);
    }

    @Test
    void result_lastSafetyCheckStale_outOfService() {
        SafetyMonitor monitor = monitor(true);
        monitor.refresh();
        clock.advance(Duration.ofSeconds(6));

        assertThat(result(monitor).getStatus()).isEqualTo(GridHealthIndicator.OUT_OF_SERVICE);
    }

    @Test
    void result_safetyCheckedEarlier_readsCachedValueWithoutCallingCluster() {
        SafetyMonitor monitor = monitor(true);
        monitor.refresh();
        cluster.safety(new Safety(true, false, false, 2)); // not seen until the next refresh

        HealthResult result = result(monitor);

        assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(details(result)).containsEntry("safetyCheckedAt", clock.instant().toString());
    }

    @Test
    void result_memberStopsAfterSafeCheck_downAtOnce() {
        boolean[] running = {true};
        SafetyMonitor monitor = new SafetyMonitor(() -> running[0], cluster::safety, Duration.ofMillis(500),
                Duration.ofSeconds(5), clock);
        monitor.refresh();
        running[0] = false;

        assertThat(result(monitor).getStatus()).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void outOfService_aggregation_worseThanUpAndNotOperational() {
        assertThat(GridHealthIndicator.OUT_OF_SERVICE.compareTo(HealthStatus.UP)).isPositive();
        assertThat(GridHealthIndicator.OUT_OF_SERVICE.getOperational()).contains(false);
    }
}

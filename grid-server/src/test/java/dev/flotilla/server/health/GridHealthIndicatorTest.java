package dev.flotilla.server.health;

import dev.flotilla.grid.cluster.Safety;
import dev.flotilla.server.fixture.StubClusterView;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GridHealthIndicatorTest {
    private final StubClusterView cluster = new StubClusterView();

    private HealthResult result(boolean running) {
        return Mono.from(new GridHealthIndicator(() -> running, cluster).getResult()).block();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(HealthResult result) {
        return (Map<String, Object>) result.getDetails();
    }

    @Test
    void result_runningAndSafe_up() {
        HealthResult result = result(true);
        assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
        assertThat(details(result)).containsEntry("memberCount", 1).containsEntry("clusterSafe", true)
                .containsEntry("localMemberSafe", true).containsEntry("localMember", "127.0.0.1:5701");
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
    void outOfService_aggregation_worseThanUpAndNotOperational() {
        assertThat(GridHealthIndicator.OUT_OF_SERVICE.compareTo(HealthStatus.UP)).isPositive();
        assertThat(GridHealthIndicator.OUT_OF_SERVICE.getOperational()).contains(false);
    }
}

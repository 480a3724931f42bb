package dev.flotilla.server.health;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.cluster.ClusterView;
import dev.flotilla.grid.cluster.MemberState;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code member} entry of {@code /health/liveness} (and {@code /health}): {@code UP} while this node's grid
 * member runs, {@code DOWN} (503) once it stopped or was terminated, when only a restart helps. Read from the
 * member's own state on each request: it never waits on another member, so it answers the same during a migration,
 * a member loss or a split brain (a member cut off from the others still runs).
 */
@Singleton
@Liveness
public class MemberLivenessIndicator extends LocalHealthIndicator {
    private final ClusterView cluster;

    @Inject
    public MemberLivenessIndicator(Grid grid) {
        this(grid.cluster());
    }

    MemberLivenessIndicator(ClusterView cluster) {
        this.cluster = cluster;
    }

    @Override
    HealthResult result() {
        MemberState state = cluster.memberState();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("running", state.running());
        details.put("checkedAt", Instant.now().toString());
        return HealthResult.builder("member", state.running() ? HealthStatus.UP : HealthStatus.DOWN).details(details)
                .build();
    }
}

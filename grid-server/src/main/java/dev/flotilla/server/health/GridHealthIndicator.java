package dev.flotilla.server.health;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.cluster.ClusterView;
import dev.flotilla.grid.cluster.Safety;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The {@code grid} entry of {@code /health}.
 *
 * <ul>
 *   <li>{@code UP} (HTTP 200): the member runs and the cluster is safe: backups in sync, no migration running, so
 *       this or any one member may be stopped now;</li>
 *   <li>{@link #OUT_OF_SERVICE} (HTTP 503, configured in application.yml): the member runs and serves requests,
 *       but partitions are migrating or backups are not in sync: do not stop another member yet;</li>
 *   <li>{@code DOWN} (HTTP 503): the member is not running (not joined, shutting down or terminated).</li>
 * </ul>
 * A rolling restart waits for UP on every node before stopping the next one.
 */
@Singleton
public class GridHealthIndicator implements HealthIndicator {
    /** Running but not safe to lose a member: between UP and DOWN in severity, not operational. */
    public static final HealthStatus OUT_OF_SERVICE = new HealthStatus("OUT_OF_SERVICE",
            "the member serves requests but partitions are migrating or backups are not in sync", false, 500);

    private final BooleanSupplier running;
    private final ClusterView cluster;

    @Inject
    public GridHealthIndicator(Grid grid) {
        this(grid::isRunning, grid.cluster());
    }

    /** An indicator over any cluster view; {@code running} says whether the member runs. */
    GridHealthIndicator(BooleanSupplier running, ClusterView cluster) {
        this.running = running;
        this.cluster = cluster;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromSupplier(this::result);
    }

    HealthResult result() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (!running.getAsBoolean()) {
            details.put("running", false);
            return HealthResult.builder("grid", HealthStatus.DOWN).details(details).build();
        }
        Safety safety = cluster.safety();
        details.put("running", safety.running());
        details.put("clusterName", cluster.clusterName());
        details.put("localMember", cluster.localMember().address());
        details.put("memberCount", safety.memberCount());
        details.put("clusterSafe", safety.clusterSafe());
        details.put("localMemberSafe", safety.localMemberSafe());
        HealthStatus status = !safety.running() ? HealthStatus.DOWN
                : safety.clusterSafe() && safety.localMemberSafe() ? HealthStatus.UP : OUT_OF_SERVICE;
        return HealthResult.builder("grid", status).details(details).build();
    }
}

package dev.flotilla.server.health;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.cluster.ClusterView;
import dev.flotilla.grid.cluster.MemberState;
import dev.flotilla.grid.cluster.Membership;
import dev.flotilla.server.cluster.SafetyMonitor;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code grid} entry of {@code /health/readiness} (and {@code /health}): whether this node can serve requests.
 *
 * <ul>
 *   <li>{@code UP} (200): the member runs, has joined its cluster and is not shutting down. It stays UP during
 *       migrations (a member joins or leaves: requests are served throughout), after a member loss and after data
 *       loss (the node still serves what is left; {@code /health} says DEGRADED);</li>
 *   <li>{@code DOWN} (503): the member is not running, has not joined (or is rejoining after a split-brain merge)
 *       or shuts down: take it out of the load balancer.</li>
 * </ul>
 * Everything is read from the local member on each request, never waiting on another member, so the answer is
 * never older than the request. The details add {@code safety}, the background safety report of
 * {@code /health/safe} (it does not change this status), and {@code membership}: members seen against expected
 * ({@code minority} when this node sees at most half). Membership does not change the status either: a node
 * cannot tell a split from crashes, and without split-brain protection a minority side keeps serving anyway.
 * {@code unknownMembers} lists members that are not Flotilla members of this cluster (docs/security.md); they do
 * not change the status either: the node serves on, and such a member cannot be refused by Hazelcast Community.
 */
@Singleton
public class GridHealthIndicator extends LocalHealthIndicator {
    /** Running but not safe to lose a member: the status of {@code /health/safe} while migrating (HTTP 503). */
    public static final HealthStatus OUT_OF_SERVICE = new HealthStatus("OUT_OF_SERVICE",
            "partitions are migrating or backups are missing: do not stop another member yet", false, 500);

    private final ClusterView cluster;
    private final SafetyMonitor safety;

    @Inject
    public GridHealthIndicator(Grid grid, SafetyMonitor safety) {
        this(grid.cluster(), safety);
    }

    /** An indicator over any cluster view and safety monitor. */
    GridHealthIndicator(ClusterView cluster, SafetyMonitor safety) {
        this.cluster = cluster;
        this.safety = safety;
    }

    @Override
    HealthResult result() {
        MemberState state = cluster.memberState();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("running", state.running());
        details.put("joined", state.joined());
        details.put("shuttingDown", state.shuttingDown());
        details.put("checkedAt", Instant.now().toString());
        if (!state.running()) {
            return HealthResult.builder("grid", HealthStatus.DOWN).details(details).build();
        }
        details.put("clusterName", cluster.clusterName());
        details.put("localMember", cluster.localMember().address());
        details.put("memberCount", cluster.members().size());
        details.put("membership", membership(cluster.membership()));
        details.put("safety", HealthDetails.safety(safety.report()));
        details.put("unknownMembers", unknownMembers(cluster));
        return HealthResult.builder("grid", state.serving() ? HealthStatus.UP : HealthStatus.DOWN).details(details)
                .build();
    }

    /** Members that are not Flotilla members of this cluster: an intruder, or a node with another member secret. */
    private static java.util.List<Map<String, Object>> unknownMembers(ClusterView cluster) {
        return cluster.unknownMembers().entrySet().stream().map(entry -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("address", entry.getKey().address());
            view.put("uuid", entry.getKey().uuid());
            view.put("reason", entry.getValue());
            return view;
        }).toList();
    }

    private static Map<String, Object> membership(Membership membership) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("seen", membership.seen());
        view.put("expected", membership.expected());
        view.put("minority", membership.minority());
        return view;
    }
}

package dev.flotilla.server.health;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.cluster.ClusterView;
import dev.flotilla.grid.cluster.Membership;
import dev.flotilla.grid.cluster.Safety;
import dev.flotilla.server.cluster.SafetyMonitor;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code grid} entry of {@code /health}.
 *
 * <ul>
 *   <li>{@code UP} (HTTP 200): the member runs and the cluster is safe: backups in sync, no migration running, so
 *       this or any one member may be stopped now;</li>
 *   <li>{@link #OUT_OF_SERVICE} (HTTP 503, configured in application.yml): the member runs and serves requests,
 *       but partitions are migrating or backups are not in sync, or safety is not known yet or its last check is
 *       stale: do not stop another member yet;</li>
 *   <li>{@code DOWN} (HTTP 503): the member is not running (not joined, shutting down or terminated).</li>
 * </ul>
 * Safety is read from {@link SafetyMonitor}, refreshed in the background every {@code flotilla-server.safety.refresh}
 * (the check asks other members, so it never runs here, on the event loop); {@code safetyCheckedAt} tells when. Only
 * whether the member runs is checked live, so DOWN is immediate. A rolling restart waits for UP on every node
 * before stopping the next one.
 *
 * <p>{@code membership} tells how many members this node sees against how many the cluster had ({@code seen},
 * {@code expected}: the most seen since start or the last merge, less graceful leaves) and whether it sees at most
 * half of them ({@code minority}), read live from the local member. It does not change the status: a node cannot
 * tell a split from crashes (two of three members crashed leave a survivor that is "in the minority" and still the
 * whole cluster), and without split-brain protection a minority side keeps serving reads and writes anyway. A
 * status that refuses traffic on the minority side belongs with split-brain protection.
 */
@Singleton
public class GridHealthIndicator implements HealthIndicator {
    /** Running but not safe to lose a member: between UP and DOWN in severity, not operational. */
    public static final HealthStatus OUT_OF_SERVICE = new HealthStatus("OUT_OF_SERVICE",
            "the member serves requests but partitions are migrating or backups are not in sync", false, 500);

    private final ClusterView cluster;
    private final SafetyMonitor safety;

    @Inject
    public GridHealthIndicator(Grid grid, SafetyMonitor safety) {
        this(grid.cluster(), safety);
    }

    /** An indicator over any cluster view (its name and local member) and safety monitor. */
    GridHealthIndicator(ClusterView cluster, SafetyMonitor safety) {
        this.cluster = cluster;
        this.safety = safety;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromSupplier(this::result);
    }

    HealthResult result() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (!safety.running()) {
            details.put("running", false);
            return HealthResult.builder("grid", HealthStatus.DOWN).details(details).build();
        }
        SafetyMonitor.Checked checked = safety.latest();
        boolean known = safety.fresh(checked) && checked.safety().running();
        Safety last = checked.safety();
        details.put("running", true);
        details.put("clusterName", cluster.clusterName());
        details.put("localMember", cluster.localMember().address());
        details.put("memberCount", cluster.members().size());
        details.put("membership", membership(cluster.membership()));
        details.put("clusterSafe", known && last.clusterSafe());
        details.put("localMemberSafe", known && last.localMemberSafe());
        details.put("safetyCheckedAt", checked.checkedAt() == null ? null : checked.checkedAt().toString());
        HealthStatus status = known && last.clusterSafe() && last.localMemberSafe() ? HealthStatus.UP : OUT_OF_SERVICE;
        return HealthResult.builder("grid", status).details(details).build();
    }

    private static Map<String, Object> membership(Membership membership) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("seen", membership.seen());
        view.put("expected", membership.expected());
        view.put("minority", membership.minority());
        return view;
    }
}

package dev.flotilla.server.metrics;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.cluster.ClusterEvent;
import dev.flotilla.grid.cluster.ClusterView;
import dev.flotilla.grid.cluster.Safety;
import dev.flotilla.grid.map.MapStatistics;
import dev.flotilla.server.cluster.SafetyMonitor;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import io.micronaut.context.annotation.Context;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Grid gauges for {@code /prometheus}, all as seen by this node's member:
 * {@code flotilla_cluster_members}, {@code flotilla_cluster_safe}, {@code flotilla_member_safe},
 * {@code flotilla_migrations_in_flight}, {@code flotilla_migrations_completed_total} (processes this node saw finish;
 * only the master coordinates them), {@code flotilla_map_entries{map}} (owned here, not backups) and
 * {@code flotilla_map_operations_total{map,operation=get|put|remove}} (served here).
 *
 * <p>Splits, per node: {@code flotilla_splits_detected_total} (times this node removed members that had not left
 * gracefully: a split or crashes, which it cannot tell apart; one per member-list update),
 * {@code flotilla_merges_total} (times this node's side merged into another cluster; the side it merged into
 * counts nothing), {@code flotilla_cluster_members_expected} (the most members seen since start or the last merge,
 * less graceful leaves; compare with {@code flotilla_cluster_members}) and {@code flotilla_cluster_minority} (1 when
 * this node sees at most half of them).
 *
 * <p>Map statistics are read from a snapshot refreshed every {@code flotilla-server.metrics.refresh} (5 s), which
 * also registers the meters of maps created since. The safety gauges read {@link SafetyMonitor}'s last check
 * (refreshed in the background every {@code flotilla-server.safety.refresh}; 0 when it is stale), since the check
 * asks other members; the other cluster gauges are read live from this member's local state.
 */
@Context
public class GridMetrics implements MeterBinder {
    private final Grid grid;
    private final SafetyMonitor safety;
    private final AtomicLong migrationsCompleted = new AtomicLong();
    private final AtomicLong splitsDetected = new AtomicLong();
    private final AtomicLong merges = new AtomicLong();
    private final ClusterView.Subscription subscription;
    private final Map<String, MapStatistics> latest = new ConcurrentHashMap<>();
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    public GridMetrics(Grid grid, SafetyMonitor safety) {
        this.grid = grid;
        this.safety = safety;
        this.subscription = grid.cluster().subscribe(event -> {
            if (event instanceof ClusterEvent.MigrationFinished) {
                migrationsCompleted.incrementAndGet();
            } else if (event instanceof ClusterEvent.SplitDetected) {
                splitsDetected.incrementAndGet();
            } else if (event instanceof ClusterEvent.Merged) {
                merges.incrementAndGet();
            }
        });
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(registry);
        Gauge.builder("flotilla.cluster.members", grid, g -> g.isRunning() ? g.cluster().members().size() : 0)
                .description("members in the cluster as this node sees it").register(registry);
        Gauge.builder("flotilla.cluster.safe", safety, s -> safe(s, Safety::clusterSafe) ? 1 : 0)
                .description("1 when backups are in sync and no migration runs: any one member may leave").register(registry);
        Gauge.builder("flotilla.member.safe", safety, s -> safe(s, Safety::localMemberSafe) ? 1 : 0)
                .description("1 when this node's member may leave without losing data").register(registry);
        Gauge.builder("flotilla.migrations.in.flight", grid, g -> g.isRunning()
                        && (g.cluster().migrations().inFlight().isPresent() || g.cluster().migrations().replicaMigrationsInFlight()) ? 1 : 0)
                .description("1 while this node coordinates or takes part in a migration").register(registry);
        FunctionCounter.builder("flotilla.migrations.completed", migrationsCompleted, AtomicLong::get)
                .description("migration processes this node saw finish (the master coordinates them)").register(registry);
        FunctionCounter.builder("flotilla.splits.detected", splitsDetected, AtomicLong::get)
                .description("times this node removed members that had not left gracefully (a split or crashes)")
                .register(registry);
        FunctionCounter.builder("flotilla.merges", merges, AtomicLong::get)
                .description("times this node's side of a split merged into another cluster").register(registry);
        Gauge.builder("flotilla.cluster.members.expected", grid, g -> g.isRunning() ? g.cluster().membership().expected() : 0)
                .description("the most members this node saw since start or the last merge, less graceful leaves")
                .register(registry);
        Gauge.builder("flotilla.cluster.minority", grid, g -> g.isRunning() && g.cluster().membership().minority() ? 1 : 0)
                .description("1 when this node sees at most half of the expected members").register(registry);
        latest.keySet().forEach(name -> registerMap(registry, name));
    }

    /** Takes a new snapshot of map statistics and registers the meters of new maps. */
    @Scheduled(fixedDelay = "${flotilla-server.metrics.refresh:5s}", initialDelay = "${flotilla-server.metrics.refresh:5s}")
    public void refresh() {
        if (!grid.isRunning()) {
            return;
        }
        for (MapStatistics stats : grid.mapStatistics()) {
            if (latest.put(stats.name(), stats) == null) {
                registries.forEach(registry -> registerMap(registry, stats.name()));
            }
        }
    }

    private void registerMap(MeterRegistry registry, String name) {
        Gauge.builder("flotilla.map.entries", latest, l -> value(l, name, MapStatistics::ownedEntries))
                .tag("map", name).description("entries whose primary replica is on this node").register(registry);
        operation(registry, name, "get", MapStatistics::gets);
        operation(registry, name, "put", MapStatistics::puts);
        operation(registry, name, "remove", MapStatistics::removes);
    }

    private void operation(MeterRegistry registry, String name, String operation,
                           java.util.function.ToLongFunction<MapStatistics> count) {
        FunctionCounter.builder("flotilla.map.operations", latest, l -> value(l, name, count))
                .tags("map", name, "operation", operation)
                .description("map operations served by this node").register(registry);
    }

    private static double value(Map<String, MapStatistics> latest, String name,
                                java.util.function.ToLongFunction<MapStatistics> field) {
        MapStatistics stats = latest.get(name);
        return stats == null ? 0 : field.applyAsLong(stats);
    }

    /** The member runs and the last safety check, recent enough to believe, says {@code field}. */
    private static boolean safe(SafetyMonitor monitor, java.util.function.Predicate<Safety> field) {
        SafetyMonitor.Checked checked = monitor.latest();
        return monitor.running() && monitor.fresh(checked) && checked.safety().running() && field.test(checked.safety());
    }

    @PreDestroy
    void close() {
        subscription.close();
    }
}

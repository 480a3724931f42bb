package dev.flotilla.server.metrics;

import io.micronaut.context.exceptions.ConfigurationException;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.cluster.ClusterEvent;
import dev.flotilla.grid.cluster.ClusterView;
import dev.flotilla.grid.cluster.Safety;
import dev.flotilla.grid.map.MapStatistics;
import dev.flotilla.grid.map.MemberMapStatistics;
import dev.flotilla.grid.map.StoreStatistics;
import dev.flotilla.server.cluster.SafetyMonitor;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * Grid gauges for {@code /prometheus}, all as seen by this node's member:
 * {@code flotilla_cluster_members}, {@code flotilla_cluster_safe}, {@code flotilla_member_safe},
 * {@code flotilla_migrations_in_flight}, {@code flotilla_migrations_completed_total} (processes this node saw finish;
 * only the master coordinates them), {@code flotilla_member_owned_partitions}, {@code flotilla_migration_queue_size}
 * (migration tasks queued here; non-zero mostly on the master while it rebalances).
 *
 * <p>Per map: {@code flotilla_map_entries{map}} (owned here, not backups), {@code flotilla_map_backup_entries{map}},
 * {@code flotilla_map_owned_entry_memory_bytes{map}}, {@code flotilla_map_backup_entry_memory_bytes{map}} and
 * {@code flotilla_map_operations_total{map,operation=get|put|remove}} (served here). Any request may create a map, so
 * labels are capped: the maps of the grid config, then maps in the order this node first sees them, up to
 * {@code flotilla-server.metrics.max-maps} (100) in all; later maps are summed under {@code map="_other"} (no user
 * map name starts with '_') and counted by {@code flotilla_maps_unlabelled}. A labelled map keeps its label.
 *
 * <p>Splits, per node: {@code flotilla_splits_detected_total} (times this node removed members that had not left
 * gracefully: a split or crashes, which it cannot tell apart; one per member-list update),
 * {@code flotilla_merges_total} (times this node's side merged into another cluster; the side it merged into
 * counts nothing), {@code flotilla_cluster_members_expected} (the most members seen since start or the last merge,
 * less graceful leaves; compare with {@code flotilla_cluster_members}) and {@code flotilla_cluster_minority} (1 when
 * this node sees at most half of them).
 *
 * <p>With a database for persistent maps ({@code flotilla.store.url}): {@code flotilla_store_operations_total
 * {operation,outcome}}, {@code flotilla_store_write_behind_queue_entries} and
 * {@code flotilla_store_write_behind_lag_seconds}, read from the same refreshed snapshot.
 *
 * <p>Map, partition and migration-queue values are read from a snapshot refreshed every
 * {@code flotilla-server.metrics.refresh} (5 s), which also registers the meters of maps created since. The safety
 * gauges read {@link SafetyMonitor}'s last check (refreshed in the background every
 * {@code flotilla-server.safety.refresh}; 0 when it is stale), since the check asks other members; the other cluster
 * gauges are read live from this member's local state.
 */
@Context
public class GridMetrics implements MeterBinder {
    /** The label of the maps beyond the cap. */
    static final String OTHER_MAPS = "_other";

    private final Grid grid;
    private final SafetyMonitor safety;
    private final int maxMaps;
    private final AtomicLong migrationsCompleted = new AtomicLong();
    private final AtomicLong splitsDetected = new AtomicLong();
    private final AtomicLong merges = new AtomicLong();
    private final ClusterView.Subscription subscription;
    /** Labelled maps in the order they got their label; guarded by itself. */
    private final Set<String> labelled = new LinkedHashSet<>();
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final AtomicBoolean otherRegistered = new AtomicBoolean();
    private volatile Snapshot latest = Snapshot.EMPTY;
    private volatile StoreStatistics latestStore = StoreStatistics.NONE;

    /** The last statistics read, by label ({@link #OTHER_MAPS} summed). */
    private record Snapshot(int ownedPartitions, long migrationQueueSize, Map<String, MapStatistics> byLabel,
                            int unlabelled) {
        static final Snapshot EMPTY = new Snapshot(0, 0, Map.of(), 0);
    }

    public GridMetrics(Grid grid, SafetyMonitor safety, @Value("${flotilla-server.metrics.max-maps:100}") int maxMaps) {
        if (maxMaps < 0) {
            throw new ConfigurationException("flotilla-server.metrics.max-maps must be 0 or more: " + maxMaps);
        }
        this.grid = grid;
        this.safety = safety;
        this.maxMaps = maxMaps;
        // a configured name with '*' is a pattern, not a map
        grid.config().maps().keySet().stream().filter(n -> !n.contains("*")).limit(maxMaps).forEach(labelled::add);
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
        Gauge.builder("flotilla.cluster.members.unknown", grid, g -> g.isRunning() ? g.cluster().unknownMembers().size() : 0)
                .description("members in this node's view that are not Flotilla members of the cluster (docs/security.md)")
                .register(registry);
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
        Gauge.builder("flotilla.member.owned.partitions", this, m -> m.latest.ownedPartitions())
                .description("partitions whose primary replica is on this node").register(registry);
        Gauge.builder("flotilla.migration.queue.size", this, m -> m.latest.migrationQueueSize())
                .description("migration tasks queued on this node (mostly on the master, while it rebalances)")
                .register(registry);
        if (grid.config().store().configured()) {
            bindStore(registry);
        }
        Gauge.builder("flotilla.maps.unlabelled", this, m -> m.latest.unlabelled())
                .description("maps beyond flotilla-server.metrics.max-maps, summed under map=\"_other\"")
                .register(registry);
        List<String> names;
        synchronized (labelled) {
            names = new ArrayList<>(labelled);
        }
        if (otherRegistered.get()) {
            names.add(OTHER_MAPS);
        }
        names.forEach(name -> registerMap(registry, name));
    }

    /** Takes a new snapshot of map statistics and registers the meters of new maps. */
    @Scheduled(fixedDelay = "${flotilla-server.metrics.refresh:5s}", initialDelay = "${flotilla-server.metrics.refresh:5s}")
    public void refresh() {
        if (!grid.isRunning()) {
            return;
        }
        latestStore = grid.storeStatistics();
        MemberMapStatistics member = grid.localMapStatistics();
        Map<String, MapStatistics> byLabel = new HashMap<>();
        List<String> added = new ArrayList<>();
        List<MapStatistics> others = new ArrayList<>();
        synchronized (labelled) {
            for (MapStatistics stats : member.maps()) {
                if (labelled.contains(stats.name())) {
                    byLabel.put(stats.name(), stats);
                } else if (labelled.size() < maxMaps) {
                    labelled.add(stats.name());
                    added.add(stats.name());
                    byLabel.put(stats.name(), stats);
                } else {
                    others.add(stats);
                }
            }
        }
        if (!others.isEmpty()) {
            byLabel.put(OTHER_MAPS, others.stream().reduce(MapStatistics::plus).orElseThrow());
        }
        latest = new Snapshot(member.ownedPartitions(), member.migrationQueueSize(), byLabel, others.size());
        if (!others.isEmpty() && otherRegistered.compareAndSet(false, true)) {
            added.add(OTHER_MAPS);
        }
        added.forEach(name -> registries.forEach(registry -> registerMap(registry, name)));
    }

    /** The persistent maps' database, as of the last refresh. */
    private void bindStore(MeterRegistry registry) {
        storeCounter(registry, "store", "success", StoreStatistics::stores);
        storeCounter(registry, "store", "failure", StoreStatistics::storeFailures);
        storeCounter(registry, "load", "success", StoreStatistics::loads);
        storeCounter(registry, "load", "failure", StoreStatistics::loadFailures);
        storeCounter(registry, "delete", "success", StoreStatistics::deletes);
        storeCounter(registry, "delete", "failure", StoreStatistics::deleteFailures);
        Gauge.builder("flotilla.store.write.behind.queue.entries", this, m -> m.latestStore.queuedEntries())
                .description("write-behind entries of the partitions this node owns that are not stored yet")
                .register(registry);
        Gauge.builder("flotilla.store.write.behind.lag", this, m -> m.latestStore.lagSeconds()).baseUnit("seconds")
                .description("how long write-behind entries have waited with no store succeeding; 0 when none waits")
                .register(registry);
    }

    private void storeCounter(MeterRegistry registry, String operation, String outcome,
                              ToLongFunction<StoreStatistics> count) {
        FunctionCounter.builder("flotilla.store.operations", this, m -> count.applyAsLong(m.latestStore))
                .tags("operation", operation, "outcome", outcome)
                .description("calls to the persistent maps' database (one entry or one batch each)").register(registry);
    }

    private void registerMap(MeterRegistry registry, String name) {
        mapGauge(registry, name, "flotilla.map.entries", null, "entries whose primary replica is on this node",
                MapStatistics::ownedEntries);
        mapGauge(registry, name, "flotilla.map.backup.entries", null, "backup entries held on this node",
                MapStatistics::backupEntries);
        mapGauge(registry, name, "flotilla.map.owned.entry.memory", "bytes",
                "memory of the entries whose primary replica is on this node", MapStatistics::ownedEntryMemory);
        mapGauge(registry, name, "flotilla.map.backup.entry.memory", "bytes",
                "memory of the backup entries held on this node", MapStatistics::backupEntryMemory);
        operation(registry, name, "get", MapStatistics::gets);
        operation(registry, name, "put", MapStatistics::puts);
        operation(registry, name, "remove", MapStatistics::removes);
    }

    private void mapGauge(MeterRegistry registry, String map, String meter, String unit, String description,
                          ToLongFunction<MapStatistics> field) {
        Gauge.builder(meter, this, m -> m.value(map, field)).tag("map", map).baseUnit(unit)
                .description(description).register(registry);
    }

    private void operation(MeterRegistry registry, String map, String operation, ToLongFunction<MapStatistics> count) {
        FunctionCounter.builder("flotilla.map.operations", this, m -> m.value(map, count))
                .tags("map", map, "operation", operation)
                .description("map operations served by this node").register(registry);
    }

    private double value(String map, ToLongFunction<MapStatistics> field) {
        MapStatistics stats = latest.byLabel().get(map);
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

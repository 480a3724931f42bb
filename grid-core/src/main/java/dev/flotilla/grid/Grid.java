package dev.flotilla.grid;


import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import dev.flotilla.grid.cluster.ClusterView;
import dev.flotilla.grid.internal.HazelcastClusterView;
import dev.flotilla.grid.internal.HazelcastConfigMapper;
import dev.flotilla.grid.internal.HazelcastVersionedMap;
import dev.flotilla.grid.map.EntryNames;
import dev.flotilla.grid.map.MapStatistics;
import dev.flotilla.grid.map.VersionedMap;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One embedded grid member: start it, use its maps and views, close it.
 *
 * <pre>{@code
 * try (Grid grid = Grid.start(GridConfig.defaults())) {
 *     long version = grid.map("orders").put("o-1", "{\"total\":12}");
 * }
 * }</pre>
 *
 * <p>Everything Hazelcast already does (SQL, topics, CP structures, ...) is reachable through {@link #hazelcast()}.
 */
public final class Grid implements AutoCloseable {
    private final GridConfig config;
    private final HazelcastInstance hazelcast;
    private final HazelcastClusterView cluster;
    private final ConcurrentMap<String, VersionedMap> maps = new ConcurrentHashMap<>();

    private Grid(GridConfig config, HazelcastInstance hazelcast) {
        this.config = config;
        this.hazelcast = hazelcast;
        int replicasShown = config.maps().values().stream()
                .mapToInt(s -> s.backupCount() + s.asyncBackupCount())
                .reduce(config.mapDefaults().backupCount() + config.mapDefaults().asyncBackupCount(), Math::max);
        this.cluster = new HazelcastClusterView(hazelcast, replicasShown);
    }

    /**
     * Starts a member and joins (or forms) the cluster named in the config; returns once the member has joined.
     *
     * @throws GridException {@link GridFailure#NOT_RUNNING} when the member cannot start (for example no free port)
     */
    public static Grid start(GridConfig config) {
        try {
            return new Grid(config, Hazelcast.newHazelcastInstance(HazelcastConfigMapper.toHazelcast(config)));
        } catch (RuntimeException e) {
            throw new GridException(GridFailure.NOT_RUNNING, "the grid member could not start: " + e.getMessage(), e);
        }
    }

    /** The config this member started with. */
    public GridConfig config() {
        return config;
    }

    /** The underlying Hazelcast member, for everything Flotilla does not wrap. */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** Read-only views of members, partitions, migrations and safety, and a stream of cluster events. */
    public ClusterView cluster() {
        return cluster;
    }

    /**
     * The versioned map of that name, created on first use; see {@link VersionedMap} for its guarantees.
     *
     * @throws GridException {@link GridFailure#INVALID_MAP_NAME} for a name outside {@link EntryNames}' rules
     */
    public VersionedMap map(String name) {
        EntryNames.requireMapName(name);
        return maps.computeIfAbsent(name, n -> new HazelcastVersionedMap(hazelcast, n));
    }

    /** Local counters of every user map (names starting with '_' are internal and left out), by name. */
    public List<MapStatistics> mapStatistics() {
        return hazelcast.getDistributedObjects().stream()
                .filter(o -> o instanceof IMap<?, ?> && !o.getName().startsWith("_"))
                .map(o -> {
                    LocalMapStats stats = ((IMap<?, ?>) o).getLocalMapStats();
                    return new MapStatistics(o.getName(), stats.getOwnedEntryCount(), stats.getBackupEntryCount(),
                            stats.getGetOperationCount(), stats.getPutOperationCount() + stats.getOtherOperationCount(),
                            stats.getRemoveOperationCount());
                })
                .sorted(Comparator.comparing(MapStatistics::name))
                .toList();
    }

    /** Whether the local member is running. */
    public boolean isRunning() {
        return hazelcast.getLifecycleService().isRunning();
    }

    /**
     * Leaves gracefully: waits (bounded by Hazelcast's graceful-shutdown timeout) until this member's partitions
     * have been handed to others, so no acknowledged data is lost with backup count 1 or more. Idempotent.
     */
    @Override
    public void close() {
        if (isRunning()) {
            hazelcast.shutdown();
        }
    }

    /** Stops at once without handing over partitions, like a crash: the others detect it and promote backups. */
    public void terminate() {
        hazelcast.getLifecycleService().terminate();
    }

    @Override
    public String toString() {
        return "Grid[" + config.clusterName() + " " + (isRunning() ? cluster.localMember().address() : "stopped") + "]";
    }

}

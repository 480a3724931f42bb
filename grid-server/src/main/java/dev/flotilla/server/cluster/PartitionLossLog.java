package dev.flotilla.server.cluster;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.cluster.ClusterEvent;
import dev.flotilla.grid.cluster.ClusterView;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The partitions this node saw lost beyond their backups since it started, and those not acknowledged yet.
 *
 * <p>Hazelcast tells every member of a partition lost anywhere in the cluster, so every node keeps the same record
 * (a node that joined later has none of the earlier losses). {@link ClusterEvent.PartitionPromoted} (a backup took
 * over, no entry lost) is only counted. A loss stays {@linkplain #unacknowledged() unacknowledged} until the node
 * restarts or an operator {@linkplain #acknowledge() acknowledges} it; the totals never go down.
 */
@Context
public class PartitionLossLog {
    /**
     * Losses not acknowledged yet.
     *
     * @param events     partition-lost events since the last acknowledgement (a partition may be lost twice)
     * @param partitions the partitions lost, ascending
     * @param maps       the maps that lost entries, by name
     * @param since      when the first of them was seen
     * @param last       when the last of them was seen
     */
    public record Loss(long events, List<Integer> partitions, List<String> maps, Instant since, Instant last) {
        public Loss {
            partitions = List.copyOf(partitions);
            maps = List.copyOf(maps);
        }
    }

    private final ClusterView.Subscription subscription;
    private final List<Consumer<String>> newMapListeners = new CopyOnWriteArrayList<>();
    private final Map<String, Long> lostByMap = new TreeMap<>();
    private long lostTotal;
    private long promotedTotal;
    private long events;
    private final TreeSet<Integer> partitions = new TreeSet<>();
    private final TreeSet<String> maps = new TreeSet<>();
    private Instant since;
    private Instant last;

    @Inject
    public PartitionLossLog(Grid grid) {
        this(grid.cluster());
    }

    /** A log of {@code cluster}'s events from now on. */
    public PartitionLossLog(ClusterView cluster) {
        this.subscription = cluster.subscribe(this::record);
    }

    /** Losses since start or the last acknowledgement, if any. */
    public synchronized Optional<Loss> unacknowledged() {
        return events == 0 ? Optional.empty()
                : Optional.of(new Loss(events, List.copyOf(partitions), List.copyOf(maps), since, last));
    }

    /** Clears the unacknowledged losses (not the totals) and answers what was cleared. */
    public synchronized Optional<Loss> acknowledge() {
        Optional<Loss> cleared = unacknowledged();
        events = 0;
        partitions.clear();
        maps.clear();
        since = null;
        last = null;
        return cleared;
    }

    /** Partition-lost events since start. */
    public synchronized long lostTotal() {
        return lostTotal;
    }

    /** Partition-promoted events since start. */
    public synchronized long promotedTotal() {
        return promotedTotal;
    }

    /** Partition-lost events per map since start, by map name; only maps that lost data appear. */
    public synchronized Map<String, Long> lostByMap() {
        return Map.copyOf(lostByMap);
    }

    /**
     * Calls {@code listener} with the name of each map the first time it loses a partition (on a Hazelcast event
     * thread: return quickly).
     */
    public void onNewMap(Consumer<String> listener) {
        newMapListeners.add(listener);
    }

    private void record(ClusterEvent event) {
        if (event instanceof ClusterEvent.PartitionPromoted) {
            synchronized (this) {
                promotedTotal++;
            }
        } else if (event instanceof ClusterEvent.PartitionLost lost) {
            List<String> fresh = lost(lost);
            fresh.forEach(name -> newMapListeners.forEach(l -> l.accept(name)));
        }
    }

    private synchronized List<String> lost(ClusterEvent.PartitionLost lost) {
        lostTotal++;
        events++;
        partitions.add(lost.partitionId());
        maps.addAll(lost.maps());
        since = since == null ? lost.at() : since;
        last = lost.at();
        return lost.maps().stream().filter(name -> lostByMap.merge(name, 1L, Long::sum) == 1L).toList();
    }

    @PreDestroy
    void close() {
        subscription.close();
    }
}

package dev.flotilla.grid.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceImpl;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.partition.impl.InternalPartitionServiceImpl;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import com.hazelcast.partition.Partition;
import dev.flotilla.grid.map.MapStatistics;
import dev.flotilla.grid.map.MemberMapStatistics;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads one member's map statistics and keeps a few earlier samples of its operation counters, so a read can
 * answer operations per second over the last {@value MemberMapStatistics#WINDOW_SECONDS} seconds. Hazelcast only
 * counts since start; the rate needs an earlier count, so the first read has none. One per member, kept in the
 * member's user context so the statistics task, which runs on any member, finds the same one.
 */
public final class MapStatisticsSampler {
    private static final String USER_CONTEXT_KEY = "flotilla.map-statistics-sampler";
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(MemberMapStatistics.WINDOW_SECONDS);
    // one sample a second at most keeps the deque at about WINDOW_SECONDS entries however often it is read
    private static final long SAMPLE_SPACING_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final HazelcastInstance hazelcast;
    private final Deque<Sample> samples = new ArrayDeque<>();

    private record Sample(long nanos, Map<String, Long> operations) {
    }

    private MapStatisticsSampler(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    /** The sampler of that member, made on first use. */
    public static MapStatisticsSampler of(HazelcastInstance hazelcast) {
        return (MapStatisticsSampler) hazelcast.getUserContext()
                .computeIfAbsent(USER_CONTEXT_KEY, k -> new MapStatisticsSampler(hazelcast));
    }

    /** The member's statistics now, with rates against the newest sample at least a window old. */
    public synchronized MemberMapStatistics read() {
        long now = System.nanoTime();
        Instant takenAt = Instant.now();
        List<LocalStats> local = hazelcast.getDistributedObjects().stream()
                .filter(o -> o instanceof IMap<?, ?> && !o.getName().startsWith("_"))
                .map(o -> new LocalStats(o.getName(), ((IMap<?, ?>) o).getLocalMapStats()))
                .sorted(Comparator.comparing(LocalStats::name))
                .toList();
        Map<String, Long> operations = new HashMap<>();
        local.forEach(l -> operations.put(l.name(), l.operations()));
        if (samples.isEmpty() || now - samples.peekLast().nanos() >= SAMPLE_SPACING_NANOS) {
            samples.addLast(new Sample(now, operations));
        }
        while (samples.size() > 1 && now - secondOldest().nanos() >= WINDOW_NANOS) {
            samples.removeFirst();
        }
        Sample base = samples.peekFirst();
        double seconds = (now - base.nanos()) / 1e9;
        List<MapStatistics> maps = new ArrayList<>();
        for (LocalStats l : local) {
            LocalMapStats s = l.stats();
            // a map created after the base sample counted nothing then
            double rate = seconds <= 0 ? 0 : (l.operations() - base.operations().getOrDefault(l.name(), 0L)) / seconds;
            maps.add(new MapStatistics(l.name(), s.getOwnedEntryCount(), s.getBackupEntryCount(),
                    s.getOwnedEntryMemoryCost(), s.getBackupEntryMemoryCost(), s.getGetOperationCount(),
                    s.getPutOperationCount() + s.getOtherOperationCount(), s.getRemoveOperationCount(),
                    Math.max(0, rate)));
        }
        return new MemberMapStatistics(localAddress(), takenAt, ownedPartitions(), migrationQueueSize(), seconds, maps);
    }

    private Sample secondOldest() {
        var it = samples.iterator();
        it.next();
        return it.next();
    }

    private record LocalStats(String name, LocalMapStats stats) {
        long operations() {
            return stats.getGetOperationCount() + stats.getPutOperationCount() + stats.getOtherOperationCount()
                    + stats.getRemoveOperationCount();
        }
    }

    private String localAddress() {
        var address = hazelcast.getCluster().getLocalMember().getAddress();
        return address.getHost() + ":" + address.getPort();
    }

    private int ownedPartitions() {
        int owned = 0;
        for (Partition partition : hazelcast.getPartitionService().getPartitions()) {
            if (partition.getOwner() != null && partition.getOwner().localMember()) {
                owned++;
            }
        }
        return owned;
    }

    /** Hazelcast keeps the queue in its internal partition service; no public API shows it. */
    private long migrationQueueSize() {
        HazelcastInstanceImpl original = hazelcast instanceof HazelcastInstanceProxy proxy
                ? proxy.getOriginal() : (HazelcastInstanceImpl) hazelcast;
        return ((InternalPartitionServiceImpl) original.node.getPartitionService()).getMigrationQueueSize();
    }
}

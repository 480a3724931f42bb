package dev.flotilla.server.metrics;

import dev.flotilla.server.cluster.PartitionLossLog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Data loss for {@code /prometheus}, as this node saw it since it started (acknowledging a loss does not reset them):
 * {@code flotilla_partitions_lost_total} (partition-lost events: partitions lost beyond their backups; one partition
 * is counted again when Hazelcast reports it twice, as when its replicas go in two member-list updates; the distinct
 * partitions are in {@code /cluster/data-loss}), {@code flotilla_partitions_promoted_total}
 * (replicas lost but a backup took over: nothing lost) and {@code flotilla_map_partitions_lost_total{map}} (partitions
 * whose entries that map lost). A map's meter appears with its first loss, so the label only ever names a map that
 * existed and lost data.
 */
@Singleton
public class PartitionLossMeters implements MeterBinder {
    private final PartitionLossLog log;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    public PartitionLossMeters(PartitionLossLog log) {
        this.log = log;
        log.onNewMap(name -> registries.forEach(registry -> registerMap(registry, name)));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(registry);
        FunctionCounter.builder("flotilla.partitions.lost", log, PartitionLossLog::lostTotal)
                .description("partition-lost events: partitions lost beyond their backups (entries gone), as this node saw them").register(registry);
        FunctionCounter.builder("flotilla.partitions.promoted", log, PartitionLossLog::promotedTotal)
                .description("partitions whose lost replicas a backup replaced (nothing lost)").register(registry);
        log.lostByMap().keySet().forEach(name -> registerMap(registry, name));
    }

    private void registerMap(MeterRegistry registry, String map) {
        FunctionCounter.builder("flotilla.map.partitions.lost", log, l -> l.lostByMap().getOrDefault(map, 0L))
                .tag("map", map).description("partitions whose entries this map lost").register(registry);
    }
}

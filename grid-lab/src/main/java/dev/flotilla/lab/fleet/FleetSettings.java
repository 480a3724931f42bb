package dev.flotilla.lab.fleet;

import dev.flotilla.grid.MapSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How to start a fleet of node processes.
 *
 * @param size          nodes started at once when the fleet forms
 * @param capacity      nodes the fleet may ever have (joins included): their addresses and ports are chosen up front,
 *                      so every node file and every client lists them all
 * @param map           replication of every map ({@code map-defaults})
 * @param cpMemberCount CP members (0: CP calls run without Raft)
 * @param maxNoHeartbeat how long a silent member is kept before the others remove it (the node's failure detector)
 * @param dir           where node files and logs go ({@code dir/n1.yml}, {@code dir/n1.log}, ...)
 * @param properties    Hazelcast properties for every node, on top of the lab's own
 * @param network       whether the fleet cuts the network between its nodes ({@link PrivateNetwork}): forming then
 *                      fails unless the lab runs in its private network namespace
 */
public record FleetSettings(int size, int capacity, MapSettings map, int cpMemberCount, Duration maxNoHeartbeat,
                            Path dir, Map<String, String> properties, boolean network) {

    /** Validates and copies. */
    public FleetSettings {
        if (size < 1 || capacity < size || capacity > 250) {
            throw new IllegalArgumentException("need 1 <= size <= capacity <= 250, got size " + size + ", capacity " + capacity);
        }
        if (maxNoHeartbeat == null || maxNoHeartbeat.toSeconds() < 2) {
            throw new IllegalArgumentException("maxNoHeartbeat must be at least 2 s, was " + maxNoHeartbeat);
        }
        properties = Map.copyOf(properties == null ? Map.of() : properties);
    }
}

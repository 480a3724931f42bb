package dev.flotilla.bench.scaling;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridConfig;
import dev.flotilla.grid.LoopbackProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's partition of a key against a real member's, for the node's partition count and the lab's. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class KeyPartitionsTest {

    @Test
    void partitionOf_everyKey_matchesARealMember() {
        for (int partitions : List.of(271, 31)) {
            int port = LoopbackProfile.freePort();
            GridConfig config = GridConfig.builder().clusterName("bench-test-" + UUID.randomUUID())
                    .bindAddress("127.0.0.1").port(port).members(List.of("127.0.0.1:" + port))
                    .partitionCount(partitions)
                    .property("hazelcast.wait.seconds.before.join", "0")
                    .property("hazelcast.max.wait.seconds.before.join", "0").build();
            KeyPartitions computed = new KeyPartitions(partitions);
            try (Grid grid = Grid.start(config)) {
                for (String key : Op.keys("k", 2000)) {
                    assertThat(computed.partitionOf(key)).as(key)
                            .isEqualTo(grid.hazelcast().getPartitionService().getPartition(key).getPartitionId());
                }
                for (String key : List.of("", "ä-ü", "j999999", "a/b c")) {
                    assertThat(computed.partitionOf(key)).as(key)
                            .isEqualTo(grid.hazelcast().getPartitionService().getPartition(key).getPartitionId());
                }
            }
        }
    }
}

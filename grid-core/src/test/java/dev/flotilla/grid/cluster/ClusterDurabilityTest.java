package dev.flotilla.grid.cluster;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.fixture.GridCluster;
import dev.flotilla.grid.map.Versioned;
import dev.flotilla.grid.map.VersionedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(180)
class ClusterDurabilityTest {
    private static final int ENTRIES = 10_000;

    private final GridCluster cluster = GridCluster.create();

    @AfterEach
    void checkAndStop() {
        cluster.checkAndClose();
    }

    @Test
    void threeMembers_oneLeavesGracefully_everyEntryReadable() {
        List<Grid> members = cluster.startMembers(3);
        writeEntries(members.get(0).map("durable"));
        cluster.awaitSafe();

        cluster.shutdown(members.get(1));

        assertEveryEntryReadable(members.get(2).map("durable"));
        assertEveryEntryReadable(members.get(0).map("durable"));
    }

    @Test
    void threeMembers_oneTerminatedOnceSafe_everyEntryReadable() {
        List<Grid> members = cluster.startMembers(3);
        writeEntries(members.get(0).map("durable"));
        cluster.awaitSafe();

        cluster.terminate(members.get(2));
        cluster.awaitSafe();

        assertEveryEntryReadable(members.get(1).map("durable"));
    }

    @Test
    void noBackups_memberTerminated_entriesLostAndPartitionLossReported() {
        GridCluster bare = GridCluster.create(b -> b.mapDefaults(dev.flotilla.grid.MapSettings.DEFAULT.withBackupCount(0)));
        try {
            List<Grid> members = bare.startMembers(2);
            List<ClusterEvent.PartitionLost> lost = new java.util.concurrent.CopyOnWriteArrayList<>();
            members.get(0).cluster().subscribe(e -> {
                if (e instanceof ClusterEvent.PartitionLost p) {
                    lost.add(p);
                }
            });
            writeEntries(members.get(0).map("fragile"));
            bare.awaitSafe();

            bare.expectPartitionLoss();
            bare.terminate(members.get(1));

            org.awaitility.Awaitility.await().atMost(GridCluster.SETTLE).until(() -> !lost.isEmpty());
            assertThat(lost).allSatisfy(p -> {
                assertThat(p.lostReplicaIndex()).isZero();
                assertThat(p.maps()).containsExactly("fragile");
            });
            List<String> keys = new ArrayList<>();
            IntStream.range(0, ENTRIES).forEach(i -> keys.add("k" + i));
            int readable = members.get(0).map("fragile").getAll(keys).size();
            assertThat(readable).as("entries left after losing the only replica of about half the partitions")
                    .isLessThan(ENTRIES).isPositive();
            bare.assertHealthy();
        } finally {
            bare.close();
        }
    }

    private static void writeEntries(VersionedMap map) {
        for (int batch = 0; batch < ENTRIES; batch += 500) {
            Map<String, String> documents = new LinkedHashMap<>();
            IntStream.range(batch, batch + 500).forEach(i -> documents.put("k" + i, "{\"n\":" + i + "}"));
            assertThat(map.putAll(documents)).hasSize(500).allSatisfy((key, version) -> assertThat(version).isEqualTo(1L));
        }
    }

    private static void assertEveryEntryReadable(VersionedMap map) {
        List<String> keys = new ArrayList<>();
        IntStream.range(0, ENTRIES).forEach(i -> keys.add("k" + i));
        Map<String, Versioned> read = map.getAll(keys);
        assertThat(read).hasSize(ENTRIES);
        IntStream.range(0, ENTRIES).forEach(i ->
                assertThat(read.get("k" + i)).isEqualTo(new Versioned("{\"n\":" + i + "}", 1)));
    }
}

package dev.flotilla.server.cluster;

import dev.flotilla.client.protocol.ClusterMapsView;
import dev.flotilla.client.protocol.MapStatisticsView;
import dev.flotilla.client.protocol.MemberMapsView;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /cluster/maps} on two real nodes of one cluster, read with the client module's view type. */
@Timeout(120)
class ClusterMapsApiTest {
    private static ServerNode first;
    private static ServerNode second;

    @BeforeAll
    static void start() {
        String cluster = ServerNode.randomClusterName();
        first = ServerNode.start(cluster, List.of(), Map.of());
        second = ServerNode.start(cluster, List.of(first.memberAddress()), Map.of());
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void clusterMaps_twoNodes_perMemberAndSummedEntriesOperationsAndThroughput() {
        Http http = new Http(first.uri());
        for (int i = 0; i < 40; i++) {
            assertThat(http.put("/maps/fleet/k" + i, "{\"i\":" + i + "}").status()).isEqualTo(201);
        }
        http.get("/maps/fleet/k1");

        // once backups are in sync every entry is owned once and backed up once; the rate needs an earlier sample
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            ClusterMapsView view = Http.JSON.readValue(new Http(second.uri()).get("/cluster/maps").body(),
                    ClusterMapsView.class);
            assertThat(view.missing()).isEmpty();
            assertThat(view.members()).extracting(MemberMapsView::member)
                    .containsExactly(first.memberAddress(), second.memberAddress());
            assertThat(view.members().stream().mapToInt(MemberMapsView::ownedPartitions).sum()).isEqualTo(31);
            MapStatisticsView fleet = view.maps().stream().filter(m -> m.map().equals("fleet")).findFirst().orElseThrow();
            assertThat(fleet.ownedEntries()).isEqualTo(40);
            assertThat(fleet.backupEntries()).isEqualTo(40);
            assertThat(fleet.ownedEntryMemory()).isPositive();
            assertThat(fleet.puts()).isGreaterThanOrEqualTo(40);
            assertThat(fleet.gets()).isEqualTo(1);
            assertThat(fleet.operationsPerSecond()).isPositive();
            assertThat(view.members()).allSatisfy(m -> assertThat(m.windowSeconds()).isPositive());
        });
    }

    @Test
    void clusterMaps_unknownParameter_definite400() {
        new Http(first.uri()).get("/cluster/maps?deadline=1s").assertProblem(400, "unknown-parameter", true);
    }
}

package dev.flotilla.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.LoopbackProfile;
import dev.flotilla.grid.fixture.GridCluster;
import dev.flotilla.server.fixture.EventStream;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node in a cluster of three (two plain members started first, then the node) reports a lost member and a split
 * brain on its event stream, its counters and its health.
 */
@Timeout(180)
class SplitEventsTest {
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final List<Grid> members = new ArrayList<>();
    private ServerNode node;
    private Http http;

    @BeforeEach
    void start() {
        String cluster = ServerNode.randomClusterName();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int port = LoopbackProfile.freePort();
            addresses.add("127.0.0.1:" + port);
            members.add(Grid.start(GridCluster.testDefaults(cluster).port(port).members(List.copyOf(addresses)).build()));
        }
        // The node's split-brain handler looks for the others every second, so a cut-off node merges back soon.
        node = ServerNode.start(cluster, addresses, Map.of(
                "flotilla.properties.hazelcast.merge.first.run.delay.seconds", "1",
                "flotilla.properties.hazelcast.merge.next.run.delay.seconds", "1"));
        http = new Http(node.uri());
        await("three members").atMost(SETTLE).until(() -> node.grid().cluster().members().size() == 3
                && members.stream().allMatch(m -> m.cluster().members().size() == 3));
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        members.stream().filter(Grid::isRunning).forEach(Grid::terminate);
    }

    @Test
    void memberTerminated_oneOfThree_splitDetectedAsMajorityCountedAndInHealth() {
        try (EventStream events = EventStream.open(node.uri().resolve("/cluster/events"))) {
            await().atMost(SETTLE).until(() -> events.names().contains("subscribed"));

            members.get(1).terminate();

            await("split-detected").atMost(SETTLE).pollInterval(Duration.ofMillis(100))
                    .until(() -> events.names().contains("split-detected"));
            assertThat(events.names()).containsSubsequence("member-left", "split-detected");
            assertThat(membership(events, "split-detected")).isEqualTo(Http.JSON.createObjectNode()
                    .put("seen", 2).put("expected", 3).put("minority", false));
            assertThat(http.get("/prometheus").body()).contains("flotilla_splits_detected_total 1.0")
                    .contains("flotilla_merges_total 0.0").contains("flotilla_cluster_members_expected 3.0")
                    .contains("flotilla_cluster_minority 0.0");
            JsonNode health = http.get("/health").json().at("/details/grid/details/membership");
            assertThat(health.get("seen").asInt()).isEqualTo(2);
            assertThat(health.get("expected").asInt()).isEqualTo(3);
            assertThat(health.get("minority").asBoolean()).isFalse();
        }
    }

    @Test
    void nodeCutOff_minoritySideDetectsTheSplitThenMergesBack() {
        try (EventStream events = EventStream.open(node.uri().resolve("/cluster/events"))) {
            await().atMost(SETTLE).until(() -> events.names().contains("subscribed"));

            GridCluster.removeFromCluster(members.get(0), node.grid());

            await("merged").atMost(SETTLE).pollInterval(Duration.ofMillis(100))
                    .until(() -> events.names().contains("merged"));
            assertThat(events.names()).containsSubsequence("split-detected", "merged");
            assertThat(membership(events, "split-detected").get("seen").asInt()).isEqualTo(1);
            assertThat(membership(events, "split-detected").get("minority").asBoolean()).isTrue();
            assertThat(membership(events, "merged").get("seen").asInt()).isEqualTo(3);
            await("counters").atMost(SETTLE).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(http.get("/prometheus").body()).contains("flotilla_splits_detected_total 1.0")
                            .contains("flotilla_merges_total 1.0").contains("flotilla_cluster_minority 0.0"));
            JsonNode health = http.get("/health").json().at("/details/grid/details/membership");
            assertThat(health.get("seen").asInt()).isEqualTo(3);
            assertThat(health.get("expected").asInt()).isEqualTo(3);
        }
    }

    private static JsonNode membership(EventStream events, String type) {
        return events.events().stream().filter(e -> type.equals(e.name())).findFirst().orElseThrow()
                .data().get("membership");
    }
}

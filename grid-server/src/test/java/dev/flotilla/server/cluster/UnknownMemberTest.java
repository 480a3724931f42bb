package dev.flotilla.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.core.HazelcastInstance;
import dev.flotilla.grid.fixture.PlainMember;
import dev.flotilla.server.fixture.EventStream;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A plain Hazelcast member that knows the cluster name joins a node (Hazelcast Community cannot refuse it): the
 * node says so in /health, /prometheus and the event stream, and what the intruder wrote is visible to the API.
 */
@Timeout(120)
class UnknownMemberTest {
    @Test
    void plainMember_joins_isListedInHealthMetricsAndEvents() throws Exception {
        String clusterName = ServerNode.randomClusterName();
        try (ServerNode node = ServerNode.start(clusterName, List.of(),
                Map.of("flotilla.member-secret", "node-secret-0123456789"));
             EventStream events = EventStream.open(node.uri().resolve("/cluster/events"))) {
            Http http = new Http(node.uri());
            await().atMost(Duration.ofSeconds(10)).until(() -> events.names().contains("subscribed"));
            assertThat(http.get("/health").json().at("/details/grid/details/unknownMembers").size()).isZero();

            HazelcastInstance intruder = PlainMember.join(clusterName, node.memberAddress(),
                    node.grid().config().partitionCount());
            try {
                String address = "127.0.0.1:" + intruder.getCluster().getLocalMember().getAddress().getPort();
                await().atMost(Duration.ofSeconds(60)).until(() -> events.names().contains("unknown-member"));
                JsonNode event = events.events().stream().filter(e -> "unknown-member".equals(e.name()))
                        .findFirst().orElseThrow().data();
                assertThat(event.at("/member/address").asText()).isEqualTo(address);

                JsonNode unknown = http.get("/health").json().at("/details/grid/details/unknownMembers");
                assertThat(unknown.size()).isEqualTo(1);
                assertThat(unknown.get(0).get("address").asText()).isEqualTo(address);
                assertThat(unknown.get(0).get("reason").asText()).contains("not a Flotilla member");
                assertThat(http.get("/prometheus").body()).contains("flotilla_cluster_members_unknown 1.0");

                // What the documentation warns about: the intruder's write is served as genuine data.
                intruder.getMap("intruded").put("k", "planted");
                assertThat(node.grid().hazelcast().getMap("intruded").get("k")).isEqualTo("planted");
            } finally {
                intruder.getLifecycleService().terminate();
            }
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    http.get("/health").json().at("/details/grid/details/unknownMembers").size() == 0);
        }
    }
}

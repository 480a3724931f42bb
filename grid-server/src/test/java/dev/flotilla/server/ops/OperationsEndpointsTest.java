package dev.flotilla.server.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** /health, /prometheus and the OpenAPI document. */
@Timeout(120)
class OperationsEndpointsTest {
    private static ServerNode node;
    private static Http http;

    @BeforeAll
    static void start() {
        node = ServerNode.startAlone();
        http = new Http(node.uri());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void health_runningSafeMember_upWithGridDetails() {
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/health/safe").status() == 200);
        JsonNode health = http.get("/health").json();
        assertThat(health.get("status").asText()).isEqualTo("UP");
        JsonNode grid = health.at("/details/grid");
        assertThat(grid.get("status").asText()).isEqualTo("UP");
        assertThat(grid.at("/details/memberCount").asInt()).isEqualTo(1);
        assertThat(grid.at("/details/safety/clusterSafe").asBoolean()).isTrue();
        assertThat(grid.at("/details/safety/localMemberSafe").asBoolean()).isTrue();
        assertThat(grid.at("/details/running").asBoolean()).isTrue();
        assertThat(grid.at("/details/localMember").asText()).isEqualTo(node.memberAddress());
    }

    @Test
    void prometheus_afterRequests_exposesHttpAndGridMetrics() {
        http.put("/maps/metered/a", "{}");
        http.put("/maps/metered/b", "{}");
        http.get("/maps/metered/a");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Http.Reply reply = http.get("/prometheus");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).startsWith("text/plain");
            assertThat(reply.body())
                    .contains("http_server_requests_seconds_count{")
                    .contains("uri=\"/maps/{map}/{key}\"")
                    .contains("flotilla_cluster_members 1.0")
                    .contains("flotilla_cluster_safe 1.0")
                    .contains("flotilla_member_safe 1.0")
                    .contains("flotilla_migrations_in_flight 0.0")
                    .contains("flotilla_migrations_completed_total")
                    .contains("flotilla_map_entries{map=\"metered\"} 2.0")
                    .contains("flotilla_map_operations_total{map=\"metered\",operation=\"get\"} 1.0");
        });
    }

    @Test
    void openApi_document_servedAndDescribesEndpoints() {
        Http.Reply reply = http.get("/swagger/flotilla-0.1.yml");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).startsWith("openapi: 3")
                .contains("/maps/{map}/{key}:").contains("/maps/{map}/batch:")
                .contains("/cluster/partitions:").contains("/cluster/events:");
    }

    @Test
    void managementEndpoints_notExposed_returnRouteNotFound() {
        http.get("/env").assertProblem(404, "route-not-found", true);
        http.get("/beans").assertProblem(404, "route-not-found", true);
    }
}

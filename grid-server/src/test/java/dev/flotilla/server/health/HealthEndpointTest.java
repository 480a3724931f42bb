package dev.flotilla.server.health;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class HealthEndpointTest {

    @Test
    void health_clusterNotSafe_503OutOfServiceWhileDataStillServed() {
        try (ServerNode node = ServerNode.start(ServerNode.randomClusterName(), List.of(), Map.of("test.unsafe-health", "true"))) {
            Http http = new Http(node.uri());
            Http.Reply reply = http.get("/health");
            assertThat(reply.status()).isEqualTo(503);
            JsonNode health = reply.json();
            assertThat(health.get("status").asText()).isEqualTo("OUT_OF_SERVICE");
            assertThat(health.at("/details/grid/status").asText()).isEqualTo("OUT_OF_SERVICE");
            assertThat(health.at("/details/grid/details/clusterSafe").asBoolean()).isFalse();
            assertThat(http.put("/maps/m/k", "{}").status()).isEqualTo(201);
        }
    }
}

package dev.flotilla.server.health;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The health endpoints of real in-JVM nodes: what each says, its HTTP status, and data loss in the summary. */
@Timeout(120)
class HealthEndpointTest {

    @Test
    void endpoints_singleSettledNode_livenessReadinessSafeAndSummaryAllUp() {
        try (ServerNode node = ServerNode.startAlone()) {
            Http http = new Http(node.uri());
            await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/health/safe").status() == 200);

            Http.Reply liveness = http.get("/health/liveness");
            assertThat(liveness.status()).isEqualTo(200);
            assertThat(liveness.json().at("/details/member/status").asText()).isEqualTo("UP");
            assertThat(liveness.json().at("/details/grid").isMissingNode()).as("readiness is not liveness").isTrue();

            Http.Reply readiness = http.get("/health/readiness");
            assertThat(readiness.status()).isEqualTo(200);
            assertThat(readiness.json().at("/details/grid/details/joined").asBoolean()).isTrue();
            assertThat(readiness.json().at("/details/dataLoss").isMissingNode()).as("data loss is summary only").isTrue();

            JsonNode safe = http.get("/health/safe").json();
            assertThat(safe.get("status").asText()).isEqualTo("UP");
            assertThat(safe.at("/details/ageMillis").asLong()).isBetween(0L, safe.at("/details/maxAgeMillis").asLong());
            assertThat(safe.at("/details/maxAgeMillis").asLong()).isEqualTo(5_000L);
            assertThat(safe.at("/details/deadlineMillis").asLong()).isEqualTo(2_000L);

            Http.Reply summary = http.get("/health");
            assertThat(summary.status()).isEqualTo(200);
            assertThat(summary.json().get("status").asText()).isEqualTo("UP");
            assertThat(summary.json().at("/details/dataLoss/status").asText()).isEqualTo("UP");
            assertThat(summary.json().at("/details/member/status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void safe_unknownParameter_problemNotServerError() {
        try (ServerNode node = ServerNode.startAlone()) {
            new Http(node.uri()).get("/health/safe?verbose=1").assertProblem(400, "unknown-parameter", true);
        }
    }

    @Test
    void summary_memberWithTheOnlyReplicasCrashed_degraded200WithMapsAndReadinessUpUntilAcknowledged() {
        String cluster = ServerNode.randomClusterName();
        Map<String, Object> noBackups = Map.of("flotilla.map-defaults.backup-count", 0);
        try (ServerNode survivor = ServerNode.start(cluster, List.of(), noBackups);
             ServerNode victim = ServerNode.start(cluster, List.of(survivor.memberAddress()), noBackups)) {
            Http http = new Http(survivor.uri());
            await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/health/safe").status() == 200
                    && new Http(victim.uri()).get("/health/safe").status() == 200);
            for (int i = 0; i < 60; i++) {
                assertThat(http.put("/maps/orders/k" + i, "{}").status()).isEqualTo(201);
            }
            assertThat(http.get("/health").json().at("/details/dataLoss/status").asText()).isEqualTo("UP");

            victim.grid().terminate(); // a crash: its partitions had no backup

            await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/health").json().get("status").asText()
                    .equals("DEGRADED"));
            Http.Reply summary = http.get("/health");
            assertThat(summary.status()).isEqualTo(200);
            JsonNode loss = summary.json().at("/details/dataLoss/details");
            assertThat(loss.get("partitionsLost").asInt()).isPositive();
            assertThat(loss.get("maps")).extracting(JsonNode::asText).contains("orders");
            assertThat(loss.get("since").asText()).isNotEmpty();
            assertThat(http.get("/health/readiness").status()).isEqualTo(200);
            assertThat(http.get("/health/liveness").status()).isEqualTo(200);
            String metrics = http.get("/prometheus").body();
            assertThat(metrics).containsPattern("(?m)^flotilla_partitions_lost_total(\\{[^}]*})? [1-9]")
                    .containsPattern("(?m)^flotilla_map_partitions_lost_total\\{[^}]*map=\"orders\"[^}]*} [1-9]");

            Http.Reply acknowledged = http.delete("/cluster/data-loss");
            assertThat(acknowledged.status()).isEqualTo(200);
            assertThat(acknowledged.json().get("maps")).extracting(JsonNode::asText).contains("orders");
            assertThat(http.get("/health").json().get("status").asText()).isEqualTo("UP");
            assertThat(http.get("/cluster/data-loss").json().get("partitionsLost").asInt()).isZero();
            assertThat(http.get("/prometheus").body()).as("totals stay after the acknowledgement")
                    .containsPattern("(?m)^flotilla_partitions_lost_total(\\{[^}]*})? [1-9]");
        }
    }
}
